import Foundation
import Testing
import SegqStore
@testable import SegqPostgresStore

/// How imports leave the row bitmaps: an import that writes the whole
/// account builds them from its records, byte for byte what a rebuild from
/// the rows builds; a re-import of an account with fresh bitmaps rewrites
/// only those its changes reach, and every bitmap then still describes
/// the rows exactly (each value bitmap as a rebuild makes it, each bound
/// bitmap the rows below its bound), so a skipped bitmap fails here.
@Suite struct PostgresBitmapMaintenanceTests {
    typealias Friends = [Friend]

    /// Every bitmap and dictionary entry of the account, as text.
    struct Snapshot: Equatable {
        var values: [String: String] = [:]
        var dictionary: [String: String] = [:]
        var ranges: [String: [Int64: String]] = [:]
        var numbers: [String: [Double: String]] = [:]
    }

    static func snapshot(_ store: PostgresStore) throws -> Snapshot {
        let account = PostgresValue.int4(store.account)
        var s = Snapshot()
        let values = try store.db.query("SELECT key, bits::text FROM row_bitmaps WHERE account = $1", [account])
        for r in 0..<values.count { s.values[values.string(r, 0)] = values.string(r, 1) }
        let entries = try store.db.query("""
            SELECT field, value, coalesce(folded, ''::bytea), (SELECT string_agg(x::text, ',' ORDER BY x) FROM unnest(rows) x)
            FROM row_value_dictionary WHERE account = $1
            """, [account])
        for r in 0..<entries.count {
            s.dictionary[entries.string(r, 0) + entries.string(r, 1)] = entries.string(r, 2) + "|" + (entries.optionalString(r, 3) ?? "bitmap")
        }
        let ranges = try store.db.query("SELECT column_name, bound, bits::text FROM row_range_bitmaps WHERE account = $1", [account])
        for r in 0..<ranges.count { s.ranges[ranges.string(r, 0), default: [:]][ranges.int64(r, 1)] = ranges.string(r, 2) }
        let numbers = try store.db.query("SELECT key, bound, bits::text FROM row_number_bitmaps WHERE account = $1", [account])
        for r in 0..<numbers.count { s.numbers[numbers.string(r, 0), default: [:]][numbers.double(r, 1)] = numbers.string(r, 2) }
        return s
    }

    /// The bits of the rows (friends' indices) where `holds` holds.
    static func bits(_ friends: Friends, _ holds: (Friend) -> Bool) -> String {
        String(friends.map { holds($0) ? "1" : "0" })
    }

    static let rangeValues: [String: (Friend) -> Int64?] = [
        "added_ms": { $0.addedAt }, "shopify_purchases": { $0.shopify?.purchases },
        "shopify_last_purchase_ms": { $0.shopify?.lastPurchaseAt }, "shopify_cart_abandoned_ms": { $0.shopify?.abandonedCartAt },
    ]

    /// The number `name` of a friend's integration (`has:` key), when a number.
    static func number(_ friend: Friend, key: String) -> Double? {
        for (integration, crm) in [(PostgresSchema.PropertyIntegration.hubspot, friend.hubspot),
                                   (.klaviyo, friend.klaviyo)] {
            for (name, value) in crm?.properties ?? [:] where RowBitmapKey.property(integration, name) == key {
                if case .number(let n) = value { return n }
            }
        }
        return nil
    }

    /// The account's bitmaps describe `friends` (row ids = indices) exactly:
    /// value bitmaps and dictionary as a rebuild from the rows makes them,
    /// each bound bitmap the rows below its bound, and every number
    /// property a rebuild gives bounds has them. Leaves the rebuilt bitmaps.
    static func expectExact(_ store: PostgresStore, _ friends: Friends, _ label: String) throws {
        #expect(try store.rowBitmapState() == RowBitmapState(status: .fresh, rows: friends.count), "\(label)")
        let kept = try snapshot(store)
        try store.rebuildRowBitmaps()
        let rebuilt = try snapshot(store)
        for key in Set(kept.values.keys).union(rebuilt.values.keys).sorted() {
            #expect(kept.values[key] == rebuilt.values[key], "\(label): value bitmap \(key)")
        }
        for key in Set(kept.dictionary.keys).union(rebuilt.dictionary.keys).sorted() {
            #expect(kept.dictionary[key] == rebuilt.dictionary[key], "\(label): dictionary entry \(key)")
        }
        for (column, bounds) in kept.ranges {
            for (bound, bits) in bounds {
                #expect(bits == Self.bits(friends) { (rangeValues[column]!($0)).map { $0 < bound } ?? false },
                        "\(label): \(column) below \(bound)")
            }
        }
        #expect(Set(rebuilt.numbers.keys).isSubset(of: Set(kept.numbers.keys)), "\(label): number properties with bounds")
        for (key, bounds) in kept.numbers {
            #expect(bounds[.infinity] != nil, "\(label): \(key) has its +∞ bound")
            for (bound, bits) in bounds {
                #expect(bits == Self.bits(friends) { number($0, key: key).map { $0 < bound } ?? false },
                        "\(label): \(key) below \(bound)")
            }
        }
    }

    static func account(_ prefix: String) throws -> PostgresStore {
        try PostgresStore.openOrCreate(TestServer.sharedDatabase().url(account: TestServer.freshAccount(prefix)))
    }

    @Test func anImportOfTheWholeAccountBuildsWhatARebuildBuilds() throws {
        for size in [1, 9, 300, 3_000] {
            let friends = (0..<size).map(PostgresRowBitmapTests.friend)
            let store = try Self.account("loaded-\(size)")
            try store.importFriends(friends, now: 0)
            let loaded = try Self.snapshot(store)
            try store.rebuildRowBitmaps()
            #expect(loaded == (try Self.snapshot(store)), "first import of \(size) friends")
            // A replacing import writes the whole account too.
            let replacing = Array(friends.reversed().prefix(size * 2 / 3))
            try store.importFriends(replacing, mode: .replace, now: 0)
            let replaced = try Self.snapshot(store)
            try store.rebuildRowBitmaps()
            #expect(replaced == (try Self.snapshot(store)), "replacing import of \(size) friends")
            try PostgresRowBitmapTests.expectAgreement(store, replacing, "replaced by \(replacing.count) friends")
        }
    }

    /// Imports `base`, then `changed` over it; the account then holds `expected`.
    static func reimport(_ base: Friends, _ changed: Friends, expected: Friends, _ label: String) throws {
        let store = try Self.account("changes")
        try store.importFriends(base, now: 0)
        try store.importFriends(changed, now: 0)
        try PostgresRowBitmapTests.expectAgreement(store, expected, label)
        try Self.expectExact(store, expected, label)
        try PostgresRowBitmapTests.expectAgreement(store, expected, label + ", rebuilt")
    }

    @Test func aChangedValueRewritesItsBitmaps() throws {
        let base = (0..<300).map(PostgresRowBitmapTests.friend)
        var friends = base
        for i in stride(from: 0, to: 300, by: 7) {
            if let at = friends[i].tags.firstIndex(of: "VIP") { friends[i].tags.remove(at: at) } else { friends[i].tags.append("VIP") }
            friends[i].name = i % 2 == 0 ? "Ren 100%" : nil
            friends[i].hubspot?.properties["stage"] = .string(i % 3 == 0 ? "Customer" : "Churned")
            friends[i].hubspot?.properties["score"] = i % 5 == 0 ? nil : .number(Double(i % 13) + 0.5)
            friends[i].klaviyo = i % 4 == 0 ? CRMData(properties: ["vip": .bool(i % 8 == 0)]) : friends[i].klaviyo
        }
        try Self.reimport(base, friends, expected: friends, "changed values")
    }

    @Test func aNewValueBecomingFrequentGetsItsBitmap() throws {
        let base = (0..<300).map(PostgresRowBitmapTests.friend)
        var friends = base
        // A new tag, a new list and a new property held by many friends; "rare" (one friend) held by forty.
        for i in stride(from: 1, to: 300, by: 3) {
            friends[i].tags.append("Spring")
            if i < 120 { friends[i].tags.append("rare") }
            friends[i].hubspot = CRMData(lists: ["Newsletter"], properties: ["city": .string(i % 2 == 0 ? "Osaka" : "Kyoto"),
                                                                           "visits": .number(Double(i))])
        }
        try Self.reimport(base, friends, expected: friends, "new frequent values")
        let store = try Self.account("frequent")
        try store.importFriends(base, now: 0)
        try store.importFriends(friends, now: 0)
        let keys = try Self.snapshot(store).values.keys
        for key in [RowBitmapKey.setValue("friend_tags", "Spring"), RowBitmapKey.setValue("friend_tags", "rare"),
                    RowBitmapKey.setValue("hubspot_lists", "Newsletter"), RowBitmapKey.property(.hubspot, "city"),
                    RowBitmapKey.propertyValue(.hubspot, "city", "Osaka")] {
            #expect(keys.contains(key), "\(key) stored after the re-import")
        }
        #expect(try Self.snapshot(store).numbers[RowBitmapKey.property(.hubspot, "visits")] != nil)
    }

    @Test func aValueThatDisappearsLosesItsBitmapAndEntry() throws {
        let base = (0..<300).map(PostgresRowBitmapTests.friend)
        var friends = base
        for i in friends.indices {
            friends[i].tags.removeAll { $0 == "Wholesale" || $0 == "rare" }
            if friends[i].name == "Aoi" { friends[i].name = "Aoi B" }
            friends[i].klaviyo?.lists.removeAll()
            friends[i].klaviyo?.properties["vip"] = nil
        }
        let store = try Self.account("disappearing")
        try store.importFriends(base, now: 0)
        try store.importFriends(friends, now: 0)
        let kept = try Self.snapshot(store)
        for key in [RowBitmapKey.setValue("friend_tags", "Wholesale"), RowBitmapKey.setValue("friend_tags", "rare"),
                    RowBitmapKey.nameValue("Aoi"), RowBitmapKey.setValue("klaviyo_lists", "VIP list"),
                    RowBitmapKey.propertyBool(.klaviyo, "vip", true), RowBitmapKey.property(.klaviyo, "vip")] {
            #expect(kept.values[key] == nil, "\(key) gone")
        }
        #expect(kept.dictionary[RowBitmapKey.setValue("friend_tags", "rare")] == nil)
        #expect(kept.values[RowBitmapKey.nonEmpty("klaviyo_lists")] == String(repeating: "0", count: 300))
        try PostgresRowBitmapTests.expectAgreement(store, friends, "values gone")
        try Self.expectExact(store, friends, "values gone")
    }

    @Test func boundBitmapsFollowTheRowsThatCrossThem() throws {
        let base = (0..<300).map(PostgresRowBitmapTests.friend)
        var friends = base
        for i in stride(from: 0, to: 300, by: 11) {
            friends[i].addedAt = Int64((300 - i) * 1000)
            if friends[i].shopify == nil {
                friends[i].shopify = ShopifyData(purchases: Int64(i % 9), abandonedCartAt: Int64(i))
            } else if i % 2 == 0 {
                friends[i].shopify = nil
            } else {
                friends[i].shopify!.purchases += 3
                friends[i].shopify!.lastPurchaseAt = friends[i].shopify!.lastPurchaseAt.map { $0 + 400 }
            }
            friends[i].klaviyo = CRMData(properties: ["orders": .number(Double(30 - i % 30))])
        }
        // Friends appended: every bitmap grows.
        let added = (300..<333).map(PostgresRowBitmapTests.friend)
        try Self.reimport(base, friends + added, expected: friends + added, "rows across bounds, friends appended")
        try Self.reimport(base, added, expected: base + added, "friends appended only")
    }

    @Test func aRepeatedIdInOneImportCountsItsLastRecord() throws {
        let base = (0..<40).map(PostgresRowBitmapTests.friend)
        var first = base[5], second = base[5]
        first.tags = ["between"]
        second.tags = ["last"]
        second.name = "Last"
        var expected = base
        expected[5] = second
        let late = PostgresRowBitmapTests.friend(40)
        var lateAgain = late
        lateAgain.tags.append("again")
        try Self.reimport(base, [first, late, second, lateAgain], expected: expected + [lateAgain], "repeated ids")
        // Within an account's first import too (the bitmaps are then rebuilt from the rows).
        let store = try Self.account("repeated-first")
        try store.importFriends(base + [first, second], now: 0)
        try PostgresRowBitmapTests.expectAgreement(store, expected, "repeated id in a first import")
        try Self.expectExact(store, expected, "repeated id in a first import")
    }
}
