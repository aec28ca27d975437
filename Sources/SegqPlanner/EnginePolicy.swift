/// How the caller will use a store, which decides the engine (`explain`
/// prints the reason):
///
/// - a store loaded from JSONL/CSV is already in memory: the memory engine;
/// - a database (a `PushDownStore`, e.g. SQLite) evaluated once (`segq eval`,
///   `explain`, `check`): pushed down, since loading every friend would cost
///   more than the query;
/// - a database evaluated repeatedly (`bench`): loaded into memory once,
///   then every query runs on bitmaps;
/// - a database evaluated repeatedly by a person waiting for the first
///   answer (the REPL): pushed down while the memory image loads on
///   another thread, then on bitmaps (`BackgroundImage`).
public enum EnginePolicy: Hashable, Sendable {
    case singleEvaluation
    case repeatedEvaluation
    case interactive
    /// Always this engine (tests, benchmarks comparing engines).
    case force(EngineChoice.Engine)

    /// Where a store's friends come from, for the decision and its reason.
    public enum StoreOrigin: Hashable, Sendable {
        /// Loaded from these JSONL/CSV files.
        case files([String])
        /// A database that runs queries itself: its engine's name, what the
        /// store is called (`SQLite store`) and its path.
        case database(engine: EngineChoice.Engine, kind: String, path: String)
    }

    public func choose(for origin: StoreOrigin, friendCount: Int) -> EngineChoice {
        let friends = Format.count(friendCount) + (friendCount == 1 ? " friend" : " friends")
        switch (origin, self) {
        case (.files(let files), _):
            let names = files.map(EnginePolicy.fileName).joined(separator: ", ")
            let reason = "store loaded from \(names.isEmpty ? "records" : names): \(friends)"
            if case .force(let engine) = self, engine != .memory {
                return EngineChoice(.memory, reason: reason + "; no \(engine.rawValue) database to push down to")
            }
            return EngineChoice(.memory, reason: reason)
        case (.database(let engine, let kind, let path), .singleEvaluation):
            return EngineChoice(engine, reason: "\(kind) \(EnginePolicy.fileName(path)), \(friends), evaluated once: pushed down as SQL")
        case (.database(_, let kind, let path), .repeatedEvaluation):
            return EngineChoice(.memory, reason: "\(kind) \(EnginePolicy.fileName(path)) loaded into memory for repeated evaluation: \(friends)")
        case (.database(_, let kind, let path), .interactive):
            return EngineChoice(.memory, reason: "\(kind) \(EnginePolicy.fileName(path)) loaded into memory in the background for repeated evaluation: \(friends)")
        case (.database(let pushDown, let kind, let path), .force(let engine)):
            return engine == .memory
                ? EngineChoice(.memory, reason: "\(kind) \(EnginePolicy.fileName(path)) loaded into memory as asked: \(friends)")
                : EngineChoice(pushDown, reason: "\(kind) \(EnginePolicy.fileName(path)), \(friends): pushed down as SQL as asked")
        }
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
