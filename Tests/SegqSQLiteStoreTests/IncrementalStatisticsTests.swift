import Testing
@testable import SegqStore
@testable import SegqSQLiteStore

/// A re-import that changes some friends brings the statistics and row
/// bitmaps up to date from the changed friends alone, and a bulk load counts
/// them as it writes; what either writes is exactly what a fresh import of
/// the same friends holds and what `refreshStatistics()` computes from
/// every row.
@Suite struct IncrementalStatisticsTests {
    static func friends(_ n: Int, seed: UInt64) -> [Friend] { UpsertImportTests.friends(n, seed: seed) }

    /// Every statistics row and every stored bitmap (bytes and checksum), in one order.
    static func snapshot(_ store: SQLiteStore) throws -> (statistics: [String], bitmaps: [String]) {
        var statistics: [String] = []
        let s = try store.db.prepare("""
            SELECT kind || '|' || column_key || '|' || quote(value) || '|' || coalesce(value_kind, '-') || '|' || friends
            FROM statistics ORDER BY kind, column_key, value_kind, value, friends
            """)
        while try s.step() { statistics.append(s.text(0)) }
        var bitmaps: [String] = []
        let b = try store.db.prepare("SELECT key || '|' || hex(bits) || '|' || checksum FROM row_bitmaps ORDER BY key")
        while try b.step() { bitmaps.append(b.text(0)) }
        return (statistics, bitmaps)
    }

    /// Expects the store's statistics and bitmaps to be what recomputing them from the rows gives.
    static func expectSameAsRecomputed(_ store: SQLiteStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let stored = try snapshot(store)
        try store.db.transaction { try store.refreshStatistics() }
        let recomputed = try snapshot(store)
        #expect(stored.statistics == recomputed.statistics, sourceLocation: sourceLocation)
        #expect(stored.bitmaps == recomputed.bitmaps, sourceLocation: sourceLocation)
    }

    /// Imports `original`, then `changed` over it; compares with a fresh import of `changed`'s result.
    static func expectSameAsFresh(original: [Friend], changed: [Friend], final: [Friend],
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let updated = try SQLiteStore.create(path: ":memory:")
        try updated.importFriends(original)
        try updated.importFriends(changed)
        let fresh = try SQLiteStore.create(path: ":memory:")
        try fresh.importFriends(final)
        #expect(Array(try updated.allFriends()) == Array(try fresh.allFriends()), sourceLocation: sourceLocation)
        let a = try snapshot(updated), b = try snapshot(fresh)
        #expect(a.statistics == b.statistics, sourceLocation: sourceLocation)
        #expect(a.bitmaps.count == b.bitmaps.count, sourceLocation: sourceLocation)
        #expect(a.bitmaps == b.bitmaps, sourceLocation: sourceLocation)
        #expect(try updated.statistics() == fresh.statistics(), sourceLocation: sourceLocation)
        try expectSameAsRecomputed(updated, sourceLocation: sourceLocation)
        try expectSameAsRecomputed(fresh, sourceLocation: sourceLocation)
    }

    @Test func changedTagsPurchasesNamesAndLinksMatchAFreshImport() throws {
        let original = Self.friends(3_000, seed: 21)
        var final = original
        for i in stride(from: 0, to: final.count, by: 37) {
            switch (i / 37) % 6 {
            case 0: final[i].tags.append("Re-imported")
            case 1: final[i].tags = Array(final[i].tags.dropFirst())
            case 2: final[i].name = (final[i].name ?? "") + " (changed)"
            case 3: final[i].shopify = final[i].shopify == nil ? ShopifyData(purchases: 2) : nil
            case 4: final[i].addedAt += 86_400_000
            default:
                var klaviyo = final[i].klaviyo ?? CRMData()
                klaviyo.properties["city"] = .string(klaviyo.properties["city"] == .string("Osaka") ? "Nagoya" : "Osaka")
                klaviyo.lists = ["Newsletter"]
                final[i].klaviyo = klaviyo
            }
        }
        try Self.expectSameAsFresh(original: original, changed: final, final: final)
    }

    @Test func appendedFriendsMoveTheThresholdsAndTheRangesLikeAFreshImport() throws {
        let original = Self.friends(2_000, seed: 22)
        let added = Self.friends(700, seed: 23).enumerated().map { i, f in
            var f = f
            f.id = "U-added-\(i)"
            return f
        }
        var final = original
        final[5].shopify?.purchases += 3
        try Self.expectSameAsFresh(original: original, changed: final + added, final: final + added)
    }

    @Test func aPropertyWithTooManyValuesGetsItsCountsBackWhenFewRemain() throws {
        var original = Self.friends(1_200, seed: 24)
        for i in original.indices {
            var hubspot = original[i].hubspot ?? CRMData()
            hubspot.properties["email"] = .string("friend\(i)@example.com")
            original[i].hubspot = hubspot
        }
        var final = original
        for i in 0..<300 { final[i].hubspot?.properties["email"] = .string("shared@example.com") }
        for i in 300..<320 { final[i].hubspot?.properties["email"] = nil }
        try Self.expectSameAsFresh(original: original, changed: final, final: final)
        // And back: a column with counts that gains too many distinct values loses them.
        try Self.expectSameAsFresh(original: final, changed: original, final: original)
    }

    @Test func aChangeThatIsUndoneInTheSameImportLeavesTheStatistics() throws {
        let original = Self.friends(500, seed: 25)
        var changed = original
        changed[10].tags.append("Briefly")
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(original)
        let before = try Self.snapshot(store)
        // Two records with one id in one import: the second one wins.
        try store.importFriends([changed[10], original[10]])
        let after = try Self.snapshot(store)
        #expect(after.statistics == before.statistics)
        #expect(after.bitmaps == before.bitmaps)
        try Self.expectSameAsRecomputed(store)
    }

    @Test func aReplacingImportCountsOnlyTheNewFriends() throws {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(Self.friends(800, seed: 26))
        try store.importFriends(Self.friends(300, seed: 27), mode: .replace)
        try Self.expectSameAsRecomputed(store)
        #expect(try store.statistics().friendCount == 300)
    }

    @Test func aRepeatedIDInABulkLoadIsCountedOnce() throws {
        var friends = Self.friends(400, seed: 28)
        var again = friends[7]
        again.tags = ["Second"]
        again.shopify = nil
        friends.append(again)
        let store = try SQLiteStore.create(path: ":memory:")
        #expect(try store.importFriends(friends) == ImportSummary(inserted: 400, updated: 1))
        try Self.expectSameAsRecomputed(store)
    }
}
