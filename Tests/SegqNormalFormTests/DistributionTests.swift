import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// `and` distributes over `or`, within the group limit (E0304).
struct DistributionTests {
    @Test func andOfOrsMultipliesGroups() {
        let q = Q.and(Q.or(Q.tag(.equals(Q.str("a"))), Q.name(.equals(Q.str("n")))),
                      Q.or(Q.purchases(.equals(Q.int(1))), Q.stage(.equals(Q.str("s")))))
        let nf = Q.normalize(q).normalForm
        #expect(nf?.groups.count == 4)
        #expect(Q.text(q) == """
            name = "n" and shopify.purchases = 1 or name = "n" and hubspot.stage = "s" \
            or tag = "a" and shopify.purchases = 1 or tag = "a" and hubspot.stage = "s"
            """)
    }

    @Test func nestedAndOrFlatten() {
        let q = Q.and(Q.tag(.equals(Q.str("a"))), Q.and(Q.tag(.equals(Q.str("b"))), Q.tag(.equals(Q.str("c")))))
        #expect(Q.text(q) == "tag = \"a\" and tag = \"b\" and tag = \"c\"")
        let o = Q.or(Q.tag(.equals(Q.str("a"))), Q.or(Q.name(.equals(Q.str("b"))), Q.purchases(.equals(Q.int(1)))))
        #expect(Q.normalize(o).normalForm?.groups.count == 3)
    }

    private func pair(_ i: Int) -> QueryNode {
        .or([Q.cond(at: 100 + i, .tag, .stringSet, .equals(.string("a\(i)"))),
             Q.cond(at: 200 + i, .hubspotProperty("p\(i)"), .string, .equals(.string("b")))], Span(offset: 10 * i, length: 5))
    }

    @Test func groupLimitIsAnErrorNamingTheExplodingExpression() {
        // 11 independent pairs: 2^11 = 2048 groups > 1024.
        let inner = QueryNode.and((0..<11).map(pair), Span(offset: 3, length: 300))
        let q = QueryNode.or([Q.cond(at: 0, .id, .string, .equals(.string("x"))), inner], Span(offset: 0, length: 400))
        let r = Q.normalize(q)
        #expect(r.normalForm == nil)
        #expect(r.diagnostics.map(\.code) == [.tooManyGroups])
        #expect(r.diagnostics.first?.span == Span(offset: 3, length: 300))
        #expect(r.diagnostics.first?.severity == .error)
    }

    @Test func contradictionsKeepExpansionSmall() {
        // each `name` pick excludes the others: 1 + 11 groups, not 2^11
        let pairs = (0..<11).map { i in
            Q.or(Q.tag(.equals(.string("a\(i)"))), Q.name(.equals(.string("b\(i)"))))
        }
        #expect(Q.normalize(.and(pairs, nil)).normalForm?.groups.count == 12)
    }

    @Test func exactlyTheLimitIsAccepted() {
        let q = QueryNode.and((0..<10).map(pair), Span(offset: 0, length: 300))
        #expect(Q.normalize(q).normalForm?.groups.count == 1024)
    }

    @Test func hugeExpansionIsRefusedWithoutBuildingIt() {
        // 2^60 groups: finishing at all shows the product is never built.
        let q = QueryNode.and((0..<60).map(pair), Span(offset: 0, length: 900))
        let r = Q.normalize(q)
        #expect(r.normalForm == nil)
        #expect(r.diagnostics.map(\.code) == [.tooManyGroups])
    }

    @Test func raisedLimitAllowsMore() {
        let q = QueryNode.and((0..<11).map(pair), Span(offset: 0, length: 300))
        #expect(Q.normalize(q, maxGroups: 4096).normalForm?.groups.count == 2048)
    }

    @Test func negationOfAWideOrIsOneGroup() {
        let q = Q.not(.or((0..<2000).map { Q.tag(.equals(.string("t\($0)"))) }, nil))
        #expect(Q.normalize(q).normalForm?.groups.count == 1)
        #expect(Q.normalize(q).normalForm?.groups.first?.conditions.count == 1)   // tag not in (…)
    }

    @Test func wideOrOfValuesIsOneList() {
        let q = QueryNode.or((0..<5000).map { Q.tag(.equals(.string("t\($0)"))) }, nil)
        let groups = Q.normalize(q).normalForm?.groups
        #expect(groups?.count == 1)
        if case .oneOf(let values)? = groups?.first?.conditions.first?.test { #expect(values.count == 5000) }
        else { Issue.record("expected one `in` list") }
    }

    @Test func wideOrOfDistinctFieldsOverTheLimitIsAnError() {
        let q = QueryNode.or((0..<1100).map { Q.cond(.hubspotProperty("p\($0)"), .string, .equals(.string("v"))) },
                             Span(offset: 0, length: 9))
        #expect(Q.codes(q) == ["E0304"])
    }
}
