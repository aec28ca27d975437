import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqSQLiteStore
import TestSupport

/// Settings, schema, saved segments, tags and statistics of the SQLite store.
@Suite struct SQLiteCatalogTests {
    static func store() throws -> SQLiteStore { try SQLiteImportTests.memoryStore() }
    static func tag(_ v: String) -> PhysicalExpr { .atom(Atom(.tag, .equals(.string(v)))) }

    // MARK: settings and schema

    @Test func settingsDefaultToUTCAndRoundTrip() throws {
        let store = try SQLiteStore.create(path: ":memory:")
        #expect(try store.settings() == StoreSettings())
        let settings = StoreSettings(timeZone: "Asia/Tokyo", accountName: "Aiko's Shop", declaredIntegrations: [.klaviyo, .hubspot])
        try store.setSettings(settings)
        #expect(try store.settings() == settings)
        try store.setSettings(StoreSettings(timeZone: "UTC"))
        #expect(try store.settings() == StoreSettings(timeZone: "UTC"))
    }

    @Test func schemaHasLinkedAndDeclaredIntegrationsAndPropertyTypes() throws {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends([Friend(id: "a", addedAt: 0, hubspot: CRMData(properties: ["stage": .string("Lead"), "score": .number(1),
                                                                                         "vip": .bool(true), "mixed": .number(1)])),
                                 Friend(id: "b", addedAt: 0, hubspot: CRMData(properties: ["mixed": .string("x"), "score": .number(2)]))])
        var schema = try store.loadSchema()
        #expect(schema.integrations == [.hubspot])
        #expect(schema.hubspotProperties == ["stage": .string, "score": .number, "vip": .bool, "mixed": .string])
        #expect(schema.klaviyoProperties == [:])
        try store.setSettings(StoreSettings(declaredIntegrations: [.shopify]))
        schema = try store.loadSchema()
        #expect(schema.integrations == [.hubspot, .shopify])
    }

    @Test func knownValuesListSetValuesAndStringProperties() throws {
        let store = try Self.store()
        #expect(store.knownValues(of: .tag) == ["VIP", "Trade Show 2026", "東京"])
        #expect(store.knownValues(of: .hubspotProperty("stage")) == ["Customer"])
        #expect(store.knownValues(of: .klaviyoList) == ["VIP list"])
        #expect(store.knownValues(of: .name) == nil)
    }

    // MARK: segments

    @Test func segmentsAreSavedListedUpdatedAndDropped() throws {
        let store = try Self.store()
        let dynamic = SavedSegment(name: "VIPs", folder: "Sales", queryText: "tag = 'VIP'", canonicalText: "tag = \"VIP\"")
        let saved = try store.saveSegment(dynamic, now: 1_000)
        #expect(saved.createdAt == 1_000 && saved.updatedAt == 1_000 && saved.kind == .dynamic)
        try store.saveSegment(SavedSegment(name: "Fixed", queryText: "tag = \"東京\"", canonicalText: "tag = \"東京\"", kind: .static),
                              members: ["U3", "U1"], now: 2_000)
        #expect(try store.segmentNames() == ["Fixed", "VIPs"])
        #expect(try store.segmentMembers(named: "Fixed") == ["U1", "U3"])
        #expect(try store.segmentMembers(named: "VIPs") == [])
        #expect(try store.segmentMembers(named: "Nope") == nil)
        #expect(try store.loadSchema().segmentNames == ["Fixed", "VIPs"])
        #expect(store.knownValues(of: .segment) == ["Fixed", "VIPs"])

        var edited = dynamic
        edited.queryText = "tag = \"VIP\" or tag = \"東京\""
        let resaved = try store.saveSegment(edited, now: 3_000)
        #expect(resaved.createdAt == 1_000 && resaved.updatedAt == 3_000 && resaved.queryText == edited.queryText)
        try store.updateSegmentQueries([SegmentQueryUpdate(name: "VIPs", queryText: "q", canonicalText: "c")], now: 4_000)
        #expect(try store.segment(named: "VIPs")?.canonicalText == "c")
        #expect(throws: SQLiteError.self) {
            try store.updateSegmentQueries([SegmentQueryUpdate(name: "Missing", queryText: "q", canonicalText: "c")])
        }

        #expect(try store.dropSegment(named: "Fixed"))
        #expect(try !store.dropSegment(named: "Fixed"))
        #expect(try store.segments().map(\.name) == ["VIPs"])
        #expect(try store.db.scalarInt("SELECT count(*) FROM segment_members") == 0)
    }

    // MARK: tags

    @Test func tagsAreListedWithFriendCounts() throws {
        let store = try Self.store()
        try store.setTagFolder("Unused", folder: "Old", now: 7)
        let tags = try store.tags()
        #expect(tags.map(\.name) == ["Trade Show 2026", "Unused", "VIP", "東京"])
        #expect(tags.map(\.friendCount) == [1, 0, 1, 1])
        #expect(tags[1].folder == "Old")
    }

    @Test func addingAndRemovingATagChangesQueriesAndStatistics() throws {
        let store = try Self.store()
        #expect(try store.addTag("VIP", toRows: [0, 1, 2, 99]) == 2)
        #expect(try store.count(Self.tag("VIP")) == 3)
        #expect(try store.statistics().valueCounts[.tag]?[.string("VIP")] == 3)
        #expect(try store.friend(rowID: 2)?.tags == ["東京", "VIP"])
        #expect(try store.removeTag("VIP", fromRows: [0, 2]) == 2)
        #expect(try store.count(Self.tag("VIP")) == 1)
        #expect(try store.statistics().estimatedRows(for: Atom(.tag, .equals(.string("VIP")))) == 1)
    }

    @Test func renamingATagRewritesFriendsCatalogAndSegmentsTogether() throws {
        let store = try Self.store()
        try store.saveSegment(SavedSegment(name: "S", queryText: "tag = \"VIP\"", canonicalText: "tag = \"VIP\""))
        #expect(try store.renameTag("VIP", to: "Gold", rewriting: [SegmentQueryUpdate(name: "S", queryText: "tag = \"Gold\"",
                                                                                      canonicalText: "tag = \"Gold\"")]) == 1)
        #expect(try store.count(Self.tag("Gold")) == 1 && store.count(Self.tag("VIP")) == 0)
        #expect(try store.segment(named: "S")?.queryText == "tag = \"Gold\"")
        #expect(try !store.tagExists("VIP"))
        #expect(throws: SQLiteError.self) { try store.renameTag("Gold", to: "東京") }
        #expect(throws: SQLiteError.self) { try store.renameTag("Missing", to: "X") }
        // A failed rename (segment missing) changes nothing.
        #expect(throws: SQLiteError.self) {
            try store.renameTag("Gold", to: "Platinum", rewriting: [SegmentQueryUpdate(name: "Gone", queryText: "", canonicalText: "")])
        }
        #expect(try store.count(Self.tag("Gold")) == 1)
        #expect(try store.renameTag("Gold", to: "東京", merge: true) == 1)
        #expect(try store.count(Self.tag("東京")) == 2)
    }

    @Test func deletingATagRemovesItEverywhere() throws {
        let store = try Self.store()
        #expect(try store.deleteTag("東京") == 1)
        #expect(try !store.tagExists("東京"))
        #expect(try store.count(Self.tag("東京")) == 0)
        #expect(try store.statistics().valueCounts[.tag]?[.string("東京")] == nil)
    }

    // MARK: statistics

    @Test func statisticsCountFriendsValuesAndPresence() throws {
        let friends = SampleFriends.make(count: 500, seed: 3)
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(friends)
        let stats = try store.statistics()
        #expect(stats.friendCount == 500)
        #expect(stats.presentCounts[.shopifyLinked] == friends.filter { $0.shopify != nil }.count)
        #expect(stats.present(.shopifyPurchases) == friends.filter { $0.shopify != nil }.count)
        #expect(stats.present(.name) == friends.filter { $0.name != nil }.count)
        // Exact for set values and low-cardinality properties and presence.
        let exact: [Atom] = [Atom(.tag, .equals(.string("VIP"))), Atom(.tag, .equals(.string("Caf\u{E9}"))),
                             Atom(.hubspotList, .equals(.string("Newsletter"))), Atom(.hubspotProperty("stage"), .equals(.string("Lead"))),
                             Atom(.hubspotProperty("active"), .equals(.bool(true))), Atom(.hubspotProperty("score"), .equals(.int(3))),
                             Atom(.klaviyoLinked, .present), Atom(.klaviyoLinked, .equals(.bool(false))), Atom(.tag, .isEmpty),
                             Atom(.shopifyTag, .isEmpty), Atom(.hubspotProperty("stage"), .present), Atom(.name, .present)]
        for atom in exact {
            #expect(stats.estimatedRows(for: atom) == PhysicalOracle.count(.atom(atom), in: friends), "\(atom)")
        }
        // Ranges from the histograms: close to the truth.
        for days: Int64 in [10, 100, 300] {
            let atom = Atom(.added, .range(lower: .int(SampleFriends.base - days * SampleFriends.day), lowerInclusive: true,
                                           upper: nil, upperInclusive: false))
            let truth = PhysicalOracle.count(.atom(atom), in: friends)
            #expect(abs(stats.estimatedRows(for: atom) - truth) <= 25, "\(days) days: \(truth)")
        }
        for atom in [Atom(.name, .text(.contains, "o")), Atom(.shopifyPurchases, .range(lower: nil, lowerInclusive: false, upper: nil, upperInclusive: false))] {
            #expect((0...500).contains(stats.estimatedRows(for: atom)))
        }
    }
}
