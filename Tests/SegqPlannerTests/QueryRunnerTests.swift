import Testing
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
import SegqSQLiteStore
import Segq
@testable import SegqPlanner

/// The runner's API for the command line: engines and their reasons,
/// preview limits, ids, explain on both engines.
@Suite struct QueryRunnerTests {
    static let vip = Build.form([Build.c(.tag, .equals(.string("VIP")))])

    func sqlite() throws -> SQLiteStore {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(Build.friends, now: 0)
        return store
    }

    @Test func filesRunInMemory() throws {
        let r = QueryRunner(memory: InMemoryStore(friends: Build.friends), files: ["/tmp/x/friends.jsonl"])
        #expect(try r.engine() == EngineChoice(.memory, reason: "store loaded from friends.jsonl: 4 friends"))
    }

    @Test func sqliteIsPushedDownOnceAndLoadedForRepeatedUse() throws {
        let once = QueryRunner(sqlite: try sqlite(), policy: .singleEvaluation)
        #expect(try once.engine() == EngineChoice(.sqlite, reason: "SQLite store :memory:, 4 friends, evaluated once: pushed down as SQL"))
        let repeated = QueryRunner(sqlite: try sqlite(), policy: .repeatedEvaluation)
        #expect(try repeated.engine() == EngineChoice(.memory, reason: "SQLite store :memory: loaded into memory for repeated evaluation: 4 friends"))
        #expect(try repeated.friendIDs(Self.vip, context: Build.context) == ["a", "d"])
    }

    @Test func withoutALoaderRepeatedUseStillPushesDown() throws {
        let store = try sqlite()
        let r = QueryRunner(sqlite: store, path: "x.sqlite", policy: .repeatedEvaluation, loadIntoMemory: nil)
        #expect(try r.engine().engine == .sqlite)
        #expect(try r.engine().reason.hasSuffix("no in-memory loader, so pushed down as SQL"))
    }

    @Test func previewCountsAllButMaterialisesOnlyTheLimit() throws {
        let everybody = NormalForm.everybody
        for r in [QueryRunner(memory: InMemoryStore(friends: Build.friends)), QueryRunner(sqlite: try sqlite())] {
            let p = try r.preview(everybody, context: Build.context, limit: 2)
            #expect(p.count == 4)
            #expect(p.friends.map(\.id) == ["a", "b"])
            #expect(try r.friendIDs(everybody, context: Build.context, limit: 3) == ["a", "b", "c"])
            #expect(try r.friends(Self.vip, context: Build.context).map(\.name) == ["Aiko", nil])
            #expect(try r.preview(everybody, context: Build.context, limit: 0).friends.isEmpty)
        }
    }

    @Test func pushDownExplainShowsTheSQLAndSQLitesPlan() throws {
        let r = QueryRunner(sqlite: try sqlite())
        let text = try r.explain(Self.vip, context: Build.context, analyze: true)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "QUERY PLAN  engine=sqlite (SQLite store :memory:, 4 friends, evaluated once: pushed down as SQL)")
        #expect(lines.contains("SQL"))
        #expect(lines.contains("SQLITE QUERY PLAN"))
        #expect(text.contains("'VIP'") || text.contains("\"VIP\""))
        #expect(lines.last?.hasPrefix("actual 2  time ") == true)
    }

    @Test func memoryExplainAnalyzeAddsActualRowsAndTimes() throws {
        let r = QueryRunner(memory: InMemoryStore(friends: Build.friends))
        let text = try r.explain(Self.vip, context: Build.context, analyze: true)
        #expect(text.contains("SEARCH tag USING BITMAP (= \"VIP\")"))
        #expect(text.contains("est. 2  actual 2  time "))
        #expect(text.split(separator: "\n").last?.hasPrefix("total time ") == true)
    }
}

@Suite struct ExplainTreeTests {
    @Test func indentedLinesBecomeABranchTree() {
        let tree = Explain.indentedTree(["SCAN friends", "  SEARCH a", "    LIST b", "  SEARCH c", "USE TEMP B-TREE"])
        #expect(tree == """
            |--SCAN friends
            |  |--SEARCH a
            |  |  `--LIST b
            |  `--SEARCH c
            `--USE TEMP B-TREE

            """)
    }

    @Test func durationsAndCountsAreFormattedWithoutLocale() {
        #expect(Format.count(1_234_567) == "1,234,567")
        #expect(Format.count(-1000) == "-1,000")
        #expect(Format.duration(9_999_000) == "9,999 µs")
        #expect(Format.duration(12_345_678) == "12.3 ms")
    }
}

/// Results larger than one push-down batch, and the SQLite store loaded
/// into memory, against the in-memory store built from the same friends.
@Suite struct LargeResultTests {
    @Test func pushDownStreamsEveryBatchInStoreOrder() throws {
        var generator = FriendGenerator(seed: 11)
        let friends = generator.friends(1_300)
        let sqlite = try SQLiteStore.create(path: ":memory:")
        try sqlite.importFriends(friends, now: 0)
        let memory = QueryRunner(memory: InMemoryStore(friends: friends))
        let pushed = QueryRunner(sqlite: sqlite)
        let loaded = QueryRunner(sqlite: sqlite, policy: .repeatedEvaluation)
        let forms = [NormalForm.everybody,
                     Build.form([Build.c(.shopifyPurchases, .greaterOrEqual(.int(1)), not: true)])]
        for form in forms {
            let expected = try memory.friendIDs(form, context: Build.context)
            #expect(expected.count > QueryRunner.batchSize)
            #expect(try pushed.friendIDs(form, context: Build.context) == expected)
            #expect(try pushed.friends(form, context: Build.context).map(\.id) == expected)
            #expect(try loaded.friendIDs(form, context: Build.context) == expected)
            #expect(try pushed.friendIDs(form, context: Build.context, limit: 700) == Array(expected.prefix(700)))
        }
        #expect(try loaded.engine().engine == .memory)
    }
}
