import SegqBasics
import Testing
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqMemoryStore
import TestSupport

/// Random expressions over a generated store agree with the naive definition.
@Suite struct GeneratedStoreEvaluationTests {
    static let friends: [Friend] = {
        var g = FriendGenerator(seed: 11)
        return g.friends(1200)
    }()
    let store = InMemoryStore(friends: GeneratedStoreEvaluationTests.friends)

    /// Atoms on the values the generator actually uses, with times around `now`.
    static let atoms: [Atom] = {
        let now = FriendGenerator.defaultNow, day: Int64 = 86_400_000
        var out: [Atom] = []
        for tag in ["VIP", "vip", "Wholesale", "Complaint-Pending", "常連", "東京", "Trade Show 2026"] {
            out.append(Atom(.tag, .equals(.string(tag))))
        }
        out.append(Atom(.tag, .oneOf([.string("VIP"), .string("Wholesale")])))
        out.append(Atom(.tag, .isEmpty))
        out.append(Atom(.tag, .text(.contains, "vip")))
        out.append(Atom(.shopifyTag, .equals(.string("loyalty-gold"))))
        out.append(Atom(.shopifyTag, .text(.startsWith, "LOYALTY")))
        out.append(Atom(.klaviyoList, .equals(.string("VIP list"))))
        out.append(Atom(.hubspotList, .isEmpty))
        out.append(Atom(.hubspotProperty("stage"), .equals(.string("Customer"))))
        out.append(Atom(.hubspotProperty("stage"), .oneOf([.string("Lead"), .string("Opportunity")])))
        out.append(Atom(.hubspotProperty("score"), .range(lower: .number(50), lowerInclusive: true, upper: .int(80), upperInclusive: false)))
        out.append(Atom(.klaviyoProperty("orders"), .range(lower: .int(3), lowerInclusive: false, upper: nil, upperInclusive: false)))
        out.append(Atom(.klaviyoProperty("accepts_marketing"), .equals(.bool(true))))
        out.append(Atom(.klaviyoProperty("city"), .text(.endsWith, "KA")))
        for p in [Int64(0), 1, 3, 10] {
            out.append(Atom(.shopifyPurchases, .range(lower: .int(p), lowerInclusive: true, upper: nil, upperInclusive: false)))
        }
        out.append(Atom(.shopifyPurchases, .oneOf([.int(2), .number(4), .number(4.5)])))
        out.append(Atom(.shopifyLastPurchase, .range(lower: nil, lowerInclusive: false, upper: .int(now - 89 * day), upperInclusive: false)))
        out.append(Atom(.shopifyCartAbandonedAt, .range(lower: nil, lowerInclusive: false, upper: .int(now - 24 * 3_600_000), upperInclusive: true)))
        out.append(Atom(.added, .range(lower: .int(now - 7 * day), lowerInclusive: true, upper: nil, upperInclusive: false)))
        out.append(Atom(.added, .range(lower: .int(now - 400 * day), lowerInclusive: true, upper: .int(now - 300 * day), upperInclusive: false)))
        out += [Atom(.hubspotLinked, .present), Atom(.klaviyoLinked, .equals(.bool(false))), Atom(.shopifyId, .present),
                Atom(.name, .text(.contains, "tanaka")), Atom(.name, .present), Atom(.shopifyLastPurchase, .present)]
        return out
    }()

    func randomExpr(_ r: inout SplitMix64, depth: Int) -> PhysicalExpr {
        if depth == 0 || r.chance(0.3) { return .atom(r.pick(Self.atoms)) }
        let n = 1 + r.below(3)
        let parts = (0 ..< n).map { _ in randomExpr(&r, depth: depth - 1) }
        switch r.below(4) {
        case 0: return .and(parts)
        case 1: return .or(parts)
        case 2: return .not(parts[0])
        default: return .and(parts.enumerated().map { $0.offset == 0 ? $0.element : .not($0.element) })
        }
    }

    @Test func everyAtomMatchesTheNaiveDefinition() {
        for atom in Self.atoms {
            let expected = Self.friends.indices.filter { PhysicalOracle.holds(atom, on: Self.friends[$0]) }
            #expect(store.evaluate(atom).rows() == expected, "\(atom)")
            #expect(store.count(atom) == expected.count)
        }
    }

    @Test func randomExpressionsMatchTheNaiveDefinition() {
        var r = SplitMix64(seed: 99)
        for _ in 0 ..< 150 {
            let expr = randomExpr(&r, depth: 3)
            let expected = Self.friends.indices.filter { PhysicalOracle.holds(expr, on: Self.friends[$0]) }
            #expect(store.evaluate(expr).rows() == expected, "\(expr)")
        }
    }

    @Test func atomsSelectSomethingButNotEverything() {
        // Guards the value of the two tests above: the atoms are not trivial on this data.
        let counts = Self.atoms.map { store.count($0) }
        #expect(counts.filter { $0 > 0 && $0 < store.count }.count >= Self.atoms.count - 2)
    }
}
