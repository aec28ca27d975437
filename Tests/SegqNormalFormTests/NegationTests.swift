import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// Pushing `not` down keeps friends with missing values (Grammar/README.md "Missing values and negation").
struct NegationTests {
    @Test func negatedComparisonOnMissableFieldStaysNegated() {
        #expect(Q.text(Q.not(Q.purchases(.greaterOrEqual(Q.int(3))))) == "not shopify.purchases >= 3")
    }

    @Test func negatedComparisonIsNotTheOppositeComparison() {
        let negated = Q.normalize(Q.not(Q.purchases(.greaterOrEqual(Q.int(3))))).normalForm
        let opposite = Q.normalize(Q.purchases(.less(Q.int(3)))).normalForm
        #expect(negated != opposite)
        #expect(Q.text(Q.purchases(.less(Q.int(3)))) == "shopify.purchases <= 2")
    }

    @Test func negatedComparisonOnNeverMissingFieldFlips() {
        #expect(Q.text(Q.not(Q.added(.greaterOrEqual(Q.date(2026, 6, 1))))) == "added <= 2026-05-31")
        #expect(Q.text(Q.not(Q.added(.less(Q.days(-7))))) == "added >= -7d")
    }

    @Test func doubleNegationCancels() {
        #expect(Q.text(Q.not(Q.not(Q.purchases(.equals(Q.int(3)))))) == "shopify.purchases = 3")
    }

    @Test func deMorganTurnsAndIntoOr() {
        let q = Q.not(Q.and(Q.tag(.equals(Q.str("a"))), Q.name(.equals(Q.str("b")))))
        #expect(Q.text(q) == "not name = \"b\" or not tag = \"a\"")
    }

    @Test func deMorganTurnsOrIntoAnd() {
        let q = Q.not(Q.or(Q.purchases(.greaterOrEqual(Q.int(3))), Q.tag(.equals(Q.str("a")))))
        #expect(Q.text(q) == "not tag = \"a\" and not shopify.purchases >= 3")
    }

    @Test func negatedIsNullIsPresenceAndFollowsLinkFacts() {
        // purchases are present exactly when linked
        #expect(Q.text(Q.not(Q.purchases(.isNull))) == "shopify.linked = true")
        #expect(Q.text(Q.purchases(.isNull)) == "not shopify.linked = true")
        #expect(Q.text(Q.not(Q.name(.isNull))) == "not name is null")
    }

    @Test func negationOfConstant() {
        #expect(Q.text(Q.not(.constant(true))) == "false")
        #expect(Q.text(Q.not(.constant(false))) == "true")
    }

    @Test func deepNestingDoesNotRecurse() {
        var node = Q.purchases(.equals(Q.int(1)))
        for i in 0..<100_000 { node = i % 2 == 0 ? .not(node, nil) : .and([node], nil) }
        #expect(Q.text(node) == "shopify.purchases = 1")
        // Take the tree apart one level at a time: releasing it whole would recurse.
        while true {
            switch node {
            case .not(let inner, _): node = inner
            case .and(let xs, _) where xs.count == 1: node = xs[0]
            default: return
            }
        }
    }

    @Test func negationIncludingUnlinkedIsWarned() {
        let r = Q.normalize(Q.not(Q.purchases(.greaterOrEqual(Q.int(3)))))
        #expect(r.diagnostics.map(\.code) == [.negationIncludesUnlinked])
        #expect(r.diagnostics.first?.message.contains("not linked to Shopify") == true)
    }

    @Test func negationInsideALinkedGroupIsNotWarned() {
        let q = Q.and(Q.linked(.shopify), Q.not(Q.purchases(.greaterOrEqual(Q.int(3)))))
        #expect(Q.codes(q).isEmpty)
        #expect(Q.text(q) == "shopify.purchases <= 2")
        let q2 = Q.and(Q.cond(.shopifyTag, .stringSet, .equals(Q.str("x"))),
                       Q.cond(.shopifyId, .string, .equals(Q.str("7")), negated: true))
        #expect(Q.codes(q2).isEmpty)
    }

    @Test func w0103IsOffByDefaultBecauseTheCheckerGivesIt() {
        let q = TypedQuery(Q.not(Q.purchases(.greaterOrEqual(Q.int(3)))))
        #expect(Normalizer().normalize(q).diagnostics.isEmpty)
    }

    @Test func negationOnNonIntegrationFieldIsNotW0103() {
        #expect(Q.codes(Q.not(Q.name(.equals(Q.str("a"))))).isEmpty)
        #expect(Q.codes(Q.not(Q.tag(.equals(Q.str("a"))))).isEmpty)
    }
}
