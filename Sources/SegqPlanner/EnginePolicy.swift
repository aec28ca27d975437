/// How the caller will use a store, which decides the engine (`explain`
/// prints the reason):
///
/// - a store loaded from JSONL/CSV is already in memory: the memory engine;
/// - a SQLite store evaluated once (`segq eval`, `explain`, `check`):
///   SQL push-down, since loading every friend would cost more than the query;
/// - a SQLite store evaluated repeatedly (the REPL, `bench`): loaded into
///   memory once, then every query runs on bitmaps.
public enum EnginePolicy: Hashable, Sendable {
    case singleEvaluation
    case repeatedEvaluation
    /// Always this engine (tests, benchmarks comparing engines).
    case force(EngineChoice.Engine)

    /// Where a store's friends come from, for the decision and its reason.
    public enum StoreOrigin: Hashable, Sendable {
        /// Loaded from these JSONL/CSV files.
        case files([String])
        /// A SQLite database file.
        case sqlite(path: String)
    }

    public func choose(for origin: StoreOrigin, friendCount: Int) -> EngineChoice {
        let friends = Format.count(friendCount) + (friendCount == 1 ? " friend" : " friends")
        switch (origin, self) {
        case (.files(let files), _):
            let names = files.map(EnginePolicy.fileName).joined(separator: ", ")
            let reason = "store loaded from \(names.isEmpty ? "records" : names): \(friends)"
            if case .force(.sqlite) = self { return EngineChoice(.memory, reason: reason + "; no SQLite database to push down to") }
            return EngineChoice(.memory, reason: reason)
        case (.sqlite(let path), .singleEvaluation):
            return EngineChoice(.sqlite, reason: "SQLite store \(EnginePolicy.fileName(path)), \(friends), evaluated once: pushed down as SQL")
        case (.sqlite(let path), .repeatedEvaluation):
            return EngineChoice(.memory, reason: "SQLite store \(EnginePolicy.fileName(path)) loaded into memory for repeated evaluation: \(friends)")
        case (.sqlite(let path), .force(let engine)):
            return engine == .memory
                ? EngineChoice(.memory, reason: "SQLite store \(EnginePolicy.fileName(path)) loaded into memory as asked: \(friends)")
                : EngineChoice(.sqlite, reason: "SQLite store \(EnginePolicy.fileName(path)), \(friends): pushed down as SQL as asked")
        }
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
