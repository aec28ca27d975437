import Foundation
import Testing
import TestSupport
import Segq
import SegqStore
import SegqSQLiteStore

/// Two `segq` processes writing one SQLite store at once. Every read a
/// write depends on happens inside the write's own transaction, so each
/// race ends in one of the orders a person could have typed the commands
/// in — never in a mix — or in a clear "busy; try again". Each test repeats
/// its race a few times to make the bad interleaving likely.
@Suite(.serialized) struct ConcurrentWriterTests {
    /// A scratch directory with a store of the 2,000 sample friends.
    final class Scratch {
        let database: SampleDatabase
        var store: String { database.path }

        init(importSample: Bool = true) throws {
            database = try SampleDatabase("concurrent", now: "2026-11-23T09:00:00Z", importSample: importSample)
        }

        func file(_ name: String) -> String { database.file(name) }

        @discardableResult
        func run(_ arguments: [String]) throws -> CLIRunner.Result { try database.segq(arguments) }

        func count(_ query: String) throws -> Int { try database.count(query) }
    }

    /// Runs the commands at once (the second starting `stagger` seconds
    /// after the first), each as its own process; results in the same order.
    static func concurrently(_ commands: [[String]], stagger: Double = 0) throws -> [CLIRunner.Result] {
        let results = Results(count: commands.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            if i > 0 && stagger > 0 { Thread.sleep(forTimeInterval: stagger * Double(i)) }
            results.set(i, Swift.Result { try CLIRunner.run(commands[i]) })
        }
        return try results.all.map { try $0.get() }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Swift.Result<CLIRunner.Result, any Error>?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Swift.Result<CLIRunner.Result, any Error>) { lock.lock(); values[i] = r; lock.unlock() }
        var all: [Swift.Result<CLIRunner.Result, any Error>] { lock.lock(); defer { lock.unlock() }; return values.map { $0! } }
    }

    /// A writer that lost the race for the lock says so in the program's
    /// words (and changed nothing); anything else must have succeeded.
    static func expectSucceededOrBusy(_ result: CLIRunner.Result, store: String) {
        if result.status == 0 { return }
        #expect(result.status == 3, "\(result.combined)")
        #expect(result.stderr.contains("the store \(store) is busy (another segq is writing); try again"), "\(result.combined)")
        #expect(!result.stderr.contains("SELECT") && !result.stderr.contains("INSERT"), "\(result.combined)")
    }

    @Test func tagAddDuringReplacingImportTagsOnlyMatchingFriends() throws {
        let scratch = try Scratch()
        let other = scratch.file("other.jsonl")
        let generated = try CLIRunner.run(["generate", "2000", "--seed", "99", "--output", other])
        #expect(generated.status == 0, "\(generated.combined)")
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path
        for round in 0..<3 {
            let results = try Self.concurrently([
                ["import", "--store", scratch.store, "--replace", round % 2 == 0 ? other : sample],
                ["tag", "add", "XVIP", "--store", scratch.store, "--query", #"tag = "VIP""#],
            ], stagger: 0.05 + 0.05 * Double(round))
            #expect(results[0].status == 0, "\(results[0].combined)")
            Self.expectSucceededOrBusy(results[1], store: scratch.store)
            #expect(try scratch.count(#"tag = "XVIP" and not tag = "VIP""#) == 0, "round \(round)")
        }
    }

    @Test func tagRenameAndSegmentReplaceBothTakeEffect() throws {
        let scratch = try Scratch()
        // Many segments use the tag, so the rename has many queries to
        // rewrite (a window of about a second for the save to land in).
        do {
            let store = try SQLiteStore.open(path: scratch.store)
            try store.writeTransaction {
                for i in 0..<1_000 {
                    try store.saveSegment(SavedSegment(name: "Uses \(i)", queryText: #"tag = "VIP""#,
                                                       canonicalText: #"tag = "VIP""#))
                }
            }
        }
        var old = "VIP"
        for round in 0..<3 {
            let new = "VIP-\(round)"
            let base = try scratch.run(["segment", "save", "S", "--replace", "--query", "tag = \"\(old)\""])
            #expect(base.status == 0, "\(base.combined)")
            let results = try Self.concurrently([
                ["tag", "rename", old, new, "--store", scratch.store],
                ["segment", "save", "S", "--replace", "--store", scratch.store, "--query", "tag = \"\(old)\" and shopify.linked"],
            ], stagger: 0.1 + 0.15 * Double(round))
            for r in results { Self.expectSucceededOrBusy(r, store: scratch.store) }
            let query = try SQLiteStore.open(path: scratch.store).segment(named: "S")?.queryText ?? ""
            if results[1].status == 0 {
                #expect(query.contains("shopify.linked"), "round \(round): the save was lost: \(query)")
            }
            if results[0].status == 0 && results[1].status != 0 {
                #expect(query.contains("\"\(new)\""), "round \(round): the rename was lost: \(query)")
            }
            if results[0].status == 0 { old = new }
        }
    }

    @Test func twoSavesOfOneNewNameSaveOnce() throws {
        let scratch = try Scratch()
        for round in 0..<4 {
            let name = "Same \(round)"
            let results = try Self.concurrently([
                ["segment", "save", name, "--store", scratch.store, "--query", #"tag = "VIP""#],
                ["segment", "save", name, "--store", scratch.store, "--query", "shopify.purchases >= 3"],
            ])
            let saved = results.filter { $0.status == 0 }
            #expect(saved.count <= 1, "round \(round): both said saved\n\(results.map(\.combined))")
            for r in results where r.status != 0 {
                let refused = r.status == 1 && r.stderr.contains("already exists")
                let busy = r.status == 3 && r.stderr.contains("is busy (another segq is writing); try again")
                #expect(refused || busy, "\(r.combined)")
            }
        }
    }

    @Test func crossedSegmentSavesNeverStoreACycle() throws {
        let scratch = try Scratch()
        for round in 0..<4 {
            let a = "A\(round)", b = "B\(round)"
            #expect(try scratch.run(["segment", "save", a, "--query", #"tag = "VIP""#]).status == 0)
            #expect(try scratch.run(["segment", "save", b, "--query", "shopify.linked"]).status == 0)
            let results = try Self.concurrently([
                ["segment", "save", a, "--replace", "--store", scratch.store, "--query", "segment = \"\(b)\""],
                ["segment", "save", b, "--replace", "--store", scratch.store, "--query", "segment = \"\(a)\""],
            ])
            #expect(results.filter { $0.status == 0 }.count <= 1, "round \(round): a cycle was stored\n\(results.map(\.combined))")
            let list = try scratch.run(["segment", "list", "--now", "2026-11-23T09:00:00Z"])
            #expect(list.status == 0, "\(list.combined)")
        }
    }

    @Test func twoImportsIntoANewStoreBothSucceed() throws {
        for round in 0..<3 {
            let scratch = try Scratch(importSample: false)
            let results = try Self.concurrently([
                ["import", "--store", scratch.store, "samples/friends.jsonl"],
                ["import", "--store", scratch.store, "samples/friends.jsonl"],
            ])
            for r in results {
                #expect(!r.stderr.contains("already exists"), "round \(round): \(r.combined)")
                Self.expectSucceededOrBusy(r, store: scratch.store)
            }
            #expect(results.contains { $0.status == 0 })
            #expect(try scratch.count("added >= 2000-01-01") == 2000)
        }
    }

    @Test func aWriterKeptWaitingSaysTheStoreIsBusy() throws {
        let scratch = try Scratch()
        let holder = try SQLiteStore.open(path: scratch.store)
        // Another writer holds the lock past the busy timeout.
        let result = try holder.writeTransaction {
            try CLIRunner.run(["tag", "add", "X", "--store", scratch.store, "--query", #"tag = "VIP""#])
        }
        #expect(result.status == 3, "\(result.combined)")
        #expect(result.stderr == "segq: the store \(scratch.store) is busy (another segq is writing); try again\n",
                "\(result.stderr)")
        #expect(try scratch.count(#"tag = "X""#) == 0)
    }
}
