import ArgumentParser
import Foundation
import Segq

/// `segq bench --store PATH [--runs N] [--json] QUERY_FILE`: loads the
/// store once (timed), then times each query's exact count and reports the
/// median with the store already loaded. `Benchmarks/duckdb_peer.py` runs
/// this beside DuckDB on the same data.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time exact counts of the queries in a file (store loaded once).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Option(help: "Timed runs per query (after one warm-up).") var runs: Int = 20
    @Option(help: ArgumentHelp("Engine: auto (memory), memory, or the store's push-down: sqlite or postgres.", valueName: "ENGINE"))
    var engine: EngineSelection = .auto
    @Flag(help: "Print JSON: per query its name, count and median milliseconds.") var json = false
    @Argument(help: "Queries, one a line, optionally name<TAB>query; # comments and blank lines skipped.",
              completion: .file())
    var queryFile: String

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: queryFile, encoding: .utf8) else {
            Output.error("cannot read \(queryFile)")
            throw SegqExit.usage
        }
        let queries = QueryFile.parse(text)
        let loadStart = Clock.nanoseconds()
        let session = try store.openSession(time: time)
        try QueryRun.requireEngine(engine, in: session)
        guard let evaluator = QueryEvaluator(session: session, use: .repeated, engine: engine) else {
            Output.error("bench needs a store (--store PATH or $SEGQ_STORE)")
            throw SegqExit.usage
        }
        var results: [(name: String, query: String, count: Int, median: Double, p90: Double)] = []
        var failed = false
        // Load (and, for SQLite in memory, build) before timing queries.
        let choice = try QueryRun.evaluating(SourceFile("")) { try evaluator.engineDescription() }
        let loadMs = Double(Clock.nanoseconds() - loadStart) / 1e6
        let rssMB = ResidentMemory.megabytes()
        for entry in queries {
            let compilation = session.compile(entry.query)
            guard compilation.ok else {
                Output.errorText("\(queryFile):\(entry.line): \(entry.name) has errors; not timed\n")
                Diagnostics.report(compilation.diagnostics, in: compilation.source)
                failed = true
                continue
            }
            var count = 0
            var samples: [Double] = []
            do {
                try QueryRun.evaluating(compilation.source) {
                    count = try evaluator.count(compilation)  // warm-up
                    for _ in 0..<runs {
                        let t0 = Clock.nanoseconds()
                        count = try evaluator.count(compilation)
                        samples.append(Double(Clock.nanoseconds() - t0) / 1e6)
                    }
                }
            } catch let exit as SegqExit where exit.status == ExitStatus.queryError {
                // The diagnostics are printed; the other queries are still timed.
                Output.errorText("\(queryFile):\(entry.line): \(entry.name) cannot be evaluated; not timed\n")
                failed = true
                continue
            }
            samples.sort()
            let median = samples.count % 2 == 1 ? samples[samples.count / 2]
                : (samples[samples.count / 2 - 1] + samples[samples.count / 2]) / 2
            let p90 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.9))]
            results.append((entry.name, entry.query, count, median, p90))
        }
        let friends = (try? evaluator.friendCount()) ?? 0
        if json {
            let object: JSONValue = .object([
                ("store", .string(store.resolvedPath() ?? "")),
                ("engine", .string(choice.engine)),
                ("engine_reason", .string(choice.reason)),
                ("friends", .int(Int64(friends))),
                ("load_ms", .double(loadMs)),
                ("rss_mb", rssMB.map { .double($0) } ?? .null),
                ("runs", .int(Int64(runs))),
                ("queries", .array(results.map { r in
                    .object([("name", .string(r.name)), ("query", .string(r.query)), ("count", .int(Int64(r.count))),
                             ("median_ms", .double(r.median)), ("p90_ms", .double(r.p90))])
                })),
            ])
            Output.line(object.pretty())
        } else {
            Output.line("store: \(store.resolvedPath() ?? "") — \(friends) friends, engine \(choice.engine) (\(choice.reason))")
            Output.line(String(format: "load: %.1f ms", loadMs) + (rssMB.map { String(format: ", resident memory %.1f MB", $0) } ?? ""))
            Output.write(TextTable.render(
                header: ["query", "count", "median ms", "p90 ms"],
                rows: results.map { [$0.name, String($0.count), String(format: "%.3f", $0.median), String(format: "%.3f", $0.p90)] }))
        }
        if failed { throw SegqExit.queryError }
    }
}

/// A QUERY_FILE (docs/data-formats.md): one query a line, optionally
/// `name<TAB>query`; blank lines and `#` comments skipped.
enum QueryFile {
    struct Entry {
        var name: String
        var query: String
        /// 1-based line in the file.
        var line: Int
    }

    static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if let tab = line.firstIndex(of: "\t") {
                entries.append(Entry(name: String(line[..<tab]), query: String(line[line.index(after: tab)...]), line: index + 1))
            } else {
                entries.append(Entry(name: "line \(index + 1)", query: line, line: index + 1))
            }
        }
        return entries
    }
}

/// Resident set size of this process (Linux `/proc/self/status`).
enum ResidentMemory {
    static func megabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.filter(\.isNumber)
            if let kb = Double(String(digits)) { return kb / 1024 }
        }
        return nil
    }
}
