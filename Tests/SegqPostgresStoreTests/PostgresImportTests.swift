import Foundation
import Testing
import SegqSQLiteStore
import SegqStore
import TestSupport
@testable import SegqPostgresStore

/// Imports stream rows with COPY in one transaction and store exactly what
/// the SQLite store stores: the same friends read back, the same report
/// with the same line numbers, nothing written by a strict import with
/// problems or by an import that fails midway.
@Suite struct PostgresImportTests {
    static func store(batchBytes: Int? = nil) throws -> PostgresStore {
        let store = try PostgresStore.openOrCreate(TestServer.sharedDatabase().url(account: TestServer.freshAccount("import")))
        if let batchBytes { store.importBatchBytes = batchBytes }
        return store
    }

    /// What the SQLite store reads back after importing the same friends (NFC, sets without repeats).
    static func sqliteReadBack(_ friends: [Friend], mode: ImportMode = .upsert, after earlier: [Friend] = []) throws -> [Friend] {
        let sqlite = try SQLiteStore.create(path: ":memory:")
        if !earlier.isEmpty { try sqlite.importFriends(earlier) }
        try sqlite.importFriends(friends, mode: mode)
        return Array(try sqlite.allFriends())
    }

    /// Strings COPY and bound parameters must carry byte for byte.
    static let awkward = ["it's", "100%", "a_b", "back\\slash", "nul\u{0}inside", "\u{202E}bidi\u{202C}", "tab\there",
                          "line\nbreak", "\"quoted\"", "cafe\u{301}", "Straße", "😀"]

    @Test func randomFriendsReadBackAsFromSQLite() throws {
        var friends = RandomFriends.make(count: 300, seed: 11)
        for (i, text) in Self.awkward.enumerated() {
            friends[i].tags.append(text)
            friends[i].name = text
            friends[i].hubspot = CRMData(id: text, lists: [text], properties: [text: .string(text), "n": .number(-0.5)])
        }
        let store = try Self.store(batchBytes: 4_096)
        let summary = try store.importFriends(friends)
        #expect(summary == ImportSummary(inserted: 300, updated: 0))
        #expect(try store.allFriends() == Self.sqliteReadBack(friends))
        #expect(try store.friendCount() == 300)
        #expect(try store.friends(rowIDs: [5, 2, 999]).map(\.id) == ["f5", "f2"])
    }

    @Test func upsertsKeepRowIDsAndReplaceData() throws {
        let first = RandomFriends.make(count: 120, seed: 3)
        var second = RandomFriends.make(count: 160, seed: 4)  // ids f0…f159: 120 replaced, 40 new
        second.swapAt(0, 150)
        second.append(Friend(id: "f7", name: "again in the same import", addedAt: 42, tags: ["late"]))
        let store = try Self.store(batchBytes: 2_048)
        try store.importFriends(first)
        let summary = try store.importFriends(second)
        #expect(summary == ImportSummary(inserted: 40, updated: 121))
        let expected = try Self.sqliteReadBack(second, after: first)
        #expect(try store.allFriends() == expected)
        #expect(try store.friends(rowIDs: [7]).first?.name == "again in the same import")
    }

    @Test func replaceStartsTheAccountOver() throws {
        let store = try Self.store()
        try store.importFriends(RandomFriends.make(count: 50, seed: 5))
        let fresh = [Friend(id: "only", addedAt: 1, tags: ["new"])]
        #expect(try store.importFriends(fresh, mode: .replace) == ImportSummary(inserted: 1, updated: 0, removed: 50))
        #expect(try store.allFriends() == fresh)
    }

    /// Each friend row's physical place: unchanged when the row was not written.
    static func rowPlaces(_ store: PostgresStore) throws -> [String] {
        let rows = try store.db.query("SELECT ctid::text FROM friends WHERE account = $1 ORDER BY row_id", [.int4(store.account)])
        return (0..<rows.count).map { rows.string($0, 0) }
    }

    @Test func reimportsCountNewUpdatedUnchangedAndRemovedAsSQLite() throws {
        let first = RandomFriends.make(count: 200, seed: 21)
        var second = first
        second[3].name = "changed"
        second[10].tags.append("new tag")
        second[20].tags.append("cafe\u{301}")  // a change spelled in NFD
        second.removeLast(5)
        second += (0..<5).map { Friend(id: "new\($0)", addedAt: Int64($0), tags: ["fresh"]) }
        second.append(Friend(id: "f3", name: "changed twice", addedAt: 3))  // repeated in the same import
        let store = try Self.store(batchBytes: 2_048)
        let sqlite = try SQLiteStore.create(path: ":memory:")
        #expect(try store.importFriends(first) == sqlite.importFriends(first))

        let places = try Self.rowPlaces(store)
        let same = try store.importFriends(first)
        #expect(same == ImportSummary(unchanged: 200))
        #expect(same == (try sqlite.importFriends(first)))
        #expect(try Self.rowPlaces(store) == places, "an unchanged re-import rewrote rows")

        let changed = try store.importFriends(second)
        #expect(changed == (try sqlite.importFriends(second)))
        #expect(changed.inserted == 5 && changed.updated == 4 && changed.unchanged == 192)
        #expect(try store.allFriends() == Array(sqlite.allFriends()))

        let kept = Array(second.prefix(150))
        let replaced = try store.importFriends(kept, mode: .replace)
        #expect(replaced == (try sqlite.importFriends(kept, mode: .replace)))
        #expect(replaced.removed == 55 && replaced.unchanged + replaced.updated == 150)
        #expect(try store.allFriends() == Array(sqlite.allFriends()))
    }

    /// A tag added or removed since the import makes the friend differ from
    /// its record: importing the record again rewrites it and says so.
    @Test func aReimportRestoresFriendsWhoseTagsChangedAndCountsThemUpdated() throws {
        let friends = RandomFriends.make(count: 40, seed: 8)
        let store = try Self.store()
        try store.importFriends(friends)
        try store.addTag("Marked", toRows: [0, 1, 2])
        try store.removeTag(friends[5].tags.first ?? "none", fromRows: [5])
        let again = try store.importFriends(friends)
        let touched = friends[5].tags.isEmpty ? 3 : 4
        #expect(again == ImportSummary(updated: touched, unchanged: 40 - touched))
        #expect(try store.allFriends() == Self.sqliteReadBack(friends))
    }

    @Test func theNextImportRewritesOnlyTheFriendsATagCommandChanged() throws {
        let friends = RandomFriends.make(count: 40, seed: 8)
        let stored = friends.map(\.storedForm)
        let holder = try #require(stored.indices.first { !stored[$0].tags.isEmpty })
        let tag = stored[holder].tags[0]
        let other = try #require(stored.indices.first { !stored[$0].tags.contains(tag) })
        let store = try Self.store()
        try store.importFriends(friends)
        #expect(try store.addTag(tag, toRows: [holder, other]) == 1)
        #expect(try store.removeTag("Held-By-Nobody", fromRows: [holder, other]) == 0)
        #expect(try store.importFriends(friends) == ImportSummary(updated: 1, unchanged: 39))
    }

    @Test func aFailingImportLeavesTheAccountAsItWas() throws {
        struct Stop: Error {}
        let store = try Self.store(batchBytes: 1_024)
        let before = RandomFriends.make(count: 30, seed: 6)
        try store.importFriends(before)
        #expect(throws: Stop.self) {
            try store.importFriends(mode: .replace) { writer in
                for friend in RandomFriends.make(count: 200, seed: 7) { try writer.add(friend) }
                try writer.flush()
                throw Stop()
            }
        }
        #expect(try store.allFriends() == Self.sqliteReadBack(before))
        // The connection is usable after the rollback.
        try store.importFriends([Friend(id: "after", addedAt: 9)])
        #expect(try store.friendCount() == 31)
    }

    /// A JSON Lines file with bad lines, a duplicate and a blank line.
    static let jsonl = """
        {"id":"U1","added_at":"2026-01-02T03:04:05Z","tags":["VIP"]}
        {"id":"U2","added_at":"not a time"}

        {"id":"U3","added_at":"2026-02-01T00:00:00Z","hubspot":{"properties":{"stage":"Lead"}}}
        {"id":"U1","added_at":"2026-03-01T00:00:00Z"}
        not json
        """

    @Test func fileImportsReportLikeSQLite() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pg-\(UUID().uuidString).jsonl")
        try Self.jsonl.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let store = try Self.store()
        let outcome = try FriendFileImport.run(files: [file], into: store, strict: false)
        let sqlite = try SQLiteStore.create(path: ":memory:")
        let expected = try FriendFileImport.run(files: [file], into: sqlite, strict: false)
        #expect(outcome.report == expected.report)
        #expect(outcome.report.accepted == 2)
        #expect(outcome.report.problems.map(\.line) == [2, 5, 6])
        #expect(outcome.summary == ImportSummary(inserted: 2, updated: 0))
        #expect(try store.allFriends() == Array(sqlite.allFriends()))
    }

    @Test func aStrictImportWithProblemsWritesNothing() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pg-\(UUID().uuidString).jsonl")
        try Self.jsonl.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let store = try Self.store()
        try store.importFriends([Friend(id: "kept", addedAt: 1)])
        let outcome = try FriendFileImport.run(files: [file], into: store, strict: true, mode: .replace)
        #expect(outcome.summary == nil)
        #expect(outcome.report.accepted == 0)
        #expect(outcome.report.problems.count == 3)
        #expect(try store.allFriends().map(\.id) == ["kept"])
    }

    @Test func importsKeepTheCatalogues() throws {
        let store = try Self.store()
        try store.importFriends([
            Friend(id: "a", addedAt: 1, tags: ["VIP", "nul\u{0}tag"],
                   hubspot: CRMData(properties: ["score": .number(3), "mixed": .number(1)])),
            Friend(id: "b", addedAt: 2, hubspot: CRMData(properties: ["mixed": .string("x"), "active": .bool(true)])),
        ])
        let types = try store.db.query("""
            SELECT name, type FROM property_types WHERE account = $1 ORDER BY name
            """, [.int4(store.account)])
        #expect((0..<types.count).map { "\(types.string($0, 0))=\(types.string($0, 1))" }
                == ["active=bool", "mixed=string", "score=number"])
        let tags = try store.db.query("SELECT name FROM tag_catalog WHERE account = $1 ORDER BY name", [.int4(store.account)])
        #expect((0..<tags.count).map { tags.string($0, 0) } == ["VIP", "nul\u{0}tag"])
        #expect(try store.linkedIntegrations() == [.hubspot])
    }
}
