import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics

/// Time values in words. Without a context they stay symbolic ("7 days
/// ago", "today", "1 Jun 2026"); with one, day values become the calendar
/// day they resolve to and points the local time, both in the context's
/// zone ("16 Nov 2026", "23 Nov 2026 10:00").
struct TimeWording {
    let context: EvaluationContext?
    private let resolver: TimeResolver?

    init(context: EvaluationContext?) {
        self.context = context
        resolver = context.map(TimeResolver.init)
    }

    /// The zone note closing a phrase with resolved times: " (UTC)".
    var zoneNote: String {
        zoneName.map { " (" + $0 + ")" } ?? ""
    }

    /// The name of the zone times are resolved in, when they are.
    var zoneName: String? {
        context.map { Self.zoneName($0.timeZone) }
    }

    /// The zone's IANA name; the zero-offset zones (which Foundation may
    /// call `GMT`) as `UTC`, the name the command line documents.
    static func zoneName(_ zone: TimeZone) -> String {
        ZoneNames.display(zone.identifier)
    }

    func words(_ value: TimeValue) -> String {
        if let resolver {
            switch resolver.resolve(value) {
            case .day(let d): return Self.dayText(d)
            case .days(let first, let last): return Self.periodText(value, first: first, last: last)
            case .point(let p): return localTime(p)
            }
        }
        switch value {
        case .date(let d): return Self.dayText(Int64(d.daysSinceEpoch))
        case .instant(let i): return Self.instantText(i)
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .now: return "now"
        case .relative(let r): return Self.relativeText(r)
        case .period(let p): return p.description
        }
    }

    /// A resolved period: `November 2026 (1–30 Nov 2026)`, `this week (16–22 Nov 2026)`.
    static func periodText(_ value: TimeValue, first: Int64, last: Int64) -> String {
        periodName(value) + " (" + dayRangeText(first, last) + ")"
    }

    /// A period's name: `November 2026`, `last month`; nil for other values.
    static func periodName(_ value: TimeValue) -> String {
        switch value {
        case .period(.month(let year, let month)): return fullMonthNames[max(0, min(11, month - 1))] + " " + String(year)
        case .period(let p): return p.description
        default: return ""
        }
    }

    /// The days a period covers at the context's `now`, when there is one.
    func periodDays(_ value: TimeValue) -> (first: Int64, last: Int64)? {
        guard let resolver, case .period(let p) = value else { return nil }
        return resolver.days(of: p)
    }

    /// `1–30 Nov 2026`, `28 Dec 2026 – 3 Jan 2027`.
    static func dayRangeText(_ first: Int64, _ last: Int64) -> String {
        guard first > -100_000_000, last < 100_000_000 else { return dayText(first) + " – " + dayText(last) }
        let a = CalendarDate(daysSinceEpoch: Int(first)), b = CalendarDate(daysSinceEpoch: Int(last))
        if a.year == b.year && a.month == b.month {
            return "\(a.day)–\(b.day) \(monthNames[b.month - 1]) \(b.year)"
        }
        if a.year == b.year {
            return "\(a.day) \(monthNames[a.month - 1]) – \(b.day) \(monthNames[b.month - 1]) \(b.year)"
        }
        return dayText(first) + " – " + dayText(last)
    }

    static let fullMonthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `16 Nov 2026`.
    static func dayText(_ day: Int64) -> String {
        guard day > -100_000_000, day < 100_000_000 else { return day < 0 ? "the distant past" : "the distant future" }
        let d = CalendarDate(daysSinceEpoch: Int(day))
        return "\(d.day) \(monthNames[max(0, min(11, d.month - 1))]) \(d.year)"
    }

    /// `7 days ago`, `in 3 days`, `1 month ago`, `24 hours ago`, `today`, `now`.
    static func relativeText(_ r: RelativeTime) -> String {
        let n = r.count.magnitude
        if n == 0 { return r.unit == .hour ? "now" : "today" }
        let unit: String
        switch r.unit {
        case .hour: unit = n == 1 ? "hour" : "hours"
        case .day: unit = n == 1 ? "day" : "days"
        case .week: unit = n == 1 ? "week" : "weeks"
        case .month: unit = n == 1 ? "month" : "months"
        case .year: unit = n == 1 ? "year" : "years"
        }
        if r.unit == .day && r.count == -1 { return "yesterday" }
        return r.count < 0 ? "\(n) \(unit) ago" : "in \(n) \(unit)"
    }

    /// An instant as written: `1 Jun 2026 09:30 UTC`, `1 Jun 2026 18:30 UTC+09:00`.
    static func instantText(_ i: InstantLiteral) -> String {
        let local = i.epochMilliseconds &+ Int64(i.offsetSeconds) &* 1000
        let offset: String
        if i.offsetSeconds == 0 {
            offset = "UTC"
        } else {
            let o = abs(i.offsetSeconds)
            offset = "UTC" + (i.offsetSeconds < 0 ? "-" : "+") + pad2(o / 3600) + ":" + pad2(o / 60 % 60)
        }
        return clock(local) + " " + offset
    }

    /// A point in the context's zone: `23 Nov 2026 10:00` (seconds when not zero).
    func localTime(_ ms: Int64) -> String {
        guard let context else { return Self.clock(ms) }
        let seconds = Double(ms) / 1000
        let offset = seconds.isFinite && abs(seconds) < 1e14
            ? Int64(context.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))) * 1000 : 0
        return Self.clock(ms &+ offset)
    }

    /// A local wall-clock time given as milliseconds since the local epoch.
    private static func clock(_ local: Int64) -> String {
        let dayMs: Int64 = 86_400_000
        var day = local / dayMs, ms = local % dayMs
        if ms < 0 { day -= 1; ms += dayMs }
        let s = Int(ms / 1000)
        var out = dayText(day) + " " + pad2(s / 3600) + ":" + pad2(s / 60 % 60)
        if s % 60 != 0 || ms % 1000 != 0 { out += ":" + pad2(s % 60) }
        return out
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
