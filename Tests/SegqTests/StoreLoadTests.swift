import Foundation
import Testing
import TestSupport
import Segq
import SegqSQLiteStore

/// Opening a store by path returns the records it skipped, so no front end
/// can lose them: a friend file keeps its good records and reports each bad
/// one with its line.
@Suite struct StoreLoadTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    static var badFriends: String { samples.appendingPathComponent("bad-friends.jsonl").path }

    @Test func aFriendFileWithBadLinesReportsEachWithItsLine() throws {
        let loaded = try OpenedStore.load(path: Self.badFriends)
        #expect(loaded.report.accepted == 1)
        #expect(loaded.skipped == 6)
        #expect(loaded.problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(loaded.problems.allSatisfy { $0.file == Self.badFriends })
        #expect(loaded.problems[1].message == "missing required field `id`")
        #expect(loaded.problems[2].description.hasSuffix(
            "bad-friends.jsonl:4: duplicate id `Ubad0000000000000000000000000001` (first seen at line 1)"))
        guard case .memory(let store, let path) = loaded.store else {
            Issue.record("a .jsonl file opens in memory")
            return
        }
        #expect(path == Self.badFriends)
        #expect(store.count == 1)
    }

    @Test func aCleanFriendFileHasNoProblems() throws {
        let loaded = try OpenedStore.load(path: Self.samples.appendingPathComponent("friends.jsonl").path)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.report.accepted == 2000)
    }

    @Test func aSessionKeepsTheProblemsOfTheStoreItWasGiven() throws {
        let loaded = try OpenedStore.load(path: Self.badFriends)
        let session = Session(loaded: loaded)
        #expect(session.storeProblems == loaded.problems)
        session.replaceStore(nil)
        #expect(session.storeProblems.isEmpty)
        session.replaceStore(loaded)
        #expect(session.storeProblems.count == 6)
    }

    @Test func aDatabaseLoadsIntoMemoryWithItsSettings() throws {
        let folder = try ScratchFolder("load")
        let path = folder.path("friends.sqlite")
        let database = try SQLiteStore.openOrCreate(path: path)
        let outcome = try FriendImport.run(files: [URL(fileURLWithPath: Self.badFriends)], into: database, strict: false)
        #expect(outcome.report.problems.count == 6)

        let loaded = try OpenedStore.load(path: path)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.report.accepted == 1)
        guard case .sqlite(let store) = loaded.store else {
            Issue.record("a .sqlite file opens as a database")
            return
        }
        let memory = try OpenedStore.loadIntoMemory(store)
        #expect(memory.count == 1)
        #expect(memory.settings == (try store.settings()))
        let runner = loaded.store.runner(policy: .repeatedEvaluation)
        #expect(try runner.engine().engine == .memory)
    }

    @Test func aMissingFileIsAnError() {
        #expect(throws: OpenedStore.OpenError.self) {
            try OpenedStore.load(path: Self.samples.appendingPathComponent("no-such-friends.jsonl").path)
        }
    }
}
