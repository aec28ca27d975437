import ArgumentParser
import Foundation
import Segq

/// `--now` and `--tz`: the evaluation instant and time zone
/// (Grammar/README.md "Time"), shared by every command that resolves times.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluation instant, RFC 3339 (default: the current time).",
                               valueName: "RFC3339"))
    var now: String?

    @Option(help: ArgumentHelp("Time zone, an IANA name such as Asia/Tokyo (default: the store's, else UTC).",
                               valueName: "ZONE"))
    var tz: String?

    /// Refuses a `--now` that is not an RFC 3339 instant (also `generate --now`).
    static func validate(now: String?) throws {
        if let now, RFC3339.parse(now) == nil {
            throw ValidationError("--now: `\(now)` is not an RFC 3339 instant (e.g. 2026-11-23T09:00:00Z)")
        }
    }

    func validate() throws {
        try Self.validate(now: now)
        if let tz, TimeZone(identifier: tz) == nil {
            throw ValidationError("--tz: unknown time zone `\(tz)` (use an IANA name such as Asia/Tokyo)")
        }
    }
}
