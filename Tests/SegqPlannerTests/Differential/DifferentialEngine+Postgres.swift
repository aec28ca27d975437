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
            guard let base = ProcessInfo.processInfo.environment["SEGQ_TEST_POSTGRES"], !base.isEmpty else {
                throw NoTestServer()
            }
            let account = "differential-" + UUID().uuidString.prefix(12)
            let separator = base.contains("?") ? "&" : "?"
            let store = try PostgresStore.openOrCreate(base + separator + "account=" + account)
            try store.importFriends(c.friends, mode: .replace, now: 0)
            return QueryRunner(pushDown: store, path: "postgres", policy: .force(EngineChoice.Engine(rawValue: PostgresStore.engineName)),
                               segments: c.segments, compile: c.compile)
        }
        return DifferentialEngine(name: "postgres push-down") { c in
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
