import Foundation
import Testing
import SegqStore
import SegqSemantics
import TestSupport
@testable import SegqPostgresStore

/// Many accounts share one database; nothing of one is visible from, or
/// changed by, another.
@Suite struct PostgresAccountTests {
    @Test func accountsSeeOnlyTheirOwnFriends() throws {
        let database = try TestServer.sharedDatabase()
        let (nameA, nameB) = (TestServer.freshAccount("a"), TestServer.freshAccount("b"))
        let a = try PostgresStore.openOrCreate(database.url(account: nameA))
        let b = try PostgresStore.openOrCreate(database.url(account: nameB))
        // The same ids in both accounts, with different data.
        let friendsA = RandomFriends.make(count: 80, seed: 21)
        let friendsB = RandomFriends.make(count: 50, seed: 22)
        try a.importFriends(friendsA)
        try b.importFriends(friendsB)
        try a.setSettings(StoreSettings(timeZone: "Asia/Tokyo", accountName: "Shop A"))

        let expectedA = try PostgresImportTests.sqliteReadBack(friendsA)
        let expectedB = try PostgresImportTests.sqliteReadBack(friendsB)
        #expect(try a.allFriends() == expectedA)
        #expect(try b.allFriends() == expectedB)
        #expect(try b.settings() == StoreSettings())
        #expect(try b.friends(rowIDs: [60, 70]).isEmpty)

        // Replacing one account's friends leaves the other's alone.
        try b.importFriends([Friend(id: "f0", addedAt: 5)], mode: .replace)
        #expect(try a.allFriends() == expectedA)
        #expect(try a.settings().timeZone == "Asia/Tokyo")

        // Reopened from its URL, an account finds its own data again.
        let reopened = try PostgresStore.open(database.url(account: nameA))
        #expect(try reopened.friendCount() == 80)
    }

    @Test func anUnknownAccountIsNotCreatedByOpen() throws {
        let database = try TestServer.sharedDatabase()
        let name = TestServer.freshAccount("missing")
        let error = #expect(throws: PostgresError.self) { _ = try PostgresStore.open(database.url(account: name)) }
        #expect(error?.description.contains("no account \"\(name)\"") == true)
        _ = try PostgresStore.openOrCreate(database.url(account: name))
        #expect(try PostgresStore.open(database.url(account: name)).friendCount() == 0)
    }

    @Test func accountNamesAreData() throws {
        // Quotes and escapes in a name reach the server as a bound value.
        let database = try TestServer.sharedDatabase()
        let name = "O'Brien's \"shop\"; DROP TABLE friends; -- " + UUID().uuidString.prefix(4)
        let store = try PostgresStore.openOrCreate(database.url(account: name))
        try store.importFriends([Friend(id: "x", addedAt: 1)])
        #expect(store.accountName == name)
        #expect(try PostgresStore.open(database.url(account: name)).friendCount() == 1)
    }

    @Test func twoDatabasesOnOneServerAreSeparate() throws {
        let (first, second) = (try TestServer.freshDatabase(), try TestServer.freshDatabase())
        defer { first.drop(); second.drop() }
        let one = try PostgresStore.openOrCreate(first.url(account: "acme"))
        let two = try PostgresStore.openOrCreate(second.url(account: "acme"))
        try one.importFriends(RandomFriends.make(count: 10, seed: 1))
        #expect(try two.friendCount() == 0)
        #expect(try one.friendCount() == 10)
    }

    @Test func concurrentImportsIntoOneAccountLoseNothing() throws {
        let url = try TestServer.sharedDatabase().url(account: TestServer.freshAccount("writers"))
        _ = try PostgresStore.openOrCreate(url)
        let errors = ErrorLog()
        // Four sessions import disjoint ids at once; the account's lock runs them one after another.
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            do {
                let store = try PostgresStore.open(url)
                let friends = (0..<25).map { Friend(id: "w\(i)-\($0)", addedAt: Int64($0), tags: ["writer \(i)"]) }
                try store.importFriends(friends)
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        let friends = try PostgresStore.open(url).allFriends()
        #expect(friends.count == 100)
        #expect(Set(friends.map(\.id)).count == 100)
    }
}
