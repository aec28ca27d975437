import SegqBasics

/// A calendar day as written (`2026-06-01`); the type lives in SegqBasics,
/// where the instant formatter needs it too.
public typealias CalendarDate = SegqBasics.CalendarDate

/// An instant as written (`2026-06-01T09:30:00Z`, `…+09:00`).
public struct InstantLiteral: Hashable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var epochMilliseconds: Int64
    /// The UTC offset it was written with, in seconds (0 for `Z`); kept for printing.
    public var offsetSeconds: Int

    public init(epochMilliseconds: Int64, offsetSeconds: Int) {
        self.epochMilliseconds = epochMilliseconds
        self.offsetSeconds = offsetSeconds
    }
}

public enum TimeUnit: String, Hashable, Sendable, CaseIterable {
    case hour = "h", day = "d", week = "w", month = "mo", year = "y"

    /// Calendar units denote a day; `h` denotes an instant.
    public var isCalendar: Bool { self != .hour }
}

/// `-7d`, `+3d`, `-24h`: a signed count of a unit relative to now/today.
public struct RelativeTime: Hashable, Sendable, CustomStringConvertible {
    /// Negative counts go back in time. `explicitSign` records whether a sign was written.
    public var count: Int
    public var unit: TimeUnit
    public var explicitSign: Bool

    public init(count: Int, unit: TimeUnit, explicitSign: Bool = true) {
        self.count = count
        self.unit = unit
        self.explicitSign = explicitSign
    }

    public var description: String {
        (count < 0 ? "-" : "+") + String(abs(count)) + unit.rawValue
    }
}

/// A calendar period: a run of whole days. `this week`/`last week` (weeks
/// start on Monday), `this month`/`last month`, `this year`/`last year`
/// move with today; a month literal (`2026-11`) is fixed.
public enum CalendarPeriod: Hashable, Sendable, CustomStringConvertible {
    case this(PeriodUnit)
    case last(PeriodUnit)
    case month(year: Int, month: Int)

    public var description: String {
        switch self {
        case .this(let unit): return "this " + unit.rawValue
        case .last(let unit): return "last " + unit.rawValue
        case .month(let year, let month):
            let y = String(year), m = String(month)
            return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" : "") + m
        }
    }
}

/// The unit of a relative period.
public enum PeriodUnit: String, Hashable, Sendable, CaseIterable {
    case week, month, year
}
