import SegqBasics
import Testing
import SegqSyntax
@testable import SegqSemantics

@Suite struct RangeChecksTests {
    static func rel(_ n: Int, _ u: TimeUnit) -> Value { .time(.relative(RelativeTime(count: n, unit: u))) }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Value { .time(.date(CalendarDate(year: y, month: m, day: d))) }
    static func instant(_ day: CalendarDate, hour: Int) -> Value {
        .time(.instant(InstantLiteral(epochMilliseconds: Int64(day.daysSinceEpoch) * 86_400_000
                                          + Int64(hour) * 3_600_000, offsetSeconds: 0)))
    }

    @Test func withinMapsToABetweenEndingOrStartingNow() {
        #expect(RangeChecks.within(RelativeTime(count: 7, unit: .day, explicitSign: false))
                == .between(Self.rel(-7, .day), .time(.now)))
        #expect(RangeChecks.within(RelativeTime(count: -7, unit: .day)) == .between(Self.rel(-7, .day), .time(.now)))
        #expect(RangeChecks.within(RelativeTime(count: 24, unit: .hour, explicitSign: false))
                == .between(Self.rel(-24, .hour), .time(.now)))
        #expect(RangeChecks.within(RelativeTime(count: 3, unit: .day)) == .between(.time(.now), Self.rel(3, .day)))
    }

    @Test func numbersCompareByValue() {
        #expect(RangeChecks.order(.int(5), .int(1)) == .reversed(comparedInUTC: false))
        #expect(RangeChecks.order(.int(1), .int(1)) == .ordered)
        #expect(RangeChecks.order(.number(-1), .number(2.5)) == .ordered)
    }

    @Test func daysIncludeTheirWholeDay() {
        let d = CalendarDate(year: 2026, month: 6, day: 1)
        #expect(RangeChecks.order(Self.day(2026, 6, 1), Self.day(2026, 6, 1)) == .ordered)
        #expect(RangeChecks.order(Self.day(2026, 6, 2), Self.day(2026, 6, 1)) == .reversed(comparedInUTC: false))
        // An instant late on the upper day is still inside it.
        #expect(RangeChecks.order(Self.instant(d, hour: 23), Self.day(2026, 6, 1)) == .ordered)
        #expect(RangeChecks.order(Self.instant(d, hour: 24), Self.day(2026, 6, 1)) == .reversed(comparedInUTC: true))
        #expect(RangeChecks.order(Self.day(2026, 6, 1), Self.instant(d, hour: 0)) == .ordered)
        #expect(RangeChecks.order(Self.day(2026, 6, 2), Self.instant(d, hour: 23)) == .reversed(comparedInUTC: true))
    }

    @Test func relativeTimesCompareWithinAFamily() {
        #expect(RangeChecks.order(Self.rel(-1, .week), Self.rel(-6, .day)) == .ordered)
        #expect(RangeChecks.order(Self.rel(-1, .day), Self.rel(-1, .week)) == .reversed(comparedInUTC: false))
        #expect(RangeChecks.order(.time(.today), .time(.yesterday)) == .reversed(comparedInUTC: false))
        #expect(RangeChecks.order(Self.rel(-1, .year), Self.rel(-13, .month)) == .reversed(comparedInUTC: false))
        #expect(RangeChecks.order(.time(.now), Self.rel(-1, .hour)) == .reversed(comparedInUTC: false))
        // Different families or absolute against relative: not checked.
        #expect(RangeChecks.order(Self.rel(-1, .day), Self.rel(-48, .hour)) == .unknown)
        #expect(RangeChecks.order(Self.rel(-1, .month), Self.rel(-60, .day)) == .unknown)
        #expect(RangeChecks.order(Self.day(2999, 1, 1), Self.rel(-1, .day)) == .unknown)
        #expect(RangeChecks.order(Self.rel(Int.max, .year), Self.rel(Int.min, .year)) == .reversed(comparedInUTC: false))
    }
}

@Suite struct LiteralShapeTests {
    @Test(arguments: [
        ("3", ValueType.int, true), ("-3", .int, true), ("3.5", .int, false), ("x3", .int, false), ("", .int, false),
        ("3.5", .number, true), ("-0.25", .number, true), ("3.", .number, false), (".5", .number, false),
        ("true", .bool, true), ("FALSE", .bool, true), ("yes", .bool, false),
        ("2026-06-01", .time, true), ("2026-02-30", .time, false), ("2026-6-1", .time, false),
        ("2026-06-01T09:30:00Z", .time, true), ("2026-06-01T09:30:00.250+09:00", .time, true),
        ("2026-06-01T25:30:00Z", .time, false), ("2026-06-01T09:30:00", .time, false),
        ("-7d", .time, true), ("7d", .time, true), ("+3mo", .time, true), ("-7x", .time, false), ("d", .time, false),
        ("today", .time, true), ("Now", .time, true), ("abc", .string, false),
    ])
    func spells(_ s: String, _ type: ValueType, _ expected: Bool) {
        #expect(LiteralShape.spells(s, a: type) == expected)
    }

    @Test func nfcComposesOnlyWhenNeeded() {
        #expect(LiteralTyper.nfc("Cafe\u{301}") == "Caf\u{E9}")
        #expect(LiteralTyper.nfc("plain") == "plain")
        #expect(Array(LiteralTyper.nfc("\u{1100}\u{1161}").unicodeScalars) == ["\u{AC00}"])
    }

    @Test func quotedStringsEscape() {
        #expect(QuotedText.query("a\"b\\c\nd\te\u{1}") == "\"a\\\"b\\\\c\\nd\\te\\u{1}\"")
    }
}
