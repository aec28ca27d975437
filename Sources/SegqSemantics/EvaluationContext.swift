import Foundation

/// When and where a query is evaluated (Grammar/README.md "Time"): `now` is the
/// evaluation instant, `timeZone` the store's (or the command's) zone.
/// Every day value is resolved against these two.
public struct EvaluationContext: Hashable, Sendable {
    /// Milliseconds since the Unix epoch.
    public var now: Int64
    public var timeZone: TimeZone

    public init(now: Int64, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.now = now
        self.timeZone = timeZone
    }
}
