import Foundation
import Testing
import SegqStore
import SegqSemantics
import SegqSyntax
@testable import SegqPostgresStore

/// The row bitmaps' layout (`PostgresSchema+RowBitmaps.swift`): counts and
/// row ids against the friends themselves at the layout's edges (no
/// friend, one, lengths not a multiple of 8, two accounts of different
/// lengths, ranges between quantile bounds), and the freshness rule: every
/// write path keeps the bitmaps fresh, and a change by any other statement
/// marks them stale, so queries count row by row until they are rebuilt.
@Suite struct PostgresRowBitmapTests {
    typealias Check = (name: String, expr: PhysicalExpr, holds: (Friend) -> Bool)

    static func atom(_ column: SegqStore.Column, _ predicate: SegqStore.Predicate) -> PhysicalExpr { .atom(Atom(column, predicate)) }
    static func range(_ column: SegqStore.Column, _ lower: Scalar?, _ li: Bool, _ upper: Scalar?, _ ui: Bool) -> PhysicalExpr {
        atom(column, .range(lower: lower, lowerInclusive: li, upper: upper, upperInclusive: ui))
    }

    /// Friend `i` of a generated account: tags, times, purchases and
    /// properties that vary with `i`, one tag held by a single friend.
    static func friend(_ i: Int) -> Friend {
        var tags: [String] = []
        if i % 3 == 0 { tags.append("VIP") }
        if i % 5 == 0 { tags.append("Wholesale") }
        if i == 4 { tags.append("rare") }
        let shopify = i % 2 == 0
            ? ShopifyData(tags: i % 4 == 0 ? ["gold"] : [], purchases: Int64(i % 6),
                          lastPurchaseAt: i % 8 == 0 ? nil : Int64(i * 37 % 1000))
            : nil
        if i % 11 == 3 && !Self.names[i % Self.names.count].isEmpty { tags.append(Self.names[i % Self.names.count]) }
        let hubspot = i % 3 != 1 ? CRMData(properties: ["stage": .string(i % 4 == 0 ? "Customer" : "Lead"),
                                                        "score": .number(Double(i % 10)),
                                                        "company": .string(Self.names[i % Self.names.count])]) : nil
        var klaviyo = i % 4 == 1 ? CRMData(lists: ["VIP list"]) : nil
        if i % 6 == 2 { klaviyo = CRMData(properties: ["orders": i % 12 == 2 ? .string("many") : .number(Double(i % 23)),
                                                         "vip": .bool(i % 4 == 2)]) }
        return Friend(id: "f\(i)", name: i % 5 == 4 ? nil : Self.names[i % Self.names.count],
                      addedAt: Int64(i * 1000 + i % 7 * 13), tags: tags,
                      shopify: shopify, hubspot: hubspot, klaviyo: klaviyo)
    }

    /// Names (also company names and tags) that text tests find: LIKE's
    /// `%`, `_` and `\`, case and width, a decomposed accent, the empty
    /// string, one name held by a single friend.
    static let names = ["Hina Kim", "hina_%\\x", "ＨＩＮＡ", "Jose\u{301} Kim", "", "José kimura", "Aoi", "Hina Kim", "Ren 100%"]

    /// A text test on a string, as Grammar/README.md defines it.
    static func text(_ match: TextMatch, _ value: String?, _ needle: String) -> Bool {
        guard let value else { return false }
        let v = TextMatching.nfc(value), n = TextMatching.nfc(needle)
        switch match {
        case .contains: return TextMatching.contains(v, n)
        case .startsWith: return TextMatching.startsWith(v, n)
        case .endsWith: return TextMatching.endsWith(v, n)
        }
    }

    static func number(_ f: Friend, _ integration: KeyPath<Friend, CRMData?>, _ name: String) -> Double? {
        switch f[keyPath: integration]?.properties[name] {
        case .number(let v)?: return v
        default: return nil
        }
    }

    static let checks: [Check] = {
        func stage(_ f: Friend) -> String? {
            if case .string(let s)? = f.hubspot?.properties["stage"] { return s }
            return nil
        }
        let vip: (Friend) -> Bool = { $0.tags.contains("VIP") }
        return [
            ("tag", atom(.tag, .equals(.string("VIP"))), vip),
            ("not tag", .not(atom(.tag, .equals(.string("VIP")))), { !vip($0) }),
            ("rare tag", atom(.tag, .equals(.string("rare"))), { $0.tags.contains("rare") }),
            ("not rare tag", .not(atom(.tag, .equals(.string("rare")))), { !$0.tags.contains("rare") }),
            ("tag in", atom(.tag, .oneOf([.string("VIP"), .string("Wholesale"), .string("none")])),
             { $0.tags.contains("VIP") || $0.tags.contains("Wholesale") }),
            ("no tags", atom(.tag, .isEmpty), { $0.tags.isEmpty }),
            ("not shopify tag", .not(atom(.shopifyTag, .equals(.string("gold")))), { !($0.shopify?.tags.contains("gold") ?? false) }),
            ("shopify tags empty", atom(.shopifyTag, .isEmpty), { $0.shopify.map { $0.tags.isEmpty } ?? false }),
            ("linked", atom(.hubspotLinked, .present), { $0.hubspot != nil }),
            ("not linked", atom(.klaviyoLinked, .equals(.bool(false))), { $0.klaviyo == nil }),
            ("list", atom(.klaviyoList, .equals(.string("VIP list"))), { $0.klaviyo?.lists.contains("VIP list") ?? false }),
            ("stage", atom(.hubspotProperty("stage"), .equals(.string("Customer"))), { stage($0) == "Customer" }),
            ("not stage", .not(atom(.hubspotProperty("stage"), .equals(.string("Customer")))), { stage($0) != "Customer" }),
            ("score range", range(.hubspotProperty("score"), .int(3), true, .number(7.5), false), { f in
                if case .number(let v)? = f.hubspot?.properties["score"] { return v >= 3 && v < 7.5 }
                return false
            }),
            ("purchases", range(.shopifyPurchases, .int(3), true, nil, false), { ($0.shopify?.purchases ?? -1) >= 3 }),
            ("not purchases", .not(range(.shopifyPurchases, .int(3), true, nil, false)), { !(($0.shopify?.purchases ?? -1) >= 3) }),
            ("purchases equal", atom(.shopifyPurchases, .equals(.int(2))), { $0.shopify?.purchases == 2 }),
            ("purchases fraction", range(.shopifyPurchases, .number(1.5), false, .number(4.5), true),
             { p in p.shopify.map { Double($0.purchases) > 1.5 && Double($0.purchases) <= 4.5 } ?? false }),
            ("last purchase present", atom(.shopifyLastPurchase, .present), { $0.shopify?.lastPurchaseAt != nil }),
            ("last purchase below", range(.shopifyLastPurchase, nil, false, .int(500), false), { ($0.shopify?.lastPurchaseAt ?? .max) < 500 }),
            ("added after", range(.added, .int(41_000), false, nil, false), { $0.addedAt > 41_000 }),
            ("added at most", range(.added, nil, false, .int(123_013), true), { $0.addedAt <= 123_013 }),
            ("added between", range(.added, .int(7_000), true, .int(250_500), false), { $0.addedAt >= 7_000 && $0.addedAt < 250_500 }),
            ("added below everything", range(.added, nil, false, .int(-5), false), { $0.addedAt < -5 }),
            ("added past everything", range(.added, .number(1e12), true, nil, false), { Double($0.addedAt) >= 1e12 }),
            ("card", .or([.and([atom(.tag, .equals(.string("VIP"))), range(.shopifyPurchases, .int(3), true, nil, false)]),
                          atom(.hubspotProperty("stage"), .equals(.string("Customer")))]),
             { (vip($0) && ($0.shopify?.purchases ?? -1) >= 3) || stage($0) == "Customer" }),
            ("complex", .and([.or([atom(.tag, .oneOf([.string("VIP"), .string("Wholesale")])), atom(.shopifyTag, .equals(.string("gold")))]),
                              .not(atom(.tag, .equals(.string("rare")))),
                              .or([atom(.hubspotLinked, .present), atom(.klaviyoList, .equals(.string("VIP list")))]),
                              range(.added, nil, false, .int(200_000), false)]),
             { f in
                (f.tags.contains("VIP") || f.tags.contains("Wholesale") || (f.shopify?.tags.contains("gold") ?? false))
                    && !f.tags.contains("rare") && (f.hubspot != nil || (f.klaviyo?.lists.contains("VIP list") ?? false))
                    && f.addedAt < 200_000
             }),
            ("score at a bound", range(.hubspotProperty("score"), .int(5), true, nil, false), { (number($0, \.hubspot, "score") ?? -1) >= 5 }),
            ("score below", range(.hubspotProperty("score"), nil, false, .number(4.5), true), { (number($0, \.hubspot, "score") ?? 99) <= 4.5 }),
            ("score past everything", range(.hubspotProperty("score"), .int(9), false, nil, false), { (number($0, \.hubspot, "score") ?? -1) > 9 }),
            ("score equal", atom(.hubspotProperty("score"), .equals(.int(3))), { number($0, \.hubspot, "score") == 3 }),
            ("score one of", atom(.hubspotProperty("score"), .oneOf([.int(0), .number(9), .string("9")])),
             { [0, 9].contains(number($0, \.hubspot, "score") ?? -1) }),
            ("not score", .not(range(.hubspotProperty("score"), .int(2), false, .int(7), true)),
             { f in !((number(f, \.hubspot, "score")).map { $0 > 2 && $0 <= 7 } ?? false) }),
            ("rare orders", range(.klaviyoProperty("orders"), .int(10), false, nil, false), { (number($0, \.klaviyo, "orders") ?? -1) > 10 }),
            ("not rare orders", .not(range(.klaviyoProperty("orders"), nil, false, .int(10), true)),
             { !((number($0, \.klaviyo, "orders") ?? 99) <= 10) }),
            ("bool property", atom(.klaviyoProperty("vip"), .equals(.bool(true))),
             { $0.klaviyo?.properties["vip"] == .bool(true) }),
            ("not bool property", .not(atom(.klaviyoProperty("vip"), .equals(.bool(false)))),
             { $0.klaviyo?.properties["vip"] != .bool(false) }),
            ("name starts", atom(.name, .text(.startsWith, "hina")), { text(.startsWith, $0.name, "hina") }),
            ("name ends", atom(.name, .text(.endsWith, "KIM")), { text(.endsWith, $0.name, "KIM") }),
            ("name contains %", atom(.name, .text(.contains, "_%\\")), { text(.contains, $0.name, "_%\\") }),
            ("name contains accent", atom(.name, .text(.contains, "é ")), { text(.contains, $0.name, "é ") }),
            ("not name contains", .not(atom(.name, .text(.contains, "ｈｉｎａ"))), { !text(.contains, $0.name, "ｈｉｎａ") }),
            ("name present", atom(.name, .present), { $0.name != nil }),
            ("name equal empty", atom(.name, .equals(.string(""))), { $0.name == "" }),
            ("company contains", atom(.hubspotProperty("company"), .text(.contains, "kim")),
             { f in if case .string(let c)? = f.hubspot?.properties["company"] { return text(.contains, c, "kim") }; return false }),
            ("not company ends", .not(atom(.hubspotProperty("company"), .text(.endsWith, "%"))),
             { f in if case .string(let c)? = f.hubspot?.properties["company"] { return !text(.endsWith, c, "%") }; return true }),
            ("tag contains", atom(.tag, .text(.contains, "in")), { f in f.tags.contains { text(.contains, $0, "in") } }),
            ("tag starts rare", .or([atom(.tag, .text(.startsWith, "ra")), range(.hubspotProperty("score"), .int(8), true, nil, false)]),
             { f in f.tags.contains { text(.startsWith, $0, "ra") } || (number(f, \.hubspot, "score") ?? -1) >= 8 }),
            ("everyone", .all, { _ in true }),
            ("no one", .not(.all), { _ in false }),
        ]
    }()

    static func store(_ friends: [Friend], account prefix: String, database: TestServer.Database? = nil) throws -> PostgresStore {
        let database = try database ?? TestServer.sharedDatabase()
        let store = try PostgresStore.openOrCreate(database.url(account: TestServer.freshAccount(prefix)))
        try store.importFriends(friends, mode: .replace, now: 0)
        return store
    }

    /// Every check's count, full row list and first three rows match the friends.
    static func expectAgreement(_ store: PostgresStore, _ friends: [Friend], _ label: String) throws {
        for check in checks {
            let rows = friends.indices.filter { check.holds(friends[$0]) }
            #expect(try store.count(check.expr) == rows.count, "\(label): \(check.name) count")
            #expect(try store.rowIDs(check.expr, limit: nil) == rows, "\(label): \(check.name) rows")
            #expect(try store.rowIDs(check.expr, limit: 3) == Array(rows.prefix(3)), "\(label): \(check.name) first rows")
        }
    }

    static func fresh(_ store: PostgresStore) throws -> Bool { try store.rowBitmapsFresh() }

    @Test func countsAgreeWithTheFriendsAtTheLayoutsEdges() throws {
        let database = try TestServer.sharedDatabase()
        for size in [0, 1, 7, 9, 13, 300] {
            let friends = (0..<size).map(Self.friend)
            let store = try Self.store(friends, account: "bitmaps-\(size)", database: database)
            #expect(try Self.fresh(store), "size \(size)")
            try Self.expectAgreement(store, friends, "\(size) friends")
        }
    }

    @Test func twoAccountsOfDifferentLengthsKeepTheirOwnBitmaps() throws {
        let database = try TestServer.sharedDatabase()
        let short = (0..<13).map(Self.friend)
        let long = (0..<70).map { Self.friend($0 + 5) }
        let a = try Self.store(short, account: "lengths-a", database: database)
        let b = try Self.store(long, account: "lengths-b", database: database)
        try Self.expectAgreement(a, short, "13 friends beside 70")
        try Self.expectAgreement(b, long, "70 friends beside 13")
    }

    @Test func rangesBetweenQuantileBoundsReTestTheRowsBetween() throws {
        let friends = (0..<300).map(Self.friend)
        let store = try Self.store(friends, account: "quantiles")
        for bounds in [1, 2, 3, 17] {
            try store.rebuildRowBitmaps(boundsPerColumn: bounds)
            try Self.expectAgreement(store, friends, "\(bounds) bounds")
        }
    }

    @Test func tagWritesKeepTheBitmapsFresh() throws {
        var friends = (0..<37).map(Self.friend)
        let store = try Self.store(friends, account: "tag-writes")
        let rows = [1, 2, 3, 10, 36]
        #expect(try store.addTag("VIP", toRows: rows, now: 1) == 3)
        for r in rows where !friends[r].tags.contains("VIP") { friends[r].tags.append("VIP") }
        #expect(try Self.fresh(store))
        try Self.expectAgreement(store, friends, "after tag add")

        #expect(try store.removeTag("VIP", fromRows: [0, 3, 6, 7], now: 2) == 3)
        for r in [0, 3, 6] { friends[r].tags.removeAll { $0 == "VIP" } }
        #expect(try Self.fresh(store))
        try Self.expectAgreement(store, friends, "after tag remove")

        try store.renameTag("Wholesale", to: "rare", merge: true, now: 3)
        for i in friends.indices where friends[i].tags.contains("Wholesale") {
            friends[i].tags.removeAll { $0 == "Wholesale" }
            if !friends[i].tags.contains("rare") { friends[i].tags.append("rare") }
        }
        #expect(try Self.fresh(store))
        try Self.expectAgreement(store, friends, "after tag rename")

        try store.deleteTag("VIP")
        for i in friends.indices { friends[i].tags.removeAll { $0 == "VIP" } }
        #expect(try Self.fresh(store))
        try Self.expectAgreement(store, friends, "after tag delete")
    }

    @Test func aReimportGrowsTheBitmaps() throws {
        let store = try Self.store((0..<13).map(Self.friend), account: "reimport")
        let friends = (0..<21).map(Self.friend)
        try store.importFriends(friends, mode: .upsert, now: 0)
        #expect(try Self.fresh(store))
        try Self.expectAgreement(store, friends, "13 then 21 friends")
        try store.importFriends(Array(friends.prefix(5)), mode: .replace, now: 0)
        try Self.expectAgreement(store, Array(friends.prefix(5)), "replaced by 5 friends")
    }

    @Test func aChangeByAnyOtherStatementMakesTheBitmapsStale() throws {
        let database = try TestServer.sharedDatabase()
        var friends = (0..<29).map(Self.friend)
        let store = try Self.store(friends, account: "stale", database: database)
        let other = try Self.store(friends, account: "stale-other", database: database)
        // A statement outside the store's write paths: the bitmaps cannot know of it.
        try store.db.query("UPDATE friend_tags SET value = $2 WHERE account = $1 AND value = $3",
                           [.int4(store.account), .stored("Wholesale"), .stored("VIP")])
        for i in friends.indices where friends[i].tags.contains("VIP") {
            friends[i].tags.removeAll { $0 == "VIP" }
            if !friends[i].tags.contains("Wholesale") { friends[i].tags.append("Wholesale") }
        }
        #expect(try !Self.fresh(store))
        #expect(try Self.fresh(other), "another account's bitmaps stay fresh")
        try Self.expectAgreement(store, friends, "stale bitmaps")
        // A tag write leaves stale bitmaps stale; a rebuild makes them fresh again.
        try store.addTag("new", toRows: [0], now: 1)
        friends[0].tags.append("new")
        #expect(try !Self.fresh(store))
        try store.rebuildRowBitmaps()
        #expect(try Self.fresh(store))
        try Self.expectAgreement(store, friends, "rebuilt bitmaps")
    }

    @Test func bitmapsOfAnOlderLayoutCountRowByRowUntilRebuilt() throws {
        var friends = (0..<41).map(Self.friend)
        let store = try Self.store(friends, account: "layout")
        #expect(try store.rowBitmapState() == RowBitmapState(status: .fresh, rows: 41))
        // Bitmaps an older segq built: fresh, but without this layout's keys.
        try store.db.query("UPDATE row_bitmap_state SET layout = 5 WHERE account = $1", [.int4(store.account)])
        try store.db.query("DELETE FROM row_bitmaps WHERE account = $1 AND key = $2",
                           [.int4(store.account), .stored(RowBitmapKey.present("name"))])
        #expect(try store.rowBitmapState().status == .olderLayout)
        try Self.expectAgreement(store, friends, "older layout")
        var rebuilt = try store.rebuildRowBitmaps()
        #expect(rebuilt.before.status == .olderLayout)
        #expect(rebuilt.rows == 41 && rebuilt.valueBitmaps > 0 && rebuilt.boundBitmaps > 0 && rebuilt.bytes > 0)
        #expect(try store.rowBitmapState().status == .fresh)
        try Self.expectAgreement(store, friends, "rebuilt from an older layout")

        try store.db.query("UPDATE friends SET name = NULL, name_folded = NULL WHERE account = $1 AND row_id = 0", [.int4(store.account)])
        friends[0].name = nil
        #expect(try store.rowBitmapState().status == .stale)
        try Self.expectAgreement(store, friends, "stale after a name change")
        rebuilt = try store.rebuildRowBitmaps()
        #expect(rebuilt.before.status == .stale)
        try Self.expectAgreement(store, friends, "rebuilt after a name change")
        #expect(try store.rebuildRowBitmaps().before.status == .fresh)
    }

    @Test func explainShowsTheBitmapStatementAndItsBoundValues() throws {
        let store = try Self.store((0..<9).map(Self.friend), account: "explain")
        let (sql, bound) = store.countStatementShown(for: Self.checks[0].expr)
        #expect(sql.contains("bit_count("))
        #expect(sql.contains("row_bitmaps"))
        #expect(bound.contains("'set:friend_tags:VIP'::bytea"))
    }

    @Test func quantileBoundsSkipRepeatsAndTheSmallestValue() {
        #expect(RowBitmapWriter.bounds(sortedValues: [Int64](), count: 4) == [])
        #expect(RowBitmapWriter.bounds(sortedValues: [5, 5, 6, 9], count: 4) == [6, 9])
        #expect(RowBitmapWriter.bounds(sortedValues: [1, 2, 3, 4, 5, 6, 7, 8], count: 4) == [3, 5, 7])
        #expect(RowBitmapWriter.bounds(sortedValues: [1, 1, 1, 1, 1, 1, 2, 3], count: 2) == [])
        #expect(RowBitmapWriter.bounds(sortedValues: [0.5, 0.5, 2.25, 7], count: 8) == [2.25, 7])
        #expect(RowBitmapWriter.integers([0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 0, 7], width: 4) == [-2, 7])
    }
}
