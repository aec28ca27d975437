import Foundation
import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqSQLiteStore
import TestSupport

/// Re-importing: each record is counted new, updated or unchanged against
/// the stored friend's content hash, unchanged ones are not written, and a
/// replacing import counts the friends it removed.
@Suite struct UpsertImportTests {
    typealias Sample = SQLiteImportTests

    static func friends(_ n: Int, seed: UInt64) -> [Friend] {
        var generator = FriendGenerator(seed: seed)
        return (0..<n).map { _ in generator.next() }
    }

    @Test func theSameFriendsAgainAreAllUnchangedAndWriteNothing() throws {
        let friends = Self.friends(300, seed: 4)
        let store = try SQLiteStore.create(path: ":memory:")
        #expect(try store.importFriends(friends) == ImportSummary(inserted: 300))
        let statistics = try store.statistics()
        let changes = try store.db.scalarInt("SELECT total_changes()")
        #expect(try store.importFriends(friends) == ImportSummary(unchanged: 300))
        #expect(try store.db.scalarInt("SELECT total_changes()") == changes)
        #expect(try store.statistics() == statistics)
        #expect(Array(try store.allFriends()) == friends.map(FriendWriter.stored))
    }

    @Test func onlyChangedFriendsAreCountedAndRewritten() throws {
        var friends = Self.friends(200, seed: 5)
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(friends)
        friends[3].tags.append("Re-imported")
        friends[150].name = "Someone Else"
        friends[199].addedAt += 1
        let fresh = Friend(id: "U-new-one", addedAt: 7)
        let summary = try store.importFriends(friends + [fresh])
        #expect(summary == ImportSummary(inserted: 1, updated: 3, unchanged: 197))
        #expect(Array(try store.allFriends()) == (friends + [fresh]).map(FriendWriter.stored))
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("Re-imported"))))) == 1)
        #expect(try store.rowID(ofFriend: friends[150].id) == 150)
    }

    @Test func aStringInAnotherNormalFormIsTheSameContent() throws {
        let store = try Sample.memoryStore()
        var chie = Sample.chie
        chie.tags = ["東京", "Cafe\u{301}"]
        try store.importFriends([chie])
        chie.tags = ["東京", "Caf\u{E9}", "Cafe\u{301}"]
        #expect(try store.importFriends([chie]) == ImportSummary(unchanged: 1))
    }

    @Test func aReplacingImportCountsAgainstWhatTheStoreHeld() throws {
        let store = try Sample.memoryStore()
        var bob = Sample.bob
        bob.name = "Bob"
        let dan = Friend(id: "U4", addedAt: 9)
        let summary = try store.importFriends([Sample.aiko, bob, dan], mode: .replace)
        #expect(summary == ImportSummary(inserted: 1, updated: 1, unchanged: 1, removed: 1))
        #expect(Array(try store.allFriends()).map(\.id) == ["U1", "U2", "U4"])
        #expect(try store.rowID(ofFriend: "U4") == 2)
    }

    @Test func aTagChangeMakesTheNextImportRestoreAndCountTheFriendsUpdated() throws {
        let friends = Self.friends(120, seed: 6)
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(friends)
        #expect(try store.addTag("Hand-Picked", toRows: [4, 9, 9, 70]) == 3)
        let held = try #require(friends.first { !$0.tags.isEmpty }?.tags.first)
        try store.renameTag(held, to: "Renamed-By-Hand", merge: true)
        let touched = Set(friends.indices.filter { friends[$0].tags.contains(held) }).union([4, 9, 70])
        let summary = try store.importFriends(friends)
        #expect(summary.updated == touched.count)
        #expect(summary.unchanged == 120 - touched.count)
        #expect(Array(try store.allFriends()) == friends.map(FriendWriter.stored))
        #expect(try store.count(.atom(Atom(.tag, .equals(.string("Hand-Picked"))))) == 0)
        try IncrementalStatisticsTests.expectSameAsRecomputed(store)
    }

    @Test func theContentHashCoversEveryField() {
        let base = Sample.aiko
        var variants: [Friend] = []
        var f = base; f.id = "U1x"; variants.append(f)
        f = base; f.name = nil; variants.append(f)
        f = base; f.addedAt += 1; variants.append(f)
        f = base; f.tags.reverse(); variants.append(f)
        f = base; f.shopify?.purchases += 1; variants.append(f)
        f = base; f.shopify?.lastPurchaseAt = nil; variants.append(f)
        f = base; f.shopify?.abandonedCartAt! += 1; variants.append(f)
        f = base; f.shopify?.tags = []; variants.append(f)
        f = base; f.hubspot?.properties["score"] = .number(4.6); variants.append(f)
        f = base; f.hubspot?.properties["active"] = .string("true"); variants.append(f)
        f = base; f.hubspot = nil; variants.append(f)
        f = base; f.klaviyo?.lists = ["VIP", "list"]; variants.append(f)
        f = base; f.klaviyo?.id = nil; variants.append(f)
        let hashes = Set(variants.map(FriendContentHash.of) + [FriendContentHash.of(base)])
        #expect(hashes.count == variants.count + 1)
        // The same in every process: a fixed value for a fixed friend.
        #expect(FriendContentHash.of(Friend(id: "U1", addedAt: 0)) == FriendContentHash.of(Friend(id: "U1", addedAt: 0)))
        var reordered = base
        reordered.hubspot?.properties = Dictionary(uniqueKeysWithValues: base.hubspot!.properties.sorted { $0.key > $1.key }.map { ($0.key, $0.value) })
        #expect(FriendContentHash.of(reordered) == FriendContentHash.of(base))
    }
}
