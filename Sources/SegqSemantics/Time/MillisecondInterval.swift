/// A closed range of instants in milliseconds since the epoch, the form in
/// which every time test reaches a store: `lower <= t && t <= upper`.
/// A nil bound is unbounded. Day ranges [start, next start) become
/// [start, next start − 1]. Shared by the planner and every evaluator so
/// they resolve time tests identically (Grammar/README.md "Time").
public struct MillisecondInterval: Hashable, Sendable, CustomStringConvertible {
    /// Inclusive lower bound; nil means no lower bound.
    public var lower: Int64?
    /// Inclusive upper bound; nil means no upper bound.
    public var upper: Int64?

    public init(lower: Int64?, upper: Int64?) {
        self.lower = lower
        self.upper = upper
    }

    /// The interval containing no instant.
    public static let empty = MillisecondInterval(lower: 1, upper: 0)
    /// Every instant.
    public static let all = MillisecondInterval(lower: nil, upper: nil)

    /// The half-open range [start, end); empty when `end <= start`.
    public static func halfOpen(_ start: Int64, _ end: Int64) -> MillisecondInterval {
        end <= start ? .empty : MillisecondInterval(lower: start, upper: end - 1)
    }

    /// Instants strictly before `end`.
    public static func before(_ end: Int64) -> MillisecondInterval {
        end == Int64.min ? .empty : MillisecondInterval(lower: nil, upper: end - 1)
    }

    /// Instants strictly after `start`.
    public static func after(_ start: Int64) -> MillisecondInterval {
        start == Int64.max ? .empty : MillisecondInterval(lower: start + 1, upper: nil)
    }

    public var isEmpty: Bool {
        if let lower, let upper { return lower > upper }
        return false
    }

    public func contains(_ t: Int64) -> Bool {
        if let lower, t < lower { return false }
        if let upper, t > upper { return false }
        return true
    }

    /// The instants in both.
    public func intersection(_ other: MillisecondInterval) -> MillisecondInterval {
        let lo: Int64? = {
            switch (lower, other.lower) {
            case let (a?, b?): return max(a, b)
            case let (a?, nil): return a
            case let (nil, b): return b
            }
        }()
        let hi: Int64? = {
            switch (upper, other.upper) {
            case let (a?, b?): return min(a, b)
            case let (a?, nil): return a
            case let (nil, b): return b
            }
        }()
        let result = MillisecondInterval(lower: lo, upper: hi)
        return result.isEmpty ? .empty : result
    }

    public var description: String {
        if isEmpty { return "[]" }
        return "[\(lower.map(String.init) ?? "-∞"), \(upper.map(String.init) ?? "+∞")]"
    }
}
