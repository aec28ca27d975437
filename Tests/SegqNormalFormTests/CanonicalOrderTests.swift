import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// The normal form does not depend on how the query was written.
struct CanonicalOrderTests {
    @Test func conditionOrderIsCanonical() {
        let x = Q.tag(.equals(Q.str("a"))), y = Q.purchases(.greaterOrEqual(Q.int(3))), z = Q.name(.contains("k"))
        let forms = [Q.and(x, y, z), Q.and(z, y, x), Q.and(y, Q.and(x, z))].map { Q.normalize($0).normalForm }
        #expect(forms[0] == forms[1] && forms[1] == forms[2])
        #expect(Q.text(Q.and(z, y, x)) == "name contains \"k\" and tag = \"a\" and shopify.purchases >= 3")
    }

    @Test func groupOrderIsCanonical() {
        let x = Q.tag(.equals(Q.str("a"))), y = Q.purchases(.greaterOrEqual(Q.int(3)))
        #expect(Q.normalize(Q.or(x, y)).normalForm == Q.normalize(Q.or(y, x)).normalForm)
    }

    @Test func inListsAreSortedAndUnique() {
        #expect(Q.text(Q.name(.oneOf([Q.str("b"), Q.str("a"), Q.str("b")]))) == "name in (\"a\", \"b\")")
        #expect(Q.text(Q.name(.oneOf([Q.str("b"), Q.str("b")]))) == "name = \"b\"")
    }

    @Test func falseOnANeverMissingBoolIsNegatedTrue() {
        #expect(Q.text(Q.cond(.shopifyLinked, .bool, .equals(.bool(false)))) == "not shopify.linked = true")
        // abandoned_cart can be missing: `= false` is not `not = true`
        #expect(Q.text(Q.cond(.shopifyAbandonedCart, .bool, .equals(.bool(false)))) == "shopify.abandoned_cart = false")
    }

    @Test func emptyTextPatternIsPresence() {
        #expect(Q.text(Q.name(.contains(""))) == "not name is null")
        #expect(Q.text(Q.tag(.startsWith(""))) == "not tag is empty")
    }

    @Test func stringsCompareInNFC() {
        let composed = Q.name(.equals(Q.str("\u{E9}")))
        let decomposed = Q.name(.equals(Q.str("e\u{301}")))
        #expect(Q.text(Q.and(composed, decomposed)) == "name = \"\u{E9}\"")
    }
}
