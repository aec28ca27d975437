import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// Groups that can never match are dropped.
struct ContradictionTests {
    @Test(arguments: [
        ("range", Q.and(Q.purchases(.greaterOrEqual(Q.int(5))), Q.purchases(.less(Q.int(3))))),
        ("set complement", Q.and(Q.tag(.equals(Q.str("a"))), Q.tag(.equals(Q.str("a")), negated: true))),
        ("two values", Q.and(Q.purchases(.equals(Q.int(1))), Q.purchases(.equals(Q.int(2))))),
        ("two strings", Q.and(Q.name(.equals(Q.str("a"))), Q.name(.equals(Q.str("b"))))),
        ("null and value", Q.and(Q.name(.isNull), Q.name(.contains("x")))),
        ("unlinked and value", Q.and(Q.not(Q.linked(.shopify)), Q.purchases(.greaterOrEqual(Q.int(0))))),
        ("linked and null", Q.and(Q.linked(.shopify), Q.purchases(.isNull))),
        ("in lists disjoint", Q.and(Q.name(.oneOf([Q.str("a"), Q.str("b")])), Q.name(.oneOf([Q.str("c"), Q.str("d")])))),
        ("value excluded", Q.and(Q.name(.equals(Q.str("a"))), Q.name(.oneOf([Q.str("a"), Q.str("b")]), negated: true))),
        ("text mismatch", Q.and(Q.name(.equals(Q.str("Aiko"))), Q.name(.startsWith("z")))),
        ("empty set with element", Q.and(Q.tag(.isEmpty), Q.tag(.contains("v")))),
        ("set has lacked", Q.and(Q.tag(.oneOf([Q.str("a"), Q.str("b")])), Q.tag(.oneOf([Q.str("a"), Q.str("b")]), negated: true))),
        ("day ranges", Q.and(Q.added(.greater(Q.date(2026, 6, 1))), Q.added(.less(Q.date(2026, 6, 2))))),
        ("present and outside", Q.and(Q.purchases(.greaterOrEqual(Q.int(5))), Q.not(Q.purchases(.greaterOrEqual(Q.int(3)))))),
        ("point in negated range", Q.and(Q.added(.equals(Q.date(2026, 6, 1))),
                                         Q.added(.between(Q.date(2026, 5, 1), Q.date(2026, 7, 1)), negated: true))),
    ] as [(String, QueryNode)])
    func groupIsDropped(_ name: String, _ q: QueryNode) {
        #expect(Q.text(q) == "false", "\(name)")
        #expect(Q.codes(q).contains("W0203"), "\(name)")
    }

    @Test func onlyTheContradictoryGroupGoes() {
        let q = Q.or(Q.and(Q.purchases(.greaterOrEqual(Q.int(5))), Q.purchases(.less(Q.int(3)))),
                     Q.tag(.equals(Q.str("VIP"))))
        #expect(Q.text(q) == "tag = \"VIP\"")
        #expect(!Q.codes(q).contains("W0203"))
    }

    @Test func valueMakesCompatibleTestsRedundant() {
        #expect(Q.text(Q.and(Q.name(.equals(Q.str("Aiko"))), Q.name(.contains("IK")))) == "name = \"Aiko\"")
        #expect(Q.text(Q.and(Q.name(.equals(Q.str("a"))), Q.name(.equals(Q.str("b")), negated: true))) == "name = \"a\"")
        #expect(Q.text(Q.and(Q.name(.oneOf([Q.str("a"), Q.str("b"), Q.str("c")])),
                             Q.name(.oneOf([Q.str("b"), Q.str("c"), Q.str("d")])))) == "name in (\"b\", \"c\")")
        #expect(Q.text(Q.and(Q.purchases(.oneOf([Q.int(1), Q.int(5), Q.int(9)])), Q.purchases(.greaterOrEqual(Q.int(4)))))
                == "shopify.purchases in (5, 9)")
    }

    @Test func missingValueMakesNegatedTestsRedundant() {
        #expect(Q.text(Q.and(Q.name(.isNull), Q.name(.equals(Q.str("a")), negated: true))) == "name is null")
        #expect(Q.text(Q.and(Q.not(Q.linked(.shopify)), Q.purchases(.equals(Q.int(3)), negated: true)))
                == "not shopify.linked = true")
    }

    @Test func valueImpliesLink() {
        #expect(Q.text(Q.and(Q.linked(.shopify), Q.purchases(.greaterOrEqual(Q.int(3))))) == "shopify.purchases >= 3")
        #expect(Q.text(Q.and(Q.linked(.hubspot), Q.purchases(.greaterOrEqual(Q.int(3)))))
                == "shopify.purchases >= 3 and hubspot.linked = true")
    }

    @Test func setRules() {
        #expect(Q.text(Q.and(Q.tag(.equals(Q.str("a"))), Q.tag(.oneOf([Q.str("a"), Q.str("b")])))) == "tag = \"a\"")
        #expect(Q.text(Q.and(Q.tag(.equals(Q.str("a")), negated: true), Q.tag(.equals(Q.str("b")), negated: true)))
                == "not tag in (\"a\", \"b\")")
        #expect(Q.text(Q.and(Q.tag(.oneOf([Q.str("a"), Q.str("b")])), Q.tag(.equals(Q.str("a")), negated: true)))
                == "not tag = \"a\" and tag = \"b\"")
        #expect(Q.text(Q.and(Q.tag(.equals(Q.str("a"))), Q.tag(.isEmpty, negated: true))) == "tag = \"a\"")
        #expect(Q.text(Q.and(Q.tag(.isEmpty), Q.tag(.equals(Q.str("a")), negated: true))) == "tag is empty")
        // a set may hold both values: no contradiction
        #expect(Q.text(Q.and(Q.tag(.equals(Q.str("a"))), Q.tag(.equals(Q.str("b"))))) == "tag = \"a\" and tag = \"b\"")
    }
}
