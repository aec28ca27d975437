import Testing
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqMemoryStore
import TestSupport

/// Operands to try on each kind of column, including wrong kinds.
private let stringOperands: [Scalar] = [
    .string("VIP"), .string("vip"), .string("Wholesale"), .string("常連"), .string("東京"), .string("école"),
    .string("e\u{301}cole"), .string("Aiko Tanaka"), .string("bob"), .string("Customer"), .string("customer"),
    .string("7004"), .string("U03"), .string("loyalty-gold"), .string("VIP list"), .string("Newsletter"),
    .string("high"), .string("yes"), .string(""), .string("nothing-like-this"), .int(3), .bool(true),
]
private let numberOperands: [Scalar] = [
    .int(0), .int(2), .int(3), .int(5), .int(100), .int(-1), .number(2.5), .number(3), .number(7.5), .number(12.5),
    .int(ms("2026-06-01T00:00:00Z")), .int(ms("2026-11-22T09:00:00Z")), .int(Int64.max), .int(Int64.min),
    .number(1e300), .number(-1e300), .string("3"), .bool(false),
]
private let needles = ["vip", "VIP", "a", "", "京", "STRASSE", "σίσυφος", "ÉCOLE", "list", "full", "ｆｕ", "zz", "7", "U1"]

private func predicates(for operands: [Scalar]) -> [Predicate] {
    var out: [Predicate] = [.present, .isEmpty, .range(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)]
    for a in operands {
        out.append(.equals(a))
        out.append(.range(lower: a, lowerInclusive: true, upper: nil, upperInclusive: false))
        out.append(.range(lower: a, lowerInclusive: false, upper: nil, upperInclusive: false))
        out.append(.range(lower: nil, lowerInclusive: false, upper: a, upperInclusive: true))
        out.append(.range(lower: nil, lowerInclusive: false, upper: a, upperInclusive: false))
    }
    for i in operands.indices.dropLast() {
        out.append(.oneOf([operands[i], operands[i + 1]]))
        out.append(.range(lower: operands[i], lowerInclusive: i % 2 == 0, upper: operands[i + 1], upperInclusive: true))
        out.append(.range(lower: operands[i + 1], lowerInclusive: true, upper: operands[i], upperInclusive: i % 3 == 0))
    }
    for n in needles {
        for m in [TextMatch.contains, .startsWith, .endsWith] { out.append(.text(m, n)) }
    }
    return out
}

let everyColumn: [Column] = [
    .id, .name, .added, .tag, .shopifyLinked, .shopifyId, .shopifyTag, .shopifyPurchases, .shopifyLastPurchase,
    .shopifyCartAbandonedAt, .hubspotLinked, .hubspotId, .hubspotList, .hubspotProperty("stage"),
    .hubspotProperty("score"), .hubspotProperty("vip"), .hubspotProperty("missing"), .klaviyoLinked, .klaviyoId,
    .klaviyoList, .klaviyoProperty("city"), .klaviyoProperty("orders"), .klaviyoProperty("vip"),
]

/// Every column with string, numeric and bool operands of every predicate.
let everyAtom: [Atom] = everyColumn.flatMap { column in
    (predicates(for: stringOperands) + predicates(for: numberOperands)
        + [.equals(.bool(true)), .equals(.bool(false)), .oneOf([.bool(true), .bool(false)]),
           .range(lower: .bool(false), lowerInclusive: false, upper: nil, upperInclusive: true),
           .range(lower: .bool(false), lowerInclusive: true, upper: .bool(true), upperInclusive: false)])
        .map { Atom(column, $0) }
}

@Suite struct InMemoryEvaluationTests {
    let store = InMemoryStore(friends: edgeFriends)

    @Test func everyAtomMatchesTheNaiveDefinition() {
        var failures: [String] = []
        for atom in everyAtom {
            let expected = edgeFriends.indices.filter { PhysicalOracle.holds(atom, on: edgeFriends[$0]) }
            let rows = store.evaluate(atom)
            if rows.rows() != expected {
                failures.append("\(atom): store \(rows.rows().map { edgeFriends[$0].id }) naive \(expected.map { edgeFriends[$0].id })")
            }
            if store.count(atom) != expected.count { failures.append("count \(atom)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(everyAtom.count > 3000)
    }

    @Test func estimatesAreExactForIndexedAtoms() {
        for atom in [Atom(.tag, .equals(.string("VIP"))), Atom(.shopifyPurchases, .range(lower: .int(3), lowerInclusive: true, upper: nil, upperInclusive: false)),
                     Atom(.hubspotProperty("stage"), .equals(.string("Customer"))), Atom(.hubspotLinked, .present),
                     Atom(.added, .range(lower: nil, lowerInclusive: false, upper: .int(ms("2026-06-01T00:00:00Z")), upperInclusive: false))] {
            #expect(store.estimatedRows(for: atom) == store.evaluate(atom).cardinality, "\(atom)")
        }
        for atom in everyAtom {
            let e = store.estimatedRows(for: atom)
            #expect(e >= 0 && e <= store.count)
        }
    }

    @Test func negationIncludesMissingValues() {
        let purchases3 = PhysicalExpr.atom(Atom(.shopifyPurchases, .range(lower: .int(3), lowerInclusive: true, upper: nil, upperInclusive: false)))
        let ids = { (b: Bitmap) in b.rows().map { store.id(at: $0) } }
        #expect(ids(store.evaluate(purchases3)) == ["U01", "U06", "U08", "U10"])
        #expect(ids(store.evaluate(.not(purchases3))) == ["U02", "U03", "U04", "U05", "U07", "U09", "U11", "U12"])
        #expect(store.count(.not(purchases3)) + store.count(purchases3) == store.count)
    }

    @Test func expressionsMatchTheNaiveDefinition() {
        let a = PhysicalExpr.atom(Atom(.tag, .oneOf([.string("VIP"), .string("Wholesale")])))
        let b = PhysicalExpr.atom(Atom(.shopifyTag, .equals(.string("loyalty-gold"))))
        let c = PhysicalExpr.atom(Atom(.tag, .equals(.string("Complaint-Pending"))))
        let d = PhysicalExpr.atom(Atom(.hubspotLinked, .present))
        let e = PhysicalExpr.atom(Atom(.klaviyoList, .equals(.string("VIP list"))))
        let f = PhysicalExpr.atom(Atom(.added, .range(lower: nil, lowerInclusive: false, upper: .int(ms("2026-06-01T00:00:00Z")), upperInclusive: false)))
        let exprs: [PhysicalExpr] = [
            .and([.or([a, b]), .not(c), .or([d, e]), f]),
            .or([.and([a, .not(b)]), .not(.or([d, e]))]),
            .and([.not(a), .not(b)]), .and([]), .or([]), .all, .none, .not(.all),
            .and([a, .none, b]), .members(name: "s", ids: ["U03", "U99", "e\u{301}"]),
            .and([.members(name: "s", ids: ["U01", "U04", "U12"]), .not(c)]),
        ]
        for expr in exprs {
            let expected = edgeFriends.indices.filter { PhysicalOracle.holds(expr, on: edgeFriends[$0]) }
            #expect(store.evaluate(expr).rows() == expected, "\(expr)")
            #expect(store.count(expr) == expected.count)
        }
    }

    @Test func friendsRoundTripThroughTheColumns() {
        for (row, f) in edgeFriends.enumerated() {
            #expect(store.friend(at: row) == f.nfcNormalized())
            #expect(store.row(ofId: f.id) == row)
        }
        #expect(store.row(ofId: "nobody") == nil)
    }

    @Test func duplicateIdsKeepTheFirst() {
        let s = InMemoryStore(friends: [Friend(id: "a", name: "first", addedAt: 1), Friend(id: "a", name: "second", addedAt: 2)])
        #expect(s.count == 1)
        #expect(s.friend(at: 0).name == "first")
    }

    @Test func emptyStoreAnswersEverything() {
        let s = InMemoryStore(friends: [])
        for atom in everyAtom.prefix(500) { #expect(s.count(atom) == 0) }
        #expect(s.count(.not(.none)) == 0)
        #expect(s.schema.integrations.isEmpty)
    }
}
