import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// Duplicate and absorbed groups are dropped; alternatives merge.
struct AbsorptionTests {
    let a = Q.tag(.equals(Q.str("a")))
    let b = Q.name(.equals(Q.str("b")))

    @Test func duplicateConditionsAndGroups() {
        #expect(Q.text(Q.and(a, a, a)) == "tag = \"a\"")
        #expect(Q.text(Q.or(Q.and(a, b), Q.and(b, a))) == "name = \"b\" and tag = \"a\"")
    }

    @Test func smallerGroupAbsorbsLarger() {
        #expect(Q.text(Q.or(a, Q.and(a, b))) == "tag = \"a\"")
        #expect(Q.text(Q.or(Q.and(a, b), a)) == "tag = \"a\"")
    }

    @Test func weakerRangeAbsorbsStronger() {
        let q = Q.or(Q.purchases(.greaterOrEqual(Q.int(5))), Q.purchases(.greaterOrEqual(Q.int(3))))
        #expect(Q.text(q) == "shopify.purchases >= 3")
        let r = Q.or(Q.and(Q.purchases(.equals(Q.int(4))), b), Q.purchases(.between(Q.int(1), Q.int(9))))
        #expect(Q.text(r) == "shopify.purchases between 1 and 9")
    }

    @Test func presenceAbsorbs() {
        #expect(Q.text(Q.or(Q.name(.isNull, negated: true), Q.name(.contains("x")))) == "not name is null")
        #expect(Q.text(Q.or(Q.linked(.shopify), Q.purchases(.greaterOrEqual(Q.int(2))))) == "shopify.linked = true")
    }

    @Test func resolutionRemovesTheComplement() {
        // a or (not a and b) is a or b
        #expect(Q.text(Q.or(a, Q.and(Q.not(a), b))) == "name = \"b\" or tag = \"a\"")
        // (a and b) or (not a and b) is b
        #expect(Q.text(Q.or(Q.and(a, b), Q.and(Q.not(a), b))) == "name = \"b\"")
    }

    @Test func conditionOrItsComplementIsEverybody() {
        let p = Q.purchases(.greaterOrEqual(Q.int(3)))
        #expect(Q.text(Q.or(p, Q.not(p))) == "true")
        #expect(Q.codes(Q.or(p, Q.not(p))).contains("W0204"))
    }

    @Test func alternativesOfValuesMerge() {
        #expect(Q.text(Q.or(Q.tag(.equals(Q.str("b"))), Q.tag(.equals(Q.str("a"))))) == "tag in (\"a\", \"b\")")
        #expect(Q.text(Q.or(Q.name(.equals(Q.str("x"))), Q.name(.oneOf([Q.str("y"), Q.str("x")]))))
                == "name in (\"x\", \"y\")")
        // a single-valued field cannot equal both
        #expect(Q.text(Q.or(Q.name(.equals(Q.str("a")), negated: true), Q.name(.equals(Q.str("b")), negated: true))) == "true")
        // a set can hold both
        #expect(Q.text(Q.or(Q.tag(.equals(Q.str("a")), negated: true), Q.tag(.equals(Q.str("b")), negated: true)))
                == "not tag = \"a\" or not tag = \"b\"")
    }
}

/// One-condition groups whose ranges overlap or touch merge.
struct RangeUnionTests {
    @Test func overlappingRangesMerge() {
        let q = Q.or(Q.purchases(.greaterOrEqual(Q.int(5))), Q.purchases(.between(Q.int(1), Q.int(6))))
        #expect(Q.text(q) == "shopify.purchases >= 1")
    }

    @Test func touchingIntegerRangesMerge() {
        let q = Q.or(Q.purchases(.between(Q.int(1), Q.int(3))), Q.purchases(.between(Q.int(4), Q.int(6))))
        #expect(Q.text(q) == "shopify.purchases between 1 and 6")
    }

    @Test func separateRangesStaySeparate() {
        let q = Q.or(Q.purchases(.between(Q.int(1), Q.int(3))), Q.purchases(.between(Q.int(5), Q.int(6))))
        #expect(Q.text(q) == "shopify.purchases between 1 and 3 or shopify.purchases between 5 and 6")
    }

    @Test func bothSidesOfAMissableFieldIsPresence() {
        let q = Q.or(Q.purchases(.greaterOrEqual(Q.int(3))), Q.purchases(.less(Q.int(3))))
        #expect(Q.text(q) == "shopify.linked = true")
    }

    @Test func bothSidesOfANeverMissingFieldIsEverybody() {
        let q = Q.or(Q.added(.greaterOrEqual(Q.date(2026, 1, 1))), Q.added(.less(Q.date(2026, 1, 1))))
        #expect(Q.text(q) == "true")
    }

    @Test func numberRangesTouchOnlyWhenOneEndIsIncluded() {
        let p = { (t: SegqSemantics.Test) in Q.cond(.klaviyoProperty("orders"), .number, t) }
        #expect(Q.text(Q.or(p(.greaterOrEqual(.number(2))), p(.less(.number(2))))) == "not klaviyo.orders is null")
        #expect(Q.text(Q.or(p(.greater(.number(2))), p(.less(.number(2)))))
                == "klaviyo.orders > 2 or klaviyo.orders < 2")
    }
}
