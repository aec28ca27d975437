import Benchmark
import Foundation
import Segq
// The in-memory store and the runner are measured directly, below the facade.
import SegqPlanner
import SegqStore

/// Store speed: exact counts of the six benchmark queries over a
/// generated store of `SEGQ_BENCH_FRIENDS` friends (default 1,000,000) held
/// in memory, and the in-memory build itself. The DuckDB comparison runs
/// in `Benchmarks/duckdb_peer.py` (same data, same run) through `segq bench`.
let benchmarks: @Sendable () -> Void = {
    let friends = Int(ProcessInfo.processInfo.environment["SEGQ_BENCH_FRIENDS"] ?? "") ?? 1_000_000
    let now = RFC3339.parse("2026-11-23T00:00:00Z")!
    var generator = FriendGenerator(seed: 7, now: now)
    let store = InMemoryStore(friends: (0..<friends).lazy.map { _ in generator.next() })
    let session = Session(store: .memory(store, path: "generated"), fixedNow: now,
                          timeZone: TimeZone(identifier: "UTC"))
    let runner = OpenedStore.memory(store, path: "generated").runner()
    let queries: [(String, String)] = [
        ("card", #"tag = "VIP" and shopify.purchases >= 3 or hubspot.stage = "Customer""#),
        ("dormant", "shopify.days_since_last_purchase >= 90"),
        ("onboarding", "added >= -7d"),
        ("cart", "shopify.hours_since_cart_abandoned >= 24"),
        ("complex", #"(tag in ("VIP", "Wholesale") or shopify.tag = "loyalty-gold") and not tag = "Complaint-Pending" and (hubspot.linked or klaviyo.list = "VIP list") and added < 2026-06-01"#),
        ("negation", "not shopify.purchases >= 3"),
    ]

    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
                                           maxDuration: .seconds(3))

    for (name, text) in queries {
        guard let form = session.compile(text).normalForm else { fatalError("benchmark query \(name) does not compile") }
        Benchmark("count \(name) (\(friends) friends, in memory)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try runner.count(form, context: session.context))
            }
        }
    }

    Benchmark("preview card (count + first 10)") { benchmark in
        let form = session.compile(queries[0].1).normalForm!
        for _ in benchmark.scaledIterations {
            blackHole(try runner.preview(form, context: session.context, limit: 10))
        }
    }

    Benchmark("build in-memory store (100,000 friends)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds,
                                   maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
        var g = FriendGenerator(seed: 3, now: now)
        let batch = (0..<100_000).map { _ in g.next() }
        benchmark.startMeasurement()
        blackHole(InMemoryStore(friends: batch))
        benchmark.stopMeasurement()
    }
}
