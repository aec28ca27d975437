import Foundation
import Testing
import SegqSyntax
@testable import SegqSemantics

/// Calendar periods as runs of whole days in the context's zone.
@Suite struct CalendarPeriodTests {
    static func resolver(_ now: String, _ zone: String) -> TimeResolver {
        let date = ISO8601DateFormatter().date(from: now)!
        return TimeResolver(EvaluationContext(now: Int64(date.timeIntervalSince1970 * 1000), timeZone: TimeZone(identifier: zone)!))
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(CalendarDate(year: y, month: m, day: d).daysSinceEpoch) }

    static func days(_ r: TimeResolver, _ p: CalendarPeriod) -> ResolvedTime { r.resolve(.period(p)) }

    @Test func weeksStartOnMonday() {
        // Sunday 29 Nov 2026 in UTC; already Monday 30 Nov in Tokyo.
        let utc = Self.resolver("2026-11-29T20:00:00Z", "UTC")
        let tokyo = Self.resolver("2026-11-29T20:00:00Z", "Asia/Tokyo")
        #expect(Self.days(utc, .this(.week)) == .days(first: Self.day(2026, 11, 23), last: Self.day(2026, 11, 29)))
        #expect(Self.days(utc, .last(.week)) == .days(first: Self.day(2026, 11, 16), last: Self.day(2026, 11, 22)))
        #expect(Self.days(tokyo, .this(.week)) == .days(first: Self.day(2026, 11, 30), last: Self.day(2026, 12, 6)))
        // A week across the turn of the year.
        let newYear = Self.resolver("2027-01-01T12:00:00Z", "UTC")
        #expect(Self.days(newYear, .this(.week)) == .days(first: Self.day(2026, 12, 28), last: Self.day(2027, 1, 3)))
    }

    @Test func monthsAndYearsAreCalendarOnes() {
        let r = Self.resolver("2026-03-31T12:00:00Z", "UTC")
        #expect(Self.days(r, .this(.month)) == .days(first: Self.day(2026, 3, 1), last: Self.day(2026, 3, 31)))
        #expect(Self.days(r, .last(.month)) == .days(first: Self.day(2026, 2, 1), last: Self.day(2026, 2, 28)))
        #expect(Self.days(r, .this(.year)) == .days(first: Self.day(2026, 1, 1), last: Self.day(2026, 12, 31)))
        #expect(Self.days(r, .last(.year)) == .days(first: Self.day(2025, 1, 1), last: Self.day(2025, 12, 31)))
        let january = Self.resolver("2028-01-15T00:00:00Z", "UTC")
        #expect(Self.days(january, .last(.month)) == .days(first: Self.day(2027, 12, 1), last: Self.day(2027, 12, 31)))
        #expect(Self.days(r, .month(year: 2024, month: 2)) == .days(first: Self.day(2024, 2, 1), last: Self.day(2024, 2, 29)))
    }

    @Test func comparisonsUseTheFirstAndLastDay() {
        // New York: November 2026 starts at 04:00Z (EDT) and ends at 05:00Z on 1 December (EST).
        let r = Self.resolver("2026-11-23T15:00:00Z", "America/New_York")
        let start: Int64 = 1_793_505_600_000   // 2026-11-01T04:00:00Z
        let end: Int64 = 1_796_101_200_000     // 2026-12-01T05:00:00Z
        let november = Value.time(.period(.month(year: 2026, month: 11)))
        #expect(r.interval(for: .equals(november)) == MillisecondInterval(lower: start, upper: end - 1))
        #expect(r.interval(for: .greaterOrEqual(november)) == MillisecondInterval(lower: start, upper: nil))
        #expect(r.interval(for: .lessOrEqual(november)) == MillisecondInterval(lower: nil, upper: end - 1))
        #expect(r.interval(for: .less(november)) == MillisecondInterval(lower: nil, upper: start - 1))
        #expect(r.interval(for: .greater(november)) == MillisecondInterval(lower: end, upper: nil))
        #expect(r.interval(for: .equals(.time(.period(.this(.month))))) == r.interval(for: .equals(november)))
        let between = r.interval(for: .between(.time(.period(.month(year: 2026, month: 9))), november))
        #expect(between?.lower == r.startOfDay(Self.day(2026, 9, 1)))
        #expect(between?.upper == end - 1)
    }
}
