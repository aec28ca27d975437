import Foundation
import SegqSemantics
import SegqStore
import SegqMemoryStore
import SegqSQLiteStore
import SegqBasics
import SegqPostgresStore
import SegqPlanner

/// A friend store opened by path: SQLite for `.sqlite`/`.db`, one account
/// of a PostgreSQL database for a `postgresql://…?account=NAME` URL,
/// otherwise friend files (`.jsonl`, `.ndjson`, `.csv`) loaded into memory.
public enum OpenedStore {
    case memory(InMemoryStore, path: String)
    case sqlite(SQLiteStore)
    case postgres(PostgresStore)

    public enum OpenError: Error, CustomStringConvertible {
        case notFound(String)
        /// The database's settings name a time zone this system does not know.
        case unknownTimeZone(path: String, zone: String)

        public var description: String {
            switch self {
            case .notFound(let path): return "no such file: \(path)"
            case .unknownTimeZone(let path, let zone): return "\(path): unknown time zone `\(zone)` in the store's settings"
            }
        }
    }

    /// True when `text` is a `postgresql://` or `postgres://` URL (one account of a PostgreSQL database).
    public static func isServerURL(_ text: String) -> Bool {
        PostgresLocation.isPostgresURL(text)
    }

    /// `path` as output may show it: a PostgreSQL URL without its password.
    public static func shownName(of path: String) -> String {
        guard isServerURL(path) else { return path }
        return (try? PostgresLocation(path).description) ?? "a postgresql:// URL that cannot be read"
    }

    public static func isDatabase(path: String) -> Bool {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return ext == "sqlite" || ext == "db" || ext == "sqlite3"
    }

    /// Opens the store at `path` and returns it with its load report: a
    /// friend file's skipped records (file, line, reason) are in
    /// `LoadedStore.problems`, never dropped. Lenient: the good records of a
    /// file with bad ones are loaded. Throws when the file is missing or
    /// cannot be read at all, or when a database's settings cannot be read
    /// or name an unknown time zone.
    public static func load(path: String) throws -> LoadedStore {
        if PostgresLocation.isPostgresURL(path) {
            let store = try PostgresStore.open(path)
            return LoadedStore(store: .postgres(store), report: ImportReport(accepted: try store.friendCount()))
        }
        guard FileManager.default.fileExists(atPath: path) else { throw OpenError.notFound(path) }
        if isDatabase(path: path) {
            let store = try SQLiteStore.open(path: path)
            let zone = try store.settings().timeZone
            guard TimeZone(identifier: zone) != nil else { throw OpenError.unknownTimeZone(path: path, zone: zone) }
            // Records were checked when they were imported: a database has no load problems.
            return LoadedStore(store: .sqlite(store), report: ImportReport(accepted: try store.friendCount()))
        }
        let (store, report) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: path)])
        return LoadedStore(store: .memory(store, path: path), report: report)
    }

    /// The SQLite store's friends, in row order, as a columnar in-memory
    /// store with the SQLite store's settings: the one path from a database
    /// into memory (the REPL, `bench`). Unreadable settings or friends throw.
    public static func loadIntoMemory(_ store: SQLiteStore) throws -> InMemoryStore {
        try loadIntoMemory(store, isCancelled: { false })
    }

    /// `loadIntoMemory(_:)` that stops reading friends once `isCancelled`
    /// is true (the image is then incomplete and thrown away).
    static func loadIntoMemory(_ store: SQLiteStore, isCancelled: @escaping () -> Bool) throws -> InMemoryStore {
        let settings = try store.settings()
        let cursor = try store.allFriends()
        var read = 0
        let friends = cursor.lazy.prefix { _ in
            read += 1
            return read % 4096 != 0 || !isCancelled()
        }
        let memory = InMemoryStore(friends: friends, settings: settings)
        if let error = cursor.error { throw error }
        return memory
    }

    /// A memory image of the SQLite store at `path` built on another thread
    /// through a connection of its own, checked against `store`'s
    /// `data_version` (the REPL's first answers are pushed down meanwhile).
    static func backgroundImage(of store: SQLiteStore) -> BackgroundImageSource? {
        let path = store.path
        guard path != ":memory:" else { return nil }  // a private database no other connection can open
        return BackgroundImageSource(
            load: { isCancelled in
                // The reader holds the check only while it reads.
                try withoutActuallyEscaping(isCancelled) { check in
                    try loadIntoMemory(try SQLiteStore.open(path: path), isCancelled: check)
                }
            },
            version: { try store.dataVersion() })
    }

    /// The PostgreSQL account's friends, in row order, as a columnar
    /// in-memory store with the account's settings (the REPL, `bench`).
    public static func loadIntoMemory(_ store: PostgresStore) throws -> InMemoryStore {
        InMemoryStore(friends: try store.allFriends(), settings: try store.settings())
    }

    public var schema: Schema {
        switch self {
        case .memory(let store, _): return store.schema
        case .sqlite(let store): return store.schema
        case .postgres(let store): return store.schema
        }
    }

    public var catalog: any ValueCatalog {
        switch self {
        case .memory(let store, _): return store
        case .sqlite(let store): return store
        case .postgres(let store): return store
        }
    }

    /// The store's settings; a database's are read from the file, which may fail.
    public func settings() throws -> StoreSettings {
        switch self {
        case .memory(let store, _): return store.settings
        case .sqlite(let store): return try store.settings()
        case .postgres(let store): return try store.settings()
        }
    }

    /// The store's time zone (`load` refused a database whose zone is unknown).
    public func timeZone() throws -> TimeZone? { TimeZone(identifier: try settings().timeZone) }
}

/// A store as `OpenedStore.load(path:)` opened it, with what it had to
/// skip: front ends show `problems` (or refuse the store when strict).
public struct LoadedStore {
    public let store: OpenedStore
    /// Friends loaded and every record skipped. A SQLite store's report is
    /// clean, with its friend count accepted.
    public let report: ImportReport

    public init(store: OpenedStore, report: ImportReport) {
        self.store = store
        self.report = report
    }

    /// The skipped records in file order, each with its file and 1-based line.
    public var problems: [ImportProblem] { report.problems }

    /// The number of records skipped.
    public var skipped: Int { report.problems.count }
}
