import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// Comparisons on one field merge into one range, where that is the same
/// for every `now` and time zone.
struct RangeTests {
    @Test func tighterBoundWins() {
        #expect(Q.text(Q.and(Q.purchases(.greaterOrEqual(Q.int(3))), Q.purchases(.greaterOrEqual(Q.int(5)))))
                == "shopify.purchases >= 5")
        #expect(Q.text(Q.and(Q.purchases(.lessOrEqual(Q.int(3))), Q.purchases(.less(Q.int(3)))))
                == "shopify.purchases <= 2")
    }

    @Test func twoBoundsMakeBetween() {
        #expect(Q.text(Q.and(Q.purchases(.greaterOrEqual(Q.int(3))), Q.purchases(.lessOrEqual(Q.int(5)))))
                == "shopify.purchases between 3 and 5")
        #expect(Q.text(Q.and(Q.purchases(.between(Q.int(1), Q.int(10))), Q.purchases(.between(Q.int(5), Q.int(20)))))
                == "shopify.purchases between 5 and 10")
        #expect(Q.text(Q.and(Q.purchases(.greaterOrEqual(Q.int(3))), Q.purchases(.lessOrEqual(Q.int(3)))))
                == "shopify.purchases = 3")
    }

    @Test func integerStepsAreInclusive() {
        #expect(Q.text(Q.purchases(.greater(Q.int(3)))) == "shopify.purchases >= 4")
        #expect(Q.text(Q.purchases(.between(Q.int(3), Q.int(3)))) == "shopify.purchases = 3")
        #expect(Q.text(Q.purchases(.greater(Q.int(Int64.max)))) == "false")
    }

    @Test func numbersKeepStrictBounds() {
        let p = { (t: SegqSemantics.Test) in Q.cond(.klaviyoProperty("orders"), .number, t) }
        #expect(Q.text(Q.and(p(.greater(.number(2.5))), p(.lessOrEqual(.number(4))))) == "klaviyo.orders > 2.5 and klaviyo.orders <= 4")
        #expect(Q.text(Q.and(p(.greater(.number(2.5))), p(.less(.number(2.5))))) == "false")
        #expect(Q.text(Q.and(p(.greaterOrEqual(.number(1))), p(.greaterOrEqual(.number(2))))) == "klaviyo.orders >= 2")
    }

    @Test func dayRanges() {
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(Q.date(2026, 1, 1))), Q.added(.less(Q.date(2026, 2, 1)))))
                == "added between 2026-01-01 and 2026-01-31")
        #expect(Q.text(Q.added(.greater(Q.date(2026, 12, 31)))) == "added >= 2027-01-01")
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(Q.days(-7))), Q.added(.greaterOrEqual(Q.days(-3)))))
                == "added >= -3d")
    }

    @Test func relativeDaysStaySymbolic() {
        #expect(Q.text(Q.added(.greater(.time(.yesterday)))) == "added >= today")
        #expect(Q.text(Q.added(.greater(Q.days(-8)))) == "added >= -7d")
        let weeks = Value.time(.relative(RelativeTime(count: -1, unit: .week)))
        // -1w and -7d are the same day for every `now`: one bound is kept,
        // the first in canonical order whichever was written first
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(weeks)), Q.added(.greaterOrEqual(Q.days(-7))))) == "added >= -1w")
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(Q.days(-7))), Q.added(.greaterOrEqual(weeks)))) == "added >= -1w")
    }

    @Test func scalesThatDependOnNowAreNotMerged() {
        let month = Value.time(.relative(RelativeTime(count: -1, unit: .month)))
        // -1mo vs -30d depends on today's month
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(month)), Q.added(.greaterOrEqual(Q.days(-30)))))
                == "added >= -30d and added >= -1mo")
        // a date vs a relative day depends on now
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(Q.date(2026, 1, 1))), Q.added(.greaterOrEqual(Q.days(-7)))))
                == "added >= 2026-01-01 and added >= -7d")
        // a day vs an instant depends on the time zone
        let instant = Value.time(.instant(InstantLiteral(epochMilliseconds: 1_767_225_600_000, offsetSeconds: 0)))
        #expect(Q.text(Q.and(Q.added(.greaterOrEqual(Q.date(2026, 1, 1))), Q.added(.greaterOrEqual(instant))))
                == "added >= 2026-01-01 and added >= 2026-01-01T00:00:00Z")
    }

    @Test func withinStaysTwoBounds() {
        // `added within 7d` is `added >= -7d and added <= now`
        let q = Q.and(Q.added(.greaterOrEqual(Q.days(-7))), Q.added(.lessOrEqual(.time(.now))))
        #expect(Q.text(q) == "added >= -7d and added <= now")
    }

    @Test func negatedValueOutsideRangeIsDropped() {
        #expect(Q.text(Q.and(Q.purchases(.greaterOrEqual(Q.int(5))), Q.purchases(.equals(Q.int(3)), negated: true)))
                == "shopify.purchases >= 5")
        #expect(Q.text(Q.and(Q.purchases(.greaterOrEqual(Q.int(5))), Q.purchases(.equals(Q.int(7)), negated: true)))
                == "not shopify.purchases = 7 and shopify.purchases >= 5")
    }

    @Test func negatedComparisonWithPresenceBecomesRange() {
        let q = Q.and(Q.purchases(.greaterOrEqual(Q.int(1))), Q.not(Q.purchases(.greaterOrEqual(Q.int(3)))))
        #expect(Q.text(q) == "shopify.purchases between 1 and 2")
    }
}
