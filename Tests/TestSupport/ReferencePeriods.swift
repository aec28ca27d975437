import Foundation
import SegqSyntax
import SegqSemantics

/// The instants of a calendar period computed the way a person would with
/// Foundation's Gregorian calendar (weeks starting on Monday), independently
/// of `TimeResolver`'s day arithmetic: the reference evaluator judges the
/// production resolution of `this week`, `last month`, `2026-11`, … with it.
struct ReferencePeriods {
    let context: EvaluationContext
    private let calendar: Calendar

    init(context: EvaluationContext) {
        self.context = context
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.timeZone
        calendar.firstWeekday = 2
        self.calendar = calendar
    }

    /// [start, end) of the period, in epoch milliseconds.
    func instants(of period: CalendarPeriod) -> (start: Int64, end: Int64) {
        let now = Date(timeIntervalSince1970: Double(context.now) / 1000)
        let interval: DateInterval
        switch period {
        case .this(let unit):
            interval = calendar.dateInterval(of: component(unit), for: now)!
        case .last(let unit):
            let current = calendar.dateInterval(of: component(unit), for: now)!
            interval = calendar.dateInterval(of: component(unit), for: current.start.addingTimeInterval(-1))!
        case .month(let year, let month):
            let first = calendar.date(from: DateComponents(year: year, month: month, day: 1, hour: 12))!
            interval = calendar.dateInterval(of: .month, for: first)!
        }
        return (milliseconds(interval.start), milliseconds(interval.end))
    }

    private func component(_ unit: PeriodUnit) -> Calendar.Component {
        switch unit {
        case .week: return .weekOfYear
        case .month: return .month
        case .year: return .year
        }
    }

    private func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Whether a test involves a period operand.
    static func involvesPeriod(_ test: Test) -> Bool {
        func isPeriod(_ v: Value) -> Bool { if case .time(.period) = v { return true } else { return false } }
        switch test {
        case .equals(let v), .less(let v), .lessOrEqual(let v), .greater(let v), .greaterOrEqual(let v): return isPeriod(v)
        case .between(let a, let b): return isPeriod(a) || isPeriod(b)
        default: return false
        }
    }

    /// A time test with a period operand, read literally: `= P` within P,
    /// `< P` before its first day, `<= P` through its last day, `> P` after
    /// its last day, `>= P` from its first day, `between A and B` from A's
    /// start through B's end. Other operands come from `bounds`.
    func holds(_ test: Test, at t: Int64, bounds: (TimeValue) -> (start: Int64, end: Int64)) -> Bool {
        func range(_ v: Value) -> (start: Int64, end: Int64) {
            guard case .time(let time) = v else { return (1, 0) }
            if case .period(let p) = time { return instants(of: p) }
            return bounds(time)
        }
        switch test {
        case .equals(let v): let r = range(v); return r.start <= t && t < r.end
        case .less(let v): return t < range(v).start
        case .lessOrEqual(let v): return t < range(v).end
        case .greater(let v): return t >= range(v).end
        case .greaterOrEqual(let v): return t >= range(v).start
        case .between(let a, let b): return t >= range(a).start && t < range(b).end
        default: return false
        }
    }
}
