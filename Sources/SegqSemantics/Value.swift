import SegqSyntax

/// A time operand, kept symbolic so a saved segment stays dynamic.
/// Day values (`date`, `today`, `yesterday`, relative d/w/mo/y) denote a
/// whole calendar day in the store's time zone, periods (`this month`,
/// `2026-11`) a run of whole days; the others are instants.
public enum TimeValue: Hashable, Sendable {
    case date(CalendarDate)
    case instant(InstantLiteral)
    case relative(RelativeTime)
    case period(CalendarPeriod)
    case today, yesterday, now

    /// True for values made of whole calendar days (a day or a period)
    /// rather than a point.
    public var isDay: Bool {
        switch self {
        case .date, .today, .yesterday, .period: return true
        case .relative(let r): return r.unit.isCalendar
        case .instant, .now: return false
        }
    }
}

/// A literal operand after checking, in the type of the field it is compared with.
public enum Value: Hashable, Sendable {
    case string(String)
    case int(Int64)
    case number(Double)
    case bool(Bool)
    case time(TimeValue)

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
