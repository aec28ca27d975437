import Foundation
import Testing
import SegqSyntax
@testable import SegqSemantics

private func ms(_ iso: String) -> Int64 {
    let f = ISO8601DateFormatter()
    f.formatOptions = iso.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    return Int64((f.date(from: iso)!.timeIntervalSince1970 * 1000).rounded())
}

private func resolver(_ now: String, _ zone: String) -> TimeResolver {
    TimeResolver(EvaluationContext(now: ms(now), timeZone: TimeZone(identifier: zone)!))
}

private func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
    Int64(CalendarDate(year: y, month: m, day: d).daysSinceEpoch)
}

private func rel(_ n: Int, _ u: TimeUnit) -> TimeValue { .relative(RelativeTime(count: n, unit: u)) }

@Suite struct TimeResolverTests {
    @Test func todayAndYesterdayFollowTheZone() {
        // 2026-11-16T20:00Z is already the 17th in Tokyo.
        let utc = resolver("2026-11-16T20:00:00Z", "UTC")
        let tokyo = resolver("2026-11-16T20:00:00Z", "Asia/Tokyo")
        #expect(utc.resolve(.today) == .day(day(2026, 11, 16)))
        #expect(tokyo.resolve(.today) == .day(day(2026, 11, 17)))
        #expect(tokyo.resolve(.yesterday) == .day(day(2026, 11, 16)))
        #expect(tokyo.startOfDay(day(2026, 11, 17)) == ms("2026-11-16T15:00:00Z"))
    }

    @Test func relativeDaysAndWeeks() {
        let r = resolver("2026-03-10T12:00:00Z", "UTC")
        #expect(r.resolve(rel(-7, .day)) == .day(day(2026, 3, 3)))
        #expect(r.resolve(rel(-2, .week)) == .day(day(2026, 2, 24)))
        #expect(r.resolve(rel(3, .day)) == .day(day(2026, 3, 13)))
        #expect(r.resolve(rel(-24, .hour)) == .point(ms("2026-03-09T12:00:00Z")))
        #expect(r.resolve(.now) == .point(ms("2026-03-10T12:00:00Z")))
    }

    @Test func monthsClampToTheLastDay() {
        let r = resolver("2026-03-31T12:00:00Z", "UTC")
        #expect(r.resolve(rel(-1, .month)) == .day(day(2026, 2, 28)))
        #expect(r.resolve(rel(-2, .month)) == .day(day(2026, 1, 31)))
        #expect(r.resolve(rel(-13, .month)) == .day(day(2025, 2, 28)))
        #expect(r.resolve(rel(1, .month)) == .day(day(2026, 4, 30)))
        let leap = resolver("2028-02-29T12:00:00Z", "UTC")
        #expect(leap.resolve(rel(-1, .year)) == .day(day(2027, 2, 28)))
        #expect(leap.resolve(rel(4, .year)) == .day(day(2032, 2, 29)))
        #expect(leap.resolve(rel(-12, .month)) == leap.resolve(rel(-1, .year)))
    }

    @Test func newYorkDSTDaysAre23And25Hours() {
        let r = resolver("2026-03-08T12:00:00Z", "America/New_York")
        let spring = r.dayRange(day(2026, 3, 8))
        #expect(spring.lower == ms("2026-03-08T05:00:00Z"))
        #expect(spring.upper == ms("2026-03-09T04:00:00Z") - 1)
        let fall = r.dayRange(day(2026, 11, 1))
        #expect(fall.lower == ms("2026-11-01T04:00:00Z"))
        #expect(fall.upper == ms("2026-11-02T05:00:00Z") - 1)
        #expect(r.dayIndex(ofInstant: ms("2026-03-09T03:59:59Z")) == day(2026, 3, 8))
        #expect(r.dayIndex(ofInstant: ms("2026-03-09T04:00:00Z")) == day(2026, 3, 9))
    }

    @Test func dayWithoutMidnightStartsAtTheGap() {
        // São Paulo skipped 2018-11-04 00:00 → 01:00 (UTC−3 → UTC−2).
        let r = resolver("2018-11-04T12:00:00Z", "America/Sao_Paulo")
        #expect(r.startOfDay(day(2018, 11, 4)) == ms("2018-11-04T03:00:00Z"))
        #expect(r.startOfDay(day(2018, 11, 5)) == ms("2018-11-05T02:00:00Z"))
        #expect(r.dayIndex(ofInstant: ms("2018-11-04T02:59:59Z")) == day(2018, 11, 3))
        #expect(r.dayIndex(ofInstant: ms("2018-11-04T03:00:00Z")) == day(2018, 11, 4))
    }

    @Test func nonHourOffsets() {
        let r = resolver("2026-06-01T00:00:00Z", "Asia/Kathmandu")
        #expect(r.startOfDay(day(2026, 6, 1)) == ms("2026-05-31T18:15:00Z"))
        let fixed = TimeResolver(EvaluationContext(now: 0, timeZone: TimeZone(secondsFromGMT: -(9 * 3600 + 30 * 60))!))
        #expect(fixed.startOfDay(0) == 34_200_000)
    }

    @Test func comparisonsWithDays() {
        let r = resolver("2026-06-10T12:00:00Z", "Asia/Tokyo")
        let d = TimeValue.date(CalendarDate(year: 2026, month: 6, day: 1))
        let start = ms("2026-05-31T15:00:00Z"), end = ms("2026-06-01T15:00:00Z")
        #expect(r.interval(for: .equals(.time(d))) == MillisecondInterval(lower: start, upper: end - 1))
        #expect(r.interval(for: .less(.time(d))) == MillisecondInterval(lower: nil, upper: start - 1))
        #expect(r.interval(for: .lessOrEqual(.time(d))) == MillisecondInterval(lower: nil, upper: end - 1))
        #expect(r.interval(for: .greater(.time(d))) == MillisecondInterval(lower: end, upper: nil))
        #expect(r.interval(for: .greaterOrEqual(.time(d))) == MillisecondInterval(lower: start, upper: nil))
        let d2 = TimeValue.date(CalendarDate(year: 2026, month: 6, day: 3))
        #expect(r.interval(for: .between(.time(d), .time(d2))) == MillisecondInterval(lower: start, upper: ms("2026-06-03T15:00:00Z") - 1))
        #expect(r.interval(for: .between(.time(d2), .time(d)))?.isEmpty == true)
        #expect(r.interval(for: .isNull) == nil)
    }

    @Test func comparisonsWithPoints() {
        let r = resolver("2026-06-10T12:00:00Z", "UTC")
        let now = ms("2026-06-10T12:00:00Z")
        #expect(r.interval(for: .less(.time(.now))) == MillisecondInterval(lower: nil, upper: now - 1))
        #expect(r.interval(for: .lessOrEqual(.time(.now))) == MillisecondInterval(lower: nil, upper: now))
        #expect(r.interval(for: .greater(.time(.now))) == MillisecondInterval(lower: now + 1, upper: nil))
        #expect(r.interval(for: .equals(.time(.now))) == MillisecondInterval(lower: now, upper: now))
        // within 7d = between -7d and now
        let w = r.interval(for: .between(.time(rel(-7, .day)), .time(.now)))
        #expect(w == MillisecondInterval(lower: ms("2026-06-03T00:00:00Z"), upper: now))
    }

    @Test func derivedFields() {
        let r = resolver("2026-06-10T01:00:00Z", "Asia/Tokyo")   // 10:00 on the 10th in Tokyo
        #expect(r.daysSince(ms("2026-06-09T14:59:59Z")) == 1)     // 23:59:59 on the 9th
        #expect(r.daysSince(ms("2026-06-09T15:00:00Z")) == 0)
        #expect(r.daysSince(ms("2026-06-12T00:00:00Z")) == -2)
        #expect(r.hoursSince(ms("2026-06-09T23:00:00Z")) == 2)
        #expect(r.hoursSince(ms("2026-06-09T23:00:00.001Z")) == 1)
        #expect(r.hoursSince(ms("2026-06-10T01:00:00.001Z")) == -1)
        let ds = r.storedTimeIntervals(forDerived: .shopifyDaysSinceLastPurchase, test: .greaterOrEqual(.int(1)))
        #expect(ds == [MillisecondInterval(lower: nil, upper: ms("2026-06-09T15:00:00Z") - 1)])
        let hs = r.storedTimeIntervals(forDerived: .shopifyHoursSinceCartAbandoned, test: .equals(.int(2)))
        #expect(hs == [MillisecondInterval(lower: ms("2026-06-09T22:00:00Z") + 1, upper: ms("2026-06-09T23:00:00Z"))])
        #expect(r.storedTimeIntervals(forDerived: .added, test: .equals(.int(1))) == nil)
        #expect(r.storedTimeIntervals(forDerived: .shopifyHoursSinceCartAbandoned, test: .greater(.int(Int64.max))) == [])
    }

    @Test func derivedIntervalsAgreeWithDirectComputation() {
        let r = resolver("2026-03-08T06:30:00Z", "America/New_York")
        let base = ms("2026-03-01T00:00:00Z")
        for step in stride(from: Int64(0), to: 10 * 86_400_000, by: 1_234_567) {
            let t = base + step
            for n in Int64(-3)...Int64(8) {
                for (field, value) in [(Field.shopifyDaysSinceLastPurchase, r.daysSince(t)), (.shopifyHoursSinceCartAbandoned, r.hoursSince(t))] {
                    for test in [Test.equals(.int(n)), .less(.int(n)), .lessOrEqual(.int(n)), .greater(.int(n)), .greaterOrEqual(.int(n))] {
                        let expected: Bool
                        switch test {
                        case .equals: expected = value == n
                        case .less: expected = value < n
                        case .lessOrEqual: expected = value <= n
                        case .greater: expected = value > n
                        default: expected = value >= n
                        }
                        let intervals = r.storedTimeIntervals(forDerived: field, test: test) ?? []
                        #expect(intervals.contains { $0.contains(t) } == expected, "\(field) \(test) at \(t)")
                    }
                }
            }
        }
    }

    @Test func hugeCountsSaturate() {
        let r = resolver("2026-06-10T12:00:00Z", "America/New_York")
        _ = r.interval(for: .greaterOrEqual(.time(rel(Int.max, .year))))
        _ = r.interval(for: .less(.time(rel(Int.min, .week))))
        _ = r.interval(for: .equals(.time(rel(Int.min, .month))))
        _ = r.interval(for: .lessOrEqual(.time(rel(Int.max, .hour))))
        #expect(r.interval(for: .equals(.time(rel(Int.max, .day))))?.isEmpty == true)
        #expect(r.dayIndex(ofInstant: Int64.max) > 0)
    }
}
