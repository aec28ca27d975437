import SegqBasics
import Testing
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqSQLiteStore
import TestSupport

/// The SQL push-down must count exactly what a plain loop over the friends
/// counts (Grammar/README.md "Missing values and negation"), for handwritten and random physical expressions.
@Suite struct SQLPushDownTests {
    static let friends = SampleFriends.make(count: 400)

    static func store() throws -> SQLiteStore {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(friends)
        return store
    }

    static func a(_ c: Column, _ p: Predicate) -> PhysicalExpr { .atom(Atom(c, p)) }
    static func ge(_ v: Int64) -> Predicate { .range(lower: .int(v), lowerInclusive: true, upper: nil, upperInclusive: false) }
    static func lt(_ v: Int64) -> Predicate { .range(lower: nil, lowerInclusive: false, upper: .int(v), upperInclusive: false) }
    static let base = SampleFriends.base
    static let day = SampleFriends.day

    /// Handwritten cases: each operator on each storage layout, with and without negation.
    static let handwritten: [PhysicalExpr] = {
        var xs: [PhysicalExpr] = [
            .all, .none, .not(.all), .not(.none), .and([]), .or([]),
            // the query shapes
            .or([.and([a(.tag, .equals(.string("VIP"))), a(.shopifyPurchases, ge(3))]),
                 a(.hubspotProperty("stage"), .equals(.string("Customer")))]),
            a(.shopifyLastPurchase, lt(base - 90 * day)),
            a(.added, ge(base - 7 * day)),
            a(.shopifyCartAbandonedAt, .range(lower: nil, lowerInclusive: false, upper: .int(base - 24 * 3_600_000), upperInclusive: true)),
            .and([.or([a(.tag, .oneOf([.string("VIP"), .string("Wholesale")])), a(.shopifyTag, .equals(.string("loyalty-gold")))]),
                  .not(a(.tag, .equals(.string("Complaint-Pending")))),
                  .or([a(.hubspotLinked, .present), a(.klaviyoList, .equals(.string("VIP list")))]),
                  a(.added, lt(base - 100 * day))]),
            .not(a(.shopifyPurchases, ge(3))),
            // strings: exact, NFC, case
            a(.name, .equals(.string("Ecole"))), a(.name, .equals(.string("ÉCOLE"))),
            a(.name, .equals(.string("Caf\u{E9} Owner"))), .not(a(.name, .equals(.string("Bob")))),
            a(.name, .oneOf([.string("Bob"), .string("bobby"), .string("nobody")])),
            .not(a(.name, .oneOf([.string("Bob"), .string("bobby")]))),
            a(.name, .present), .not(a(.name, .present)),
            a(.name, .text(.contains, "ob")), a(.name, .text(.startsWith, "BOB")), a(.name, .text(.endsWith, "BBY")),
            a(.name, .text(.contains, "STRASSE")), a(.name, .text(.contains, "strasse")), a(.name, .text(.contains, "é")),
            a(.name, .text(.startsWith, "cafe\u{301}")), a(.name, .text(.endsWith, "")), .not(a(.name, .text(.contains, ""))),
            .not(a(.name, .text(.contains, "o"))), a(.name, .equals(.int(3))), .not(a(.name, .equals(.int(3)))),
            a(.id, .equals(.string("F7"))), a(.id, .equals(.string("f7"))), a(.id, .text(.startsWith, "f1")),
            a(.id, .text(.contains, "F1")), a(.shopifyId, .present), .not(a(.shopifyId, .text(.endsWith, "1"))),
            a(.hubspotId, .oneOf([.string("H1"), .string("H2"), .string("H3")])), a(.klaviyoId, .text(.contains, "k1")),
            // integers and times
            a(.shopifyPurchases, .equals(.int(3))), a(.shopifyPurchases, .equals(.number(3))),
            a(.shopifyPurchases, .equals(.number(3.5))), .not(a(.shopifyPurchases, .equals(.int(0)))),
            a(.shopifyPurchases, .oneOf([.int(1), .int(2), .number(2), .string("3")])),
            .not(a(.shopifyPurchases, .oneOf([.int(1), .int(2)]))),
            a(.shopifyPurchases, .range(lower: .int(2), lowerInclusive: false, upper: .int(5), upperInclusive: true)),
            .not(a(.shopifyPurchases, .range(lower: .int(2), lowerInclusive: true, upper: .int(5), upperInclusive: false))),
            a(.shopifyPurchases, .range(lower: .number(2.5), lowerInclusive: true, upper: nil, upperInclusive: false)),
            a(.shopifyPurchases, .range(lower: nil, lowerInclusive: false, upper: nil, upperInclusive: false)),
            a(.shopifyPurchases, .range(lower: .string("a"), lowerInclusive: true, upper: nil, upperInclusive: false)),
            a(.shopifyPurchases, .present), .not(a(.shopifyPurchases, .present)),
            a(.shopifyLastPurchase, .present), .not(a(.shopifyLastPurchase, ge(base - 30 * day))),
            a(.added, .range(lower: .int(base - 50 * day), lowerInclusive: true, upper: .int(base - 10 * day), upperInclusive: false)),
            .not(a(.added, ge(base - 7 * day))), a(.added, .equals(.int(base))), a(.added, .text(.contains, "1")),
            // flags
            a(.shopifyLinked, .present), .not(a(.shopifyLinked, .present)), a(.shopifyLinked, .equals(.bool(false))),
            a(.hubspotLinked, .equals(.bool(true))), a(.klaviyoLinked, .oneOf([.bool(true), .bool(false)])),
            a(.klaviyoLinked, .equals(.string("true"))), .not(a(.klaviyoLinked, .equals(.bool(false)))),
            // sets
            a(.tag, .equals(.string("vip"))), .not(a(.tag, .equals(.string("VIP")))),
            a(.tag, .equals(.string("Caf\u{E9}"))), a(.tag, .equals(.string("Cafe\u{301}"))), a(.tag, .equals(.string(""))),
            a(.tag, .oneOf([.string("VIP"), .string("東京")])), .not(a(.tag, .oneOf([.string("VIP"), .string("vip")]))),
            a(.tag, .text(.contains, "vip")), a(.tag, .text(.contains, "strasse")), a(.tag, .text(.startsWith, "σίσ")),
            a(.tag, .text(.endsWith, "ς")), a(.tag, .text(.endsWith, "σ")), a(.tag, .text(.contains, "")),
            .not(a(.tag, .text(.contains, "e"))), a(.tag, .isEmpty), .not(a(.tag, .isEmpty)), a(.tag, .present),
            a(.tag, .equals(.int(1))), .not(a(.tag, .equals(.int(1)))),
            a(.shopifyTag, .equals(.string("wholesale"))), .not(a(.shopifyTag, .equals(.string("wholesale")))),
            a(.shopifyTag, .isEmpty), .not(a(.shopifyTag, .isEmpty)), a(.shopifyTag, .present),
            .not(a(.shopifyTag, .text(.contains, "GOLD"))), a(.shopifyTag, .text(.contains, "")),
            a(.hubspotList, .oneOf([.string("Newsletter"), .string("Ünïcödé")])), a(.hubspotList, .text(.contains, "ÜNÏ")),
            .not(a(.hubspotList, .oneOf([.string("Newsletter")]))), a(.hubspotList, .isEmpty),
            a(.klaviyoList, .equals(.string("VIP list"))), .not(a(.klaviyoList, .isEmpty)),
            // properties, with kinds that differ between friends
            a(.hubspotProperty("stage"), .equals(.string("customer"))), .not(a(.hubspotProperty("stage"), .equals(.string("Customer")))),
            a(.hubspotProperty("stage"), .text(.contains, "CUSTOM")), a(.hubspotProperty("stage"), .text(.startsWith, "ça")),
            a(.hubspotProperty("stage"), .oneOf([.string("Lead"), .string("Customer")])), a(.hubspotProperty("stage"), .present),
            .not(a(.hubspotProperty("stage"), .present)), a(.hubspotProperty("stage"), .equals(.int(3))),
            a(.hubspotProperty("score"), ge(5)), .not(a(.hubspotProperty("score"), ge(5))),
            a(.hubspotProperty("score"), .equals(.number(2.5))), a(.hubspotProperty("score"), .oneOf([.int(1), .number(2.5), .string("x")])),
            a(.hubspotProperty("score"), .range(lower: .number(1.5), lowerInclusive: false, upper: .int(6), upperInclusive: true)),
            a(.hubspotProperty("active"), .equals(.bool(true))), .not(a(.hubspotProperty("active"), .equals(.bool(true)))),
            a(.hubspotProperty("active"), .oneOf([.bool(false)])),
            a(.hubspotProperty("mixed"), .equals(.int(3))), a(.hubspotProperty("mixed"), .equals(.string("3"))),
            a(.hubspotProperty("mixed"), .oneOf([.int(3), .string("3")])), .not(a(.hubspotProperty("mixed"), .oneOf([.int(3), .string("3")]))),
            a(.hubspotProperty("mixed"), .text(.contains, "3")), a(.hubspotProperty("nothing"), .present),
            .not(a(.hubspotProperty("nothing"), .equals(.string("x")))), a(.hubspotProperty("stage"), .isEmpty),
            a(.klaviyoProperty("city"), .equals(.string("osaka"))), a(.klaviyoProperty("city"), .text(.contains, "ŌK")),
            a(.klaviyoProperty("orders"), lt(2)), .not(a(.klaviyoProperty("orders"), lt(2))),
            a(.klaviyoProperty("stage"), .present),
            // segments
            .members(name: "S", ids: ["f1", "f2", "F7", "nobody"]), .not(.members(name: "S", ids: ["f1", "f2"])),
            .members(name: "empty", ids: []), .not(.members(name: "empty", ids: [])),
            .members(name: "big", ids: (0..<300).map { "f\($0)" }),
            .and([.members(name: "big", ids: (0..<300).map { "f\($0)" }), a(.tag, .equals(.string("VIP")))]),
            // nesting and mixing layouts
            .and([a(.tag, .equals(.string("VIP"))), a(.tag, .equals(.string("vip")))]),
            .or([a(.tag, .equals(.string("VIP"))), .not(a(.shopifyPurchases, ge(2)))]),
            .not(.or([a(.tag, .equals(.string("VIP"))), a(.name, .equals(.string("Bob")))])),
            .not(.and([a(.tag, .isEmpty), a(.name, .present), .not(a(.hubspotLinked, .present))])),
            .and([.not(a(.shopifyPurchases, ge(3))), .not(a(.hubspotProperty("score"), ge(5)))]),
            .or([.and([a(.name, .text(.contains, "o")), .not(a(.shopifyPurchases, .equals(.int(2))))]), a(.klaviyoList, .isEmpty)]),
            .and([.all, a(.tag, .equals(.string("VIP")))]), .or([.none, .not(a(.tag, .equals(.string("VIP"))))]),
            .and([.none, a(.tag, .equals(.string("VIP")))]), .or([.all, a(.tag, .equals(.string("VIP")))]),
            .not(.not(.not(a(.shopifyTag, .equals(.string("wholesale")))))),
            .or([.and([.or([a(.tag, .equals(.string("東京"))), a(.shopifyTag, .isEmpty)]),
                       .not(.and([a(.hubspotList, .equals(.string("Newsletter"))), a(.name, .present)]))]),
                 .not(a(.added, ge(base - 100 * day)))]),
        ]
        // a wide OR and AND (compound-select limits)
        xs.append(.or((0..<250).map { a(.tag, .equals(.string("t\($0)"))) } + [a(.tag, .equals(.string("VIP")))]))
        xs.append(.not(.or((0..<250).map { a(.shopifyTag, .equals(.string("t\($0)"))) })))
        xs.append(a(.tag, .oneOf((0..<100).map { .string("t\($0)") } + [.string("vip")])))
        // as many groups as the normaliser allows, each a range and a flag (one long WHERE clause)
        xs.append(.or((0..<1_100).map { i in
            .and([a(.added, ge(base - Int64(i) * day)), a(.shopifyPurchases, .equals(.int(Int64(i % 9)))), a(.hubspotLinked, .present)])
        }))
        xs.append(.not(.and((0..<1_100).map { i in .not(a(.shopifyPurchases, .equals(.int(Int64(i))))) })))
        xs.append(.or((0..<1_100).map { i in
            .and([a(.tag, .equals(.string(SampleFriends.tagPool[i % 13]))), a(.shopifyTag, .equals(.string(i % 2 == 0 ? "wholesale" : "x"))),
                  .not(a(.hubspotList, .equals(.string("t\(i)"))))])
        }))
        return xs
    }()

    @Test func handwrittenExpressionsCountLikeTheNaiveLoop() throws {
        let store = try Self.store()
        for expr in Self.handwritten {
            let expected = PhysicalOracle.count(expr, in: Self.friends)
            let actual = try store.count(expr)
            #expect(actual == expected, "\(expr)\n\(store.sql(for: expr))")
        }
    }

    @Test func rowIDsAreTheMatchingFriendsInOrder() throws {
        let store = try Self.store()
        for expr in Self.handwritten.prefix(60) {
            let expected = Self.friends.indices.filter { PhysicalOracle.holds(expr, on: Self.friends[$0]) }
            #expect(try store.rowIDs(expr) == expected, "\(expr)")
            #expect(try store.rowIDs(expr, limit: 3) == Array(expected.prefix(3)), "\(expr)")
            #expect(try store.friends(expr, limit: 10).map(\.id) == expected.prefix(10).map { Self.friends[$0].id })
        }
    }

    @Test func randomExpressionsCountLikeTheNaiveLoop() throws {
        let store = try Self.store()
        var r = SplitMix64(seed: 7)
        for _ in 0..<1_000 {
            let expr = RandomPhysicalExpr.make(depth: 3, &r)
            let expected = PhysicalOracle.count(expr, in: Self.friends)
            #expect(try store.count(expr) == expected, "\(expr)\n\(store.sql(for: expr))")
        }
    }

    @Test func rangeCountsAreExactAtEveryThreshold() throws {
        let store = try Self.store()
        let columns: [Column] = [.added, .shopifyPurchases, .shopifyLastPurchase, .shopifyCartAbandonedAt]
        for column in columns {
            let values = Self.friends.compactMap { f -> Int64? in
                PhysicalOracle.intValue(column, f)
            }
            guard let lo = values.min(), let hi = values.max() else { continue }
            let step = max(1, (hi - lo) / 37)
            var thresholds: [Int64] = Array(stride(from: lo - 1, through: hi + 1, by: Int64.Stride(step))) + [lo, hi, .max, .min]
            thresholds += values.prefix(20)
            for t in thresholds {
                for (lowerInclusive, upperInclusive) in [(true, false), (false, true)] {
                    let exprs: [PhysicalExpr] = [
                        .atom(Atom(column, .range(lower: .int(t), lowerInclusive: lowerInclusive, upper: nil, upperInclusive: false))),
                        .atom(Atom(column, .range(lower: nil, lowerInclusive: false, upper: .int(t), upperInclusive: upperInclusive))),
                        .atom(Atom(column, .range(lower: .int(t), lowerInclusive: lowerInclusive, upper: .int(t &+ step * 3), upperInclusive: upperInclusive))),
                        .not(.atom(Atom(column, .range(lower: .number(Double(t)), lowerInclusive: lowerInclusive, upper: nil, upperInclusive: false)))),
                        .atom(Atom(column, .range(lower: .number(Double(t) + 0.5), lowerInclusive: true, upper: nil, upperInclusive: false))),
                    ]
                    for expr in exprs {
                        #expect(try store.count(expr) == PhysicalOracle.count(expr, in: Self.friends), "\(expr)")
                    }
                }
            }
        }
    }

    @Test func negationIncludesFriendsWithMissingValues() throws {
        let store = try Self.store()
        let purchasesAtLeast3 = Self.a(.shopifyPurchases, Self.ge(3))
        let below3 = Self.a(.shopifyPurchases, Self.lt(3))
        let unlinked = Self.friends.filter { $0.shopify == nil }.count
        #expect(unlinked > 0)
        #expect(try store.count(.not(purchasesAtLeast3)) == (try store.count(below3)) + unlinked)
        #expect(try store.count(.not(purchasesAtLeast3)) + (try store.count(purchasesAtLeast3)) == Self.friends.count)
    }

    @Test func sqlTextNamesTablesAndUsesCompoundSelectsForSets() throws {
        let store = try Self.store()
        let sql = store.sql(for: .and([Self.a(.tag, .equals(.string("VIP"))), .not(Self.a(.tag, .equals(.string("x'y"))))]))
        #expect(sql.contains("friend_tags"))
        #expect(sql.contains("EXCEPT") || sql.contains("NOT IN"))
        #expect(sql.contains("'x''y'"))
        #expect(!sql.contains("?"))
    }
}

/// Random physical expressions over the sample's columns and values.
enum RandomPhysicalExpr {
    static let strings: [Scalar] = (SampleFriends.tagPool + SampleFriends.listPool + SampleFriends.stages
        + ["Bob", "ÉCOLE", "wholesale", "loyalty-gold", "Osaka", "f3", "F7", "S4", "H5"]).map { .string($0) }
    static let needles = ["o", "VIP", "é", "STRASSE", "", "gold", "ös", "ka", "1"]
    static let columns: [Column] = [.id, .name, .added, .tag, .shopifyLinked, .shopifyId, .shopifyTag, .shopifyPurchases,
                                    .shopifyLastPurchase, .shopifyCartAbandonedAt, .hubspotLinked, .hubspotId, .hubspotList,
                                    .hubspotProperty("stage"), .hubspotProperty("score"), .hubspotProperty("active"),
                                    .hubspotProperty("mixed"), .klaviyoLinked, .klaviyoId, .klaviyoList,
                                    .klaviyoProperty("city"), .klaviyoProperty("orders")]

    static func scalar(_ column: Column, _ r: inout SplitMix64) -> Scalar {
        switch column {
        case .added, .shopifyLastPurchase:
            return .int(SampleFriends.base - Int64.random(in: 0...200, using: &r) * SampleFriends.day)
        case .shopifyCartAbandonedAt:
            return .int(SampleFriends.base - Int64.random(in: 0...96, using: &r) * 3_600_000)
        case .shopifyPurchases, .klaviyoProperty("orders"), .hubspotProperty("score"), .hubspotProperty("mixed"):
            return r.chance(0.5) ? .int(Int64.random(in: 0...8, using: &r)) : .number(Double(Int.random(in: 0...16, using: &r)) / 2)
        case .shopifyLinked, .hubspotLinked, .klaviyoLinked, .hubspotProperty("active"):
            return .bool(r.chance(0.5))
        default:
            return r.chance(0.05) ? .int(3) : r.pick(strings)
        }
    }

    static func predicate(_ column: Column, _ r: inout SplitMix64) -> Predicate {
        switch Int.random(in: 0..<7, using: &r) {
        case 0: return .present
        case 1: return .oneOf((0..<Int.random(in: 1...4, using: &r)).map { _ in scalar(column, &r) })
        case 2:
            let lower = r.chance(0.7) ? scalar(column, &r) : nil
            let upper = r.chance(0.5) ? scalar(column, &r) : nil
            return .range(lower: lower, lowerInclusive: r.chance(0.5), upper: upper, upperInclusive: r.chance(0.5))
        case 3: return .text(r.pick([.contains, .startsWith, .endsWith]), r.pick(needles))
        case 4: return .isEmpty
        default: return .equals(scalar(column, &r))
        }
    }

    static func make(depth: Int, _ r: inout SplitMix64) -> PhysicalExpr {
        if depth == 0 || r.chance(0.3) {
            let column = r.pick(columns)
            let atom = PhysicalExpr.atom(Atom(column, predicate(column, &r)))
            return r.chance(0.3) ? .not(atom) : atom
        }
        let children = (0..<Int.random(in: 1...3, using: &r)).map { _ in make(depth: depth - 1, &r) }
        switch Int.random(in: 0..<5, using: &r) {
        case 0, 1: return .and(children)
        case 2, 3: return .or(children)
        default: return .not(children.count == 1 ? children[0] : .and(children))
        }
    }
}

/// The compiler is generic over the dialect: another engine's placeholders
/// and functions come out numbered in binding order.
@Suite struct SQLDialectTests {
    struct NumberedDialect: SQLDialect {
        func placeholder(_ index: Int) -> String { "$\(index)" }
        var trueLiteral: String { "TRUE" }
        var falseLiteral: String { "FALSE" }
        func contains(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment { "strpos(" + text + ", " + needle + ") > 0" }
        func hasPrefix(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment { "starts_with(" + text + ", " + needle + ")" }
        func hasSuffix(_ text: SQLFragment, _ needle: SQLFragment, length: SQLFragment) -> SQLFragment {
            "right(" + text + ", " + length + ") = " + needle
        }
        func isTrue(_ condition: SQLFragment) -> SQLFragment { "coalesce(" + condition + ", FALSE)" }
        func listValues(_ parameter: SQLFragment) -> SQLFragment { "SELECT jsonb_array_elements_text(" + parameter + ")" }
    }

    @Test func placeholdersAreNumberedInBindingOrder() {
        let compiler = SQLCompiler(dialect: NumberedDialect())
        let expr = PhysicalExpr.and([
            .atom(Atom(.tag, .oneOf([.string("VIP"), .string("Wholesale")]))),
            .not(.atom(Atom(.name, .text(.startsWith, "Bo")))),
            .atom(Atom(.shopifyPurchases, .range(lower: .int(3), lowerInclusive: true, upper: nil, upperInclusive: false))),
        ])
        let (sql, bindings) = compiler.countQuery(expr).render(NumberedDialect())
        #expect(!sql.contains("?"))
        #expect(bindings == [.int(3), .string("VIP"), .string("Wholesale"), .string("bo")])
        for i in 1...bindings.count { #expect(sql.contains("$\(i)")) }
        #expect(!sql.contains("$\(bindings.count + 1)"))
        #expect(sql.contains("starts_with(") && sql.contains("coalesce("))
        #expect(compiler.countQuery(expr).display(NumberedDialect()).contains("'Wholesale'"))
    }
}
