import Testing
import SegqStore
import TestSupport
@testable import SegqPostgresStore

/// Two connections on one account, as two processes would hold: each sees
/// the other's committed writes move its `dataVersion`, never its own.
@Suite struct PostgresDataVersionTests {
    @Test func dataVersionMovesForOtherConnectionsWritesOnly() throws {
        let url = try TestServer.sharedDatabase().url(account: TestServer.freshAccount("version"))
        let mine = try PostgresStore.openOrCreate(url)
        let other = try PostgresStore.open(url)
        let start = try mine.dataVersion()

        try mine.importFriends(RandomFriends.make(count: 20, seed: 1))
        try mine.addTag("Mine", toRows: [0])
        #expect(try mine.dataVersion() == start, "its own writes moved the version")

        try other.importFriends([Friend(id: "elsewhere", addedAt: 1)])
        let afterImport = try mine.dataVersion()
        #expect(afterImport != start)
        #expect(try mine.dataVersion() == afterImport, "the version moved without a write")

        try other.addTag("Theirs", toRows: [1])
        let afterTag = try mine.dataVersion()
        #expect(afterTag != afterImport)

        // An import that changes nothing commits no change.
        try other.importFriends([Friend(id: "elsewhere", addedAt: 1)])
        #expect(try mine.dataVersion() == afterTag)

        // A write that fails leaves the version where it was.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try other.importFriends(mode: .replace) { writer in
                try writer.add(Friend(id: "gone", addedAt: 2))
                throw Stop()
            }
        }
        #expect(try mine.dataVersion() == afterTag)

        // A write of this connection after another's still notices the other's.
        try other.setSettings(StoreSettings(timeZone: "Asia/Tokyo"))
        try mine.addTag("Mine", toRows: [2])
        #expect(try mine.dataVersion() != afterTag)
    }
}
