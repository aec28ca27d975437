import SegqStore
import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SegqSemantics

/// A friend store in one SQLite database file (docs/data-formats.md "Stores").
///
/// Durability: the database uses SQLite's rollback journal
/// (`journal_mode=DELETE`) with `synchronous=FULL`, and every write
/// (an import, a segment save, a tag rename) is one transaction. A crash or
/// `kill -9` at any point leaves either the previous state or the new one:
/// an interrupted transaction leaves a "hot" journal that the next open
/// rolls back. The rollback journal was chosen over WAL because a bulk import
/// into a fresh file journals almost nothing (new pages have no old content),
/// whereas WAL would write every page twice, and because the store stays a
/// single file at rest.
///
/// Not thread-safe: use one `SQLiteStore` from one thread at a time (open
/// another for another thread).
public final class SQLiteStore {
    let db: SQLiteConnection
    /// The database file's path.
    public let path: String

    var cachedFriendCount: Int?
    var cachedSchema: Schema?
    var cachedValues: [Field: Set<String>] = [:]
    var cachedStatistics: SQLiteStatistics?
    /// Keys of `row_bitmaps` (see `SQLiteStore+Bitmaps`).
    var cachedBitmapKeys: Set<String>?
    /// Stored bitmaps checked since the data last changed: whether each is intact.
    var checkedBitmaps: [String: Bool] = [:]
    /// Receives warnings about the store (a damaged bitmap); by default
    /// written to standard error as `warning: …`.
    public var warn: (String) -> Void = { message in
        fputs("warning: \(message)\n", stderr)
    }
    /// `PRAGMA data_version` when the caches were last checked.
    var seenDataVersion: Int64?

    private init(path: String, create: Bool) throws {
        self.path = path
        db = try SQLiteConnection(path: path, create: create)
        sqlite3_busy_timeout(db.handle, 5_000)
        try RowBitmapFunctions.register(on: db.handle)
        try db.execute("""
            PRAGMA journal_mode = DELETE;
            PRAGMA synchronous = FULL;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -\(Self.queryCacheKiB);
            PRAGMA mmap_size = \(Self.queryMmapBytes);
            """)
        try SQLiteSchema.prepare(db, allowCreate: create) { try refreshStatistics() }
    }

    /// Creates a new store at `path`; throws if a file already exists there.
    /// `":memory:"` creates a private in-memory database (for tests).
    public static func create(path: String) throws -> SQLiteStore {
        if path != ":memory:" && fileExists(path) {
            throw SQLiteError.store("\(path) already exists")
        }
        return try SQLiteStore(path: path, create: true)
    }

    /// Opens an existing store; throws if `path` is missing or not a segq store.
    public static func open(path: String) throws -> SQLiteStore {
        guard fileExists(path) else { throw SQLiteError.store("no store at \(path)") }
        return try SQLiteStore(path: path, create: false)
    }

    /// Opens the store at `path`, creating it when there is no file (what `segq import` does).
    public static func openOrCreate(path: String) throws -> SQLiteStore {
        try SQLiteStore(path: path, create: true)
    }

    static func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Forgets everything computed from the data (after a write).
    func invalidateCaches() {
        cachedFriendCount = nil
        cachedSchema = nil
        cachedValues = [:]
        cachedStatistics = nil
        cachedBitmapKeys = nil
        checkedBitmaps = [:]
    }

    /// Runs `body` as one write transaction holding the store's write lock
    /// from its first statement (`BEGIN IMMEDIATE`): every read a write
    /// depends on — whether a name exists, which segments use a tag, the
    /// rows a query selects — is made inside it, so no other writer can
    /// change them in between. The store's writes called from `body` join
    /// this transaction; an error thrown rolls all of it back. A writer that
    /// waits for the lock past the busy timeout fails with `isBusy`.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        defer { invalidateCaches() }
        return try db.transaction {
            try checkForChangesElsewhere()
            return try body()
        }
    }

    /// Runs `body` with a cached statement for `sql`, reset afterwards so it
    /// holds no lock once done.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let stmt = try db.cached(sql)
        defer { stmt.reset() }
        return try body(stmt)
    }

    /// Number of friends in the store.
    public func friendCount() throws -> Int {
        try checkForChangesElsewhere()
        if let cachedFriendCount { return cachedFriendCount }
        let n = Int(try db.scalarInt("SELECT count(*) FROM friends"))
        cachedFriendCount = n
        return n
    }

    /// SQLite's `PRAGMA data_version` on this connection: it changes when
    /// another connection (another process) commits a change to the file,
    /// never for this connection's own writes. One pragma, no table read.
    public func dataVersion() throws -> Int64 {
        try db.scalarInt("PRAGMA data_version")
    }

    /// Milliseconds since the epoch, for created/updated times.
    static func currentTimeMillis() -> Int64 { StoreClock.nowMillis() }
}
