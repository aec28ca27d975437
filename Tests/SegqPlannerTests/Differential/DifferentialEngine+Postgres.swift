import Foundation
import SegqStore
import SegqPostgresStore
@testable import SegqPlanner

extension DifferentialEngine {
    /// SQL push-down to a PostgreSQL store: each random store is imported
    /// into a fresh account of the server at `$SEGQ_TEST_POSTGRES` (`make
    /// test` starts one; see scripts/pg-test-server). Without a server every
    /// answer is a failure, so the test fails rather than passing silently.
    static var postgres: DifferentialEngine {
        let runners = PerStore { c -> QueryRunner in
            let store = try freshAccount("differential-")
            try store.importFriends(c.friends, mode: .replace, now: 0)
            return pushDownRunner(store, c)
        }
        return pushedDown(name: "postgres push-down", runners)
    }

    /// The same push-down after the account's bitmaps went through every
    /// write that keeps them: half the friends imported, then all of them
    /// again (the bitmaps grow), a rebuild with two bounds per range
    /// column (ranges between quantiles), then a tag added to every other
    /// friend and removed, a held tag renamed away and back, and the added
    /// tag deleted. The friends end as they began, so the answers must not move.
    static var postgresRewritten: DifferentialEngine {
        let runners = PerStore { c -> QueryRunner in
            let store = try freshAccount("differential-rw-")
            try store.importFriends(c.friends.prefix(c.friends.count / 2), mode: .replace, now: 0)
            try store.importFriends(c.friends, mode: .upsert, now: 0)
            try store.rebuildRowBitmaps(boundsPerColumn: 2)
            let everyOther = Array(stride(from: 0, to: c.friends.count, by: 2))
            let added = "\u{1}differential added"
            try store.addTag(added, toRows: everyOther, now: 0)
            if let held = c.friends.lazy.flatMap(\.tags).first {
                let away = "\u{1}differential renamed"
                try store.renameTag(held, to: away, now: 0)
                try store.renameTag(away, to: held, now: 0)
            }
            try store.removeTag(added, fromRows: everyOther, now: 0)
            try store.addTag(added, toRows: [0], now: 0)
            try store.deleteTag(added)
            return pushDownRunner(store, c)
        }
        return pushedDown(name: "postgres push-down after writes", runners)
    }

    /// A new account of the server at `$SEGQ_TEST_POSTGRES`, named `prefix` and a random suffix.
    static func freshAccount(_ prefix: String) throws -> PostgresStore {
        guard let base = ProcessInfo.processInfo.environment["SEGQ_TEST_POSTGRES"], !base.isEmpty else {
            throw NoTestServer()
        }
        let separator = base.contains("?") ? "&" : "?"
        return try PostgresStore.openOrCreate(base + separator + "account=" + prefix + UUID().uuidString.prefix(12))
    }

    static func pushDownRunner(_ store: PostgresStore, _ c: DifferentialCase) -> QueryRunner {
        QueryRunner(pushDown: store, path: "postgres", policy: .force(EngineChoice.Engine(rawValue: PostgresStore.engineName)),
                    segments: c.segments, compile: c.compile)
    }

    /// An engine answering through `runners`, failing any answer not pushed down to PostgreSQL.
    static func pushedDown(name: String, _ runners: PerStore<QueryRunner>) -> DifferentialEngine {
        DifferentialEngine(name: name) { c in
            capture {
                let runner = try runners.value(for: c)
                guard try runner.engine().engine.rawValue == PostgresStore.engineName else { return .failure("not pushed down") }
                return try run(runner, c)
            }
        }
    }

    struct NoTestServer: Error, CustomStringConvertible {
        var description: String {
            "SEGQ_TEST_POSTGRES is not set: run `make test`, or `make pg-start` and "
                + "`export SEGQ_TEST_POSTGRES=\"$(scripts/pg-test-server url)\"`"
        }
    }
}
