import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// W0201/W0202 for conditions, W0203/W0204 for whole queries.
struct WarningTests {
    @Test func conditionAlwaysFalse() {
        let q = Q.or(Q.cond(at: 5, .shopifyPurchases, .int, .greater(.int(Int64.max))), Q.name(.equals(Q.str("a"))))
        let r = Q.normalize(q)
        #expect(r.diagnostics.map(\.code) == [.alwaysFalseCondition])
        #expect(r.diagnostics.first?.span == Span(offset: 5, length: 1))
        #expect(r.diagnostics.first?.message.contains("no integer is greater") == true)
        #expect(Q.text(q) == "name = \"a\"")
    }

    @Test func conditionAlwaysTrue() {
        let q = Q.and(Q.cond(at: 7, .shopifyPurchases, .int, .greater(.int(Int64.max)), negated: true),
                      Q.name(.equals(Q.str("a"))))
        let r = Q.normalize(q)
        #expect(r.diagnostics.map(\.code) == [.alwaysTrueCondition])
        #expect(Q.text(q) == "name = \"a\"")
    }

    @Test func nullTestsOnNeverMissingFieldsAreLeftToTheChecker() {
        // the checker gives W0201/W0202 for these; the normaliser only simplifies
        let q = Q.and(Q.cond(.added, .time, .isNull, negated: true), Q.name(.equals(Q.str("a"))))
        #expect(Q.codes(q).isEmpty)
        #expect(Q.text(q) == "name = \"a\"")
        #expect(Q.text(Q.or(Q.tag(.isNull), Q.name(.equals(Q.str("a"))))) == "name = \"a\"")
    }

    @Test func reversedBetweenIsAlwaysFalse() {
        #expect(Q.codes(Q.or(Q.purchases(.between(Q.int(5), Q.int(1))), Q.name(.equals(Q.str("a"))))) == ["W0202"])
    }

    @Test func aSingleAlwaysFalseConditionIsWarnedOnce() {
        // the query is that condition: W0202 covers it, no extra W0203
        #expect(Q.codes(Q.purchases(.greater(.int(Int64.max)))) == ["W0202"])
        #expect(Q.codes(Q.not(Q.tag(.isNull))).isEmpty)
    }

    @Test func queryMatchingNobodyOrEverybody() {
        let nobody = Q.and(Q.name(.equals(Q.str("a"))), Q.name(.equals(Q.str("b"))))
        #expect(Q.codes(nobody) == ["W0203"])
        let everybody = Q.or(Q.linked(.shopify), Q.not(Q.linked(.shopify)))
        #expect(Q.codes(everybody) == ["W0204"])
        #expect(Q.normalize(everybody).normalForm == .everybody)
        #expect(Q.normalize(nobody).normalForm == .nobody)
    }

    @Test func ordinaryQueryHasNoWarnings() {
        #expect(Q.codes(Q.and(Q.tag(.equals(Q.str("VIP"))), Q.purchases(.greaterOrEqual(Q.int(3))))).isEmpty)
    }

    @Test func duplicatedConditionWarnsOnce() {
        let bad = Q.cond(at: 9, .shopifyPurchases, .int, .less(.int(Int64.min)))
        let q = Q.and(Q.or(bad, Q.name(.equals(Q.str("a")))), Q.or(Q.name(.equals(Q.str("b"))), Q.purchases(.equals(Q.int(1)))))
        #expect(Q.codes(q).filter { $0 == "W0202" }.count == 1)
    }
}
