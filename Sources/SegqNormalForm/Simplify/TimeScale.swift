import SegqSyntax
import SegqSemantics

/// Which time values can be ordered without knowing `now` or the zone
/// (Grammar/README.md "Time"; the normal form never resolves relative times, so a
/// saved segment stays dynamic). Values of one scale order by `key`:
/// dates by day, `today`/`yesterday`/`±Nd`/`±Nw` by days from today,
/// `±Nmo`/`±Ny` by months from today, instants by millisecond, `now`/`±Nh`
/// by hours from now, month literals by month, `this`/`last week` (month,
/// year) by periods from the current one. Values of different scales are
/// never compared.
enum TimeScale: Int, Hashable, Sendable {
    case date, relativeDay, relativeMonth, instant, relativeHour
    case calendarMonth, periodWeek, periodMonth, periodYear

    /// Day and period scales step by whole units, so `> D` is `>= D+1`.
    var isDiscrete: Bool {
        switch self {
        case .date, .relativeDay, .calendarMonth, .periodWeek, .periodMonth, .periodYear: return true
        case .relativeMonth, .instant, .relativeHour: return false
        }
    }

    static func of(_ v: TimeValue) -> (scale: TimeScale, key: Int64) {
        switch v {
        case .date(let d): return (.date, Int64(d.daysSinceEpoch))
        case .today: return (.relativeDay, 0)
        case .yesterday: return (.relativeDay, -1)
        case .now: return (.relativeHour, 0)
        case .instant(let i): return (.instant, i.epochMilliseconds)
        case .period(.month(let year, let month)): return (.calendarMonth, Int64(year) * 12 + Int64(month - 1))
        case .period(.this(let unit)): return (periodScale(unit), 0)
        case .period(.last(let unit)): return (periodScale(unit), -1)
        case .relative(let r):
            let n = Int64(r.count)
            switch r.unit {
            case .day: return (.relativeDay, n)
            case .week: return (.relativeDay, saturatingMultiply(n, 7))
            case .month: return (.relativeMonth, n)
            case .year: return (.relativeMonth, saturatingMultiply(n, 12))
            case .hour: return (.relativeHour, n)
            }
        }
    }

    /// The value of a discrete scale at `key`, when it can be written.
    func value(at key: Int64) -> TimeValue? {
        switch self {
        case .date:
            guard key >= -719_162, key <= 2_932_896 else { return nil }   // 0001-01-01 … 9999-12-31
            return .date(CalendarDate(daysSinceEpoch: Int(key)))
        case .relativeDay:
            if key == 0 { return .today }
            if key == -1 { return .yesterday }
            return .relative(RelativeTime(count: Int(key), unit: .day, explicitSign: true))
        case .calendarMonth:
            guard key >= 12, key < 120_000 else { return nil }   // 0001-01 … 9999-12
            return .period(.month(year: Int(key / 12), month: Int(key % 12) + 1))
        case .periodWeek, .periodMonth, .periodYear:
            let unit: PeriodUnit = self == .periodWeek ? .week : self == .periodMonth ? .month : .year
            if key == 0 { return .period(.this(unit)) }
            if key == -1 { return .period(.last(unit)) }
            return nil
        default:
            return nil
        }
    }

    private static func periodScale(_ unit: PeriodUnit) -> TimeScale {
        switch unit {
        case .week: return .periodWeek
        case .month: return .periodMonth
        case .year: return .periodYear
        }
    }

    private static func saturatingMultiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? (a < 0 ? Int64.min : Int64.max) : r
    }
}
