import Testing
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqSQLiteStore
import TestSupport

/// Counts of compound queries run on row-id bitmaps (stored ones for flags,
/// ranges and frequent values): they must stay exact at every range
/// threshold and after the writes that change the stored bitmaps.
@Suite struct BitmapCountTests {
    typealias P = SQLPushDownTests

    @Test func compoundQueriesUseTheBitmapCount() throws {
        let store = try P.store()
        let expr = PhysicalExpr.or([.and([P.a(.tag, .equals(.string("VIP"))), P.a(.shopifyPurchases, P.ge(3))])])
        #expect(SQLiteStore.usesBitmaps(SQLiteStore.simplified(expr)))
        #expect(try store.countSQL(expr).sql.contains("segq_count"))
        // A wrapped lone atom is simplified to the atom: an index count.
        #expect(!SQLiteStore.usesBitmaps(SQLiteStore.simplified(.or([.and([.not(P.a(.shopifyPurchases, P.ge(3)))])]))))
        #expect(try store.bitmapKeys().contains("flag:hubspot_linked"))
        #expect(try store.bitmapKeys().contains { $0.hasPrefix("below:added_ms:") })
        #expect(try store.bitmapKeys().contains { $0.hasPrefix("set:friend_tags:") })
    }

    @Test func rangesInsideCompoundsAreExactAtEveryThreshold() throws {
        let store = try P.store()
        let columns: [Column] = [.added, .shopifyPurchases, .shopifyLastPurchase, .shopifyCartAbandonedAt]
        for column in columns {
            let values = P.friends.compactMap { f -> Int64? in
                PhysicalOracle.intValue(column, f)
            }
            guard let lo = values.min(), let hi = values.max() else { continue }
            let step = max(1, (hi - lo) / 29)
            let thresholds: [Int64] = Array(stride(from: lo - 1, through: hi + 1, by: Int64.Stride(step)))
                + [lo, hi, .max, .min] + values.prefix(15)
            for t in thresholds {
                for inclusive in [true, false] {
                    let ranges: [PhysicalExpr] = [
                        P.a(column, .range(lower: .int(t), lowerInclusive: inclusive, upper: nil, upperInclusive: false)),
                        P.a(column, .range(lower: nil, lowerInclusive: false, upper: .int(t), upperInclusive: inclusive)),
                        P.a(column, .range(lower: .int(t), lowerInclusive: inclusive, upper: .int(t &+ step * 5), upperInclusive: !inclusive)),
                    ]
                    for range in ranges {
                        let exprs: [PhysicalExpr] = [
                            .and([range, P.a(.hubspotLinked, .present)]),
                            .or([range, P.a(.tag, .equals(.string("VIP")))]),
                            .not(.and([range, .not(P.a(.klaviyoLinked, .equals(.bool(false))))])),
                        ]
                        for expr in exprs {
                            #expect(try store.count(expr) == PhysicalOracle.count(expr, in: P.friends), "\(expr)")
                        }
                    }
                }
            }
        }
    }

    /// Tag commands and later imports rewrite the stored bitmaps in their transaction.
    @Test func countsFollowTagCommandsAndUpserts() throws {
        let store = try P.store()
        var friends = P.friends
        let vip = P.a(.tag, .equals(.string("VIP")))
        let renamed = P.a(.tag, .equals(.string("Gold")))
        let linked = P.a(.shopifyLinked, .present)
        let exprs: [PhysicalExpr] = [.and([vip, linked]), .and([renamed, linked]), .or([vip, .not(renamed)]),
                                     .and([P.a(.hubspotProperty("stage"), .equals(.string("Customer"))), .not(vip)])]
        func check() throws {
            for expr in exprs { #expect(try store.count(expr) == PhysicalOracle.count(expr, in: friends), "\(expr)") }
        }
        try check()
        _ = try store.renameTag("VIP", to: "Gold")
        for i in friends.indices {
            var seen: [String] = []
            for t in friends[i].tags.map({ $0 == "VIP" ? "Gold" : $0 }) where !seen.contains(t) { seen.append(t) }
            friends[i].tags = seen
        }
        try check()
        _ = try store.addTag("VIP", toRows: Array(0..<50))
        for i in 0..<50 where !friends[i].tags.contains("VIP") { friends[i].tags.append("VIP") }
        try check()
        // An upsert changing tags, links and properties of some friends.
        var changed: [Friend] = []
        for i in stride(from: 0, to: friends.count, by: 7) {
            friends[i].tags = ["VIP"]
            friends[i].shopify = nil
            friends[i].hubspot = CRMData(id: "h\(i)", lists: [], properties: ["stage": .string("Customer")])
            changed.append(friends[i])
        }
        try store.importFriends(changed)
        try check()
    }
}
