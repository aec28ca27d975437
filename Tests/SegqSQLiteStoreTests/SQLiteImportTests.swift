import Foundation
import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqSQLiteStore
import TestSupport

/// A fresh path for a store file in the temporary directory (removed with its journal on `remove()`).
struct TemporaryStorePath {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-test-\(UUID().uuidString).sqlite").path
    }
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + "-journal")
    }
}

@Suite struct SQLiteImportTests {
    static let aiko = Friend(id: "U1", name: "Aiko Tanaka", addedAt: 1_741_944_060_000, tags: ["VIP", "Trade Show 2026"],
                             shopify: ShopifyData(id: "7012345", tags: ["wholesale"], purchases: 5,
                                                  lastPurchaseAt: 1_790_000_000_000, abandonedCartAt: 1_795_000_000_000),
                             hubspot: CRMData(id: "501", lists: ["Newsletter"],
                                              properties: ["stage": .string("Customer"), "score": .number(4.5), "active": .bool(true)]),
                             klaviyo: CRMData(id: "01HZX", lists: ["VIP list"], properties: ["city": .string("Osaka")]))
    static let bob = Friend(id: "U2", addedAt: 1_750_000_000_000)
    static let chie = Friend(id: "U3", name: "千恵", addedAt: 1_760_000_000_000, tags: ["東京"],
                             shopify: ShopifyData(purchases: 0))

    static func memoryStore(_ friends: [Friend] = [aiko, bob, chie]) throws -> SQLiteStore {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(friends)
        return store
    }

    @Test func importedFriendsReadBackExactly() throws {
        let store = try Self.memoryStore()
        #expect(Array(try store.allFriends()) == [Self.aiko, Self.bob, Self.chie])
        #expect(try store.friend(rowID: 0) == Self.aiko)
        #expect(try store.friend(rowID: 7) == nil)
        #expect(try store.rowID(ofFriend: "U3") == 2)
        #expect(try store.friendCount() == 3)
    }

    @Test func setValuesAreDeduplicatedInNFCAndKeepTheirOrder() throws {
        let friend = Friend(id: "U9", addedAt: 0, tags: ["b", "Cafe\u{301}", "a", "Caf\u{E9}", "b"])
        let store = try Self.memoryStore([friend])
        #expect(try store.friend(rowID: 0)?.tags == ["b", "Caf\u{E9}", "a"])
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("Cafe\u{301}"))))) == 1)
    }

    @Test func upsertReplacesAFriendsDataAndKeepsItsRowID() throws {
        let store = try Self.memoryStore()
        var changed = Self.aiko
        changed.tags = ["Returning"]
        changed.hubspot = nil
        let summary = try store.importFriends([changed, Friend(id: "U4", addedAt: 5)])
        #expect(summary == ImportSummary(inserted: 1, updated: 1))
        #expect(try store.friend(rowID: 0) == changed)
        #expect(try store.rowID(ofFriend: "U4") == 3)
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("VIP"))))) == 0)
        #expect(try store.count(.atom(Atom(.hubspotLinked, .present))) == 0)
        #expect(try store.loadSchema().integrations == [.shopify, .klaviyo])
    }

    @Test func replaceImportKeepsOnlyTheNewFriendsWithRowIDsFromZero() throws {
        let store = try Self.memoryStore()
        try store.importFriends([Self.chie], mode: .replace)
        #expect(Array(try store.allFriends()) == [Self.chie])
        #expect(try store.rowID(ofFriend: "U3") == 0)
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("VIP"))))) == 0)
    }

    @Test func aRepeatedIDInOneImportOverwritesTheFirstRecord() throws {
        let store = try SQLiteStore.create(path: ":memory:")
        var second = Self.bob
        second.name = "Bob Again"
        let summary = try store.importFriends([Self.bob, Self.aiko, second, Self.chie])
        #expect(summary == ImportSummary(inserted: 3, updated: 1))
        #expect(Array(try store.allFriends()).map(\.name) == ["Bob Again", "Aiko Tanaka", "千恵"])
        #expect(try store.count(.atom(Atom(.id, .equals(.string("U2"))))) == 1)
    }

    @Test func aFailingImportLeavesThePreviousState() throws {
        let store = try Self.memoryStore()
        let before = Array(try store.allFriends())
        let statsBefore = try store.statistics()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.importFriends(mode: .replace) { writer in
                try writer.add(Friend(id: "N1", addedAt: 0, tags: ["New"]))
                try writer.add(Friend(id: "U1", addedAt: 0))
                throw Stop()
            }
        }
        #expect(Array(try store.allFriends()) == before)
        #expect(try store.statistics() == statsBefore)
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("New"))))) == 0)
        #expect(try !store.tagExists("New"))
        // The store still takes writes afterwards.
        try store.importFriends([Friend(id: "N2", addedAt: 0)])
        #expect(try store.friendCount() == 4)
    }

    @Test func aFailingFirstImportLeavesAnEmptyStoreWithItsIndexes() throws {
        let store = try SQLiteStore.create(path: ":memory:")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.importFriends { writer in
                try writer.add(Self.aiko)
                throw Stop()
            }
        }
        #expect(try store.friendCount() == 0)
        #expect(try store.db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'friends_by_id'") == 1)
        try store.importFriends([Self.aiko])
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("VIP"))))) == 1)
    }

    @Test func aStoreFileKeepsFriendsSettingsAndSegmentsAcrossOpens() throws {
        let file = TemporaryStorePath()
        defer { file.remove() }
        do {
            let store = try SQLiteStore.create(path: file.path)
            try store.importFriends([Self.aiko, Self.bob])
            try store.setSettings(StoreSettings(timeZone: "Asia/Tokyo", accountName: "Shop"))
            try store.saveSegment(SavedSegment(name: "VIPs", queryText: "tag = \"VIP\"", canonicalText: "tag = \"VIP\""))
        }
        let store = try SQLiteStore.open(path: file.path)
        #expect(Array(try store.allFriends()) == [Self.aiko, Self.bob])
        #expect(try store.settings().timeZone == "Asia/Tokyo")
        #expect(try store.segmentNames() == ["VIPs"])
        #expect(throws: SQLiteError.self) { try SQLiteStore.create(path: file.path) }
    }

    @Test func anOlderStoreIsMigratedWhenOpened() throws {
        let file = TemporaryStorePath()
        defer { file.remove() }
        let friends = SampleFriends.make(count: 120, seed: 9)
        do {
            let store = try SQLiteStore.create(path: file.path)
            try store.importFriends(friends)
            // The version 1 layout: no statistics, no friend_facts.
            try store.db.execute("DROP TABLE friend_facts; DROP TABLE statistics; PRAGMA user_version = 1")
        }
        let store = try SQLiteStore.open(path: file.path)
        #expect(try store.db.scalarInt("PRAGMA user_version") == SQLiteSchema.version)
        #expect(try store.statistics().friendCount == 120)
        for expr in SQLPushDownTests.handwritten.prefix(40) {
            #expect(try store.count(expr) == PhysicalOracle.count(expr, in: friends), "\(expr)")
        }
    }

    @Test func filesThatAreNotStoresAreRefused() throws {
        let file = TemporaryStorePath()
        defer { file.remove() }
        #expect(throws: SQLiteError.self) { try SQLiteStore.open(path: file.path) }
        FileManager.default.createFile(atPath: file.path, contents: Data("not a database at all, just text".utf8))
        #expect(throws: SQLiteError.self) { try SQLiteStore.open(path: file.path) }
    }

    @Test func anotherConnectionsImportIsSeen() throws {
        let file = TemporaryStorePath()
        defer { file.remove() }
        let reader = try SQLiteStore.create(path: file.path)
        #expect(try reader.friendCount() == 0)
        let writer = try SQLiteStore.open(path: file.path)
        try writer.importFriends([Self.aiko, Self.bob])
        #expect(try reader.friendCount() == 2)
        #expect(try reader.statistics().friendCount == 2)
    }
}
