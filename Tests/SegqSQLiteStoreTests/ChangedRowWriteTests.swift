import Testing
@testable import SegqStore
@testable import SegqSQLiteStore

/// A re-imported friend whose content changed rewrites only the tables the
/// change reaches: temporary triggers log every row written to the tables
/// of friend data, and the store still reads back exactly the records.
@Suite struct ChangedRowWriteTests {
    static let tables = ["friends", "friend_facts", "friend_tags", "shopify_tags", "hubspot_lists",
                         "klaviyo_lists", "properties"]

    /// A store holding `friends`, with triggers that log writes to each table of friend data.
    static func loggedStore(_ friends: [Friend]) throws -> SQLiteStore {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(friends)
        try store.db.execute("CREATE TEMP TABLE written(tbl TEXT NOT NULL)")
        for table in tables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try store.db.execute("""
                    CREATE TEMP TRIGGER log_\(table)_\(event.lowercased()) AFTER \(event) ON main.\(table)
                    BEGIN INSERT INTO written VALUES ('\(table)'); END
                    """)
            }
        }
        return store
    }

    /// The tables written since the triggers were made, each once.
    static func written(_ store: SQLiteStore) throws -> Set<String> {
        var tables: Set<String> = []
        let s = try store.db.prepare("SELECT DISTINCT tbl FROM written")
        while try s.step() { tables.insert(s.text(0)) }
        return tables
    }

    static let friend = Friend(
        id: "U1", name: "Aiko", addedAt: 100, tags: ["VIP", "Tokyo"],
        shopify: ShopifyData(id: "S1", tags: ["gold"], purchases: 3, lastPurchaseAt: 50),
        hubspot: CRMData(id: "H1", lists: ["Leads"], properties: ["stage": .string("won")]),
        klaviyo: CRMData(id: "K1", lists: ["News"], properties: ["orders": .number(2)]))
    static let other = Friend(id: "U2", addedAt: 200, tags: ["VIP"])

    @Test func aNewNameRewritesOnlyTheFriendRow() throws {
        let store = try Self.loggedStore([Self.friend, Self.other])
        var renamed = Self.friend
        renamed.name = "Aiko T."
        #expect(try store.importFriends([renamed, Self.other]) == ImportSummary(updated: 1, unchanged: 1))
        #expect(try Self.written(store) == ["friends"])
        #expect(Array(try store.allFriends()) == [renamed, Self.other])
    }

    @Test func aNewPurchaseCountRewritesTheFriendRowAndThatFact() throws {
        let store = try Self.loggedStore([Self.friend, Self.other])
        var bought = Self.friend
        bought.shopify!.purchases = 4
        try store.importFriends([bought])
        #expect(try Self.written(store) == ["friends", "friend_facts"])
        #expect(Array(try store.allFriends()) == [bought, Self.other])
        #expect(try store.count(.atom(Atom(.shopifyPurchases, .equals(.int(4))))) == 1)
    }

    @Test func aNewTagRewritesTheFriendRowAndItsTagsOnly() throws {
        let store = try Self.loggedStore([Self.friend, Self.other])
        var tagged = Self.friend
        tagged.tags.append("Re-imported")
        try store.importFriends([tagged])
        #expect(try Self.written(store) == ["friends", "friend_tags"])
        #expect(Array(try store.allFriends()) == [tagged, Self.other])
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("Re-imported"))))) == 1)
    }

    @Test func aChangedPropertyRewritesThatIntegrationsPropertiesOnly() throws {
        let store = try Self.loggedStore([Self.friend, Self.other])
        var changed = Self.friend
        changed.klaviyo!.properties["orders"] = .number(3)
        try store.importFriends([changed])
        #expect(try Self.written(store) == ["friends", "properties"])
        #expect(try store.db.scalarInt("SELECT count(*) FROM properties WHERE friend = 0 AND integration = 1") == 1)
        #expect(Array(try store.allFriends()) == [changed, Self.other])
    }

    @Test func anUnlinkedIntegrationLosesItsValuesAndFacts() throws {
        let store = try Self.loggedStore([Self.friend, Self.other])
        var unlinked = Self.friend
        unlinked.shopify = nil
        unlinked.hubspot = nil
        try store.importFriends([unlinked])
        #expect(try Self.written(store) == ["friends", "friend_facts", "shopify_tags", "hubspot_lists", "properties"])
        #expect(Array(try store.allFriends()) == [unlinked, Self.other])
        #expect(try store.count(.atom(Atom(.shopifyLinked, .present))) == 0)
    }

    @Test func aFriendChangedTwiceInOneImportKeepsTheLastRecord() throws {
        let store = try Self.loggedStore([Self.friend, Self.other])
        var first = Self.friend, second = Self.friend
        first.tags = ["A"]
        second.tags = ["B", "C"]
        #expect(try store.importFriends([first, second]) == ImportSummary(updated: 2))
        #expect(Array(try store.allFriends()) == [second, Self.other])
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("A"))))) == 0)
    }
}
