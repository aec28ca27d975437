import SegqSyntax

/// `within` and the bound order of `between` (Grammar/README.md "Time").
enum RangeChecks {
    /// `within r` as an inclusive range: an unsigned or negative `r` is the
    /// span from `-|r|` up to now (`within 7d` ≡ `>= -7d and <= now`), a
    /// `+r` the span from now up to `+r`.
    static func within(_ r: RelativeTime) -> Test {
        if r.explicitSign, r.count > 0 {
            return .between(.time(.now), .time(.relative(RelativeTime(count: r.count, unit: r.unit))))
        }
        let back = RelativeTime(count: -abs(r.count), unit: r.unit, explicitSign: true)
        return .between(.time(.relative(back)), .time(.now))
    }

    enum Order: Equatable {
        case ordered
        /// The lower bound comes after the upper one.
        case reversed(comparedInUTC: Bool)
        /// Not comparable without a clock (e.g. a date and `-7d`).
        case unknown
    }

    /// Whether `between low and high` names an empty range. Numbers compare
    /// by value. Two absolute times compare by their bounds (a day from its
    /// start to its end; a day against an instant in UTC). Two relative
    /// times compare when they count the same family of units: days
    /// (`d`, `w`, `today`, `yesterday`), months (`mo`, `y`), hours (`h`, `now`)
    /// or one period unit (`last month` before `this month`).
    static func order(_ low: Value, _ high: Value) -> Order {
        switch (low, high) {
        case (.int(let a), .int(let b)): return a > b ? .reversed(comparedInUTC: false) : .ordered
        case (.number(let a), .number(let b)): return a > b ? .reversed(comparedInUTC: false) : .ordered
        case (.time(let a), .time(let b)): return order(a, b)
        default: return .unknown
        }
    }

    private static let millisecondsPerDay: Int64 = 86_400_000

    private static func order(_ low: TimeValue, _ high: TimeValue) -> Order {
        if let a = absoluteBounds(low), let b = absoluteBounds(high) {
            let mixed = low.isDay != high.isDay
            // Empty when the range's start is at or past its end (a day's end is exclusive).
            let empty = high.isDay ? a.start >= b.end : a.start > b.start
            return empty ? .reversed(comparedInUTC: mixed) : .ordered
        }
        if let a = relativePosition(low), let b = relativePosition(high), a.family == b.family {
            return a.count > b.count ? .reversed(comparedInUTC: false) : .ordered
        }
        return .unknown
    }

    /// Start and exclusive end in epoch milliseconds (UTC); an instant is a point.
    private static func absoluteBounds(_ t: TimeValue) -> (start: Int64, end: Int64)? {
        switch t {
        case .date(let d):
            let start = Int64(d.daysSinceEpoch) * millisecondsPerDay
            return (start, start + millisecondsPerDay)
        case .instant(let i): return (i.epochMilliseconds, i.epochMilliseconds)
        case .period(.month(let year, let month)):
            let start = Int64(CalendarDate(year: year, month: month, day: 1).daysSinceEpoch) * millisecondsPerDay
            return (start, start + Int64(CalendarDate.daysInMonth(year: year, month: month)) * millisecondsPerDay)
        default: return nil
        }
    }

    private enum Family: Equatable { case days, months, hours, period(PeriodUnit) }

    private static func relativePosition(_ t: TimeValue) -> (family: Family, count: Int)? {
        switch t {
        case .today: return (.days, 0)
        case .yesterday: return (.days, -1)
        case .now: return (.hours, 0)
        case .period(.this(let unit)): return (.period(unit), 0)
        case .period(.last(let unit)): return (.period(unit), -1)
        case .relative(let r):
            switch r.unit {
            case .day: return (.days, r.count)
            case .week: return (.days, saturatingProduct(r.count, 7))
            case .month: return (.months, r.count)
            case .year: return (.months, saturatingProduct(r.count, 12))
            case .hour: return (.hours, r.count)
            }
        default: return nil
        }
    }

    private static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? (a < 0 ? Int.min : Int.max) : product
    }
}
