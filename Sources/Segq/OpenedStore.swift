import Foundation
import SegqSemantics
import SegqStore

/// A friend store opened by path: SQLite for `.sqlite`/`.db`, otherwise
/// friend files (`.jsonl`, `.ndjson`, `.csv`) loaded into memory.
public enum OpenedStore {
    case memory(InMemoryStore, path: String)
    case sqlite(SQLiteStore)

    public enum OpenError: Error, CustomStringConvertible {
        case notFound(String)
        case badData(String, ImportReport)

        public var description: String {
            switch self {
            case .notFound(let path): return "no such file: \(path)"
            case .badData(let path, let report):
                return "\(path) has \(report.problems.count) bad record(s); import it with `segq import` to see them"
            }
        }
    }

    public static func isDatabase(path: String) -> Bool {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return ext == "sqlite" || ext == "db" || ext == "sqlite3"
    }

    public static func open(path: String) throws -> OpenedStore {
        guard FileManager.default.fileExists(atPath: path) else { throw OpenError.notFound(path) }
        if isDatabase(path: path) {
            return .sqlite(try SQLiteStore.open(path: path))
        }
        let (store, _) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: path)])
        return .memory(store, path: path)
    }

    public var schema: Schema {
        switch self {
        case .memory(let store, _): return store.schema
        case .sqlite(let store): return store.schema
        }
    }

    public var catalog: any ValueCatalog {
        switch self {
        case .memory(let store, _): return store
        case .sqlite(let store): return store
        }
    }

    public var settings: StoreSettings {
        switch self {
        case .memory(let store, _): return store.settings
        case .sqlite(let store): return (try? store.settings()) ?? StoreSettings()
        }
    }

    public var timeZone: TimeZone? { TimeZone(identifier: settings.timeZone) }
}
