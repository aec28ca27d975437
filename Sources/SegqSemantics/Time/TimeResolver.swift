import Foundation
import SegqSyntax

/// A time value resolved against an evaluation context: a whole calendar
/// day (days since 1970-01-01 in the context's zone) or a point in time
/// (milliseconds since the epoch), or a period: the whole days from
/// `first` through `last`.
public enum ResolvedTime: Hashable, Sendable {
    case day(Int64)
    case point(Int64)
    case days(first: Int64, last: Int64)
}

/// Resolves symbolic time values (Grammar/README.md "Time") for one evaluation
/// context. This is the single implementation of the time semantics: the
/// planner, the stores and the reference evaluator all call it, so they
/// agree to the millisecond.
///
/// Contracts:
/// - Days are calendar days of `context.timeZone`. A day starts at local
///   midnight; when midnight does not exist (a DST gap at 00:00) it starts
///   at the first instant that exists on that day; when midnight occurs
///   twice, at the first one.
/// - `-Nd` is N days before today, `-Nw` 7N days, `-Nmo`/`-Ny` the same
///   day of the month N months/years back, clamped to the month's last day.
///   `±Nh` is now ± N hours (a point).
/// - A period is a run of whole days: `this week` is Monday through Sunday
///   of today's week (weeks start on Monday), `last week` the 7 days
///   before it; `this month`/`last month` and `this year`/`last year` the
///   calendar month or year of today and the one before; `2026-11` that
///   month.
/// - Arithmetic saturates; times beyond ±1e11 days clamp to `Int64.min/max`.
public struct TimeResolver: Sendable {
    public let context: EvaluationContext
    private let offsets: ZoneOffsets

    static let millisecondsPerDay: Int64 = 86_400_000
    static let millisecondsPerHour: Int64 = 3_600_000

    public init(_ context: EvaluationContext) {
        self.context = context
        self.offsets = ZoneOffsets(context.timeZone)
    }

    /// Today: the calendar day containing `now`.
    public var today: Int64 { dayIndex(ofInstant: context.now) }

    /// The local calendar day of an instant, as days since 1970-01-01.
    public func dayIndex(ofInstant ms: Int64) -> Int64 {
        let local = Saturating.add(ms, offsets.offsetMilliseconds(at: ms))
        return Saturating.floorDivide(local, TimeResolver.millisecondsPerDay)
    }

    /// The first instant of a calendar day (see the type's contract).
    public func startOfDay(_ day: Int64) -> Int64 {
        offsets.startOfDay(day)
    }

    /// The instants of one calendar day.
    public func dayRange(_ day: Int64) -> MillisecondInterval {
        .halfOpen(startOfDay(day), startOfDay(Saturating.add(day, 1)))
    }

    /// A time value as a day or a point.
    public func resolve(_ value: TimeValue) -> ResolvedTime {
        switch value {
        case .date(let d): return .day(Int64(d.daysSinceEpoch))
        case .today: return .day(today)
        case .yesterday: return .day(Saturating.subtract(today, 1))
        case .now: return .point(context.now)
        case .instant(let i): return .point(i.epochMilliseconds)
        case .period(let p):
            let (first, last) = days(of: p)
            return .days(first: first, last: last)
        case .relative(let r):
            let n = Int64(r.count)
            switch r.unit {
            case .hour: return .point(Saturating.add(context.now, Saturating.multiply(n, TimeResolver.millisecondsPerHour)))
            case .day: return .day(Saturating.add(today, n))
            case .week: return .day(Saturating.add(today, Saturating.multiply(n, 7)))
            case .month: return .day(CalendarArithmetic.addingMonths(n, toDay: today))
            case .year: return .day(CalendarArithmetic.addingMonths(Saturating.multiply(n, 12), toDay: today))
            }
        }
    }

    /// The first and last day of a period, as days since 1970-01-01.
    public func days(of period: CalendarPeriod) -> (first: Int64, last: Int64) {
        switch period {
        case .this(let unit): return CalendarArithmetic.period(unit, back: 0, fromDay: today)
        case .last(let unit): return CalendarArithmetic.period(unit, back: 1, fromDay: today)
        case .month(let year, let month):
            let first = CalendarDate(year: year, month: month, day: 1)
            let last = CalendarDate(year: year, month: month, day: CalendarDate.daysInMonth(year: year, month: month))
            return (Int64(first.daysSinceEpoch), Int64(last.daysSinceEpoch))
        }
    }

    /// The first instant a value covers (a day's or period's start, or the point).
    func lowerInstant(_ value: TimeValue) -> Int64 {
        switch resolve(value) {
        case .day(let d): return startOfDay(d)
        case .days(let first, _): return startOfDay(first)
        case .point(let p): return p
        }
    }

    /// The last instant a value covers (the last millisecond of a day or
    /// period, or the point).
    func upperInstant(_ value: TimeValue) -> Int64 {
        switch resolve(value) {
        case .day(let d), .days(_, let d):
            let next = startOfDay(Saturating.add(d, 1))
            return next == Int64.min ? Int64.min : next - 1
        case .point(let p): return p
        }
    }

    /// The instants for which a positive test on a time field is true
    /// (Grammar/README.md "Time"): with a day or period D, `= D` within D, `< D` before its
    /// start, `<= D` before its end, `> D` at or after its end, `>= D` at or
    /// after its start, `between D1 and D2` from the start of D1 to the end
    /// of D2; with points, plain comparisons (`between` inclusive). A
    /// negated test is true outside the interval and on a missing value.
    /// Returns nil for tests that are not time comparisons.
    public func interval(for test: Test) -> MillisecondInterval? {
        switch test {
        case .equals(.time(let v)):
            switch resolve(v) {
            case .day(let d): return dayRange(d)
            case .days(let first, let last): return .halfOpen(startOfDay(first), startOfDay(Saturating.add(last, 1)))
            case .point(let p): return MillisecondInterval(lower: p, upper: p)
            }
        case .less(.time(let v)):
            return .before(lowerInstant(v))
        case .lessOrEqual(.time(let v)):
            return MillisecondInterval(lower: nil, upper: upperInstant(v))
        case .greater(.time(let v)):
            return .after(upperInstant(v))
        case .greaterOrEqual(.time(let v)):
            return MillisecondInterval(lower: lowerInstant(v), upper: nil)
        case .between(.time(let a), .time(let b)):
            let r = MillisecondInterval(lower: lowerInstant(a), upper: upperInstant(b))
            return r.isEmpty ? .empty : r
        default:
            return nil
        }
    }

    /// `shopify.days_since_last_purchase` of a purchase at `ms`: calendar
    /// days from the purchase's day to today (negative for future times).
    public func daysSince(_ ms: Int64) -> Int64 {
        Saturating.subtract(today, dayIndex(ofInstant: ms))
    }

    /// `shopify.hours_since_cart_abandoned` of a cart abandoned at `ms`:
    /// whole hours from it to now, floor((now − ms) / 1 h), also for future times.
    public func hoursSince(_ ms: Int64) -> Int64 {
        Saturating.floorDivide(Saturating.subtract(context.now, ms), TimeResolver.millisecondsPerHour)
    }
}
