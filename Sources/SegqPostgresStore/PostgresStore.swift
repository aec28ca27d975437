import SegqSemantics
import SegqStore
#if canImport(Glibc)
import Glibc
#endif

/// One account's friends in a PostgreSQL database that many accounts
/// share (see `PostgresSchema`), opened from
/// `postgresql://USER@HOST:PORT/DB?account=NAME`.
///
/// Writes are transactions on the server; the writes of one account are
/// serialised by a row lock on its `accounts` row, so two processes
/// importing into one account run one after the other and lose nothing,
/// while other accounts go on.
///
/// Not thread-safe: use one `PostgresStore` from one thread at a time
/// (open another, with its own connection, for another thread).
public final class PostgresStore {
    let db: PostgresConnection
    /// The database and account, without any password.
    public var location: PostgresLocation { db.location }
    /// The account's key in every table.
    let account: Int32
    /// Bytes of COPY rows an import gathers before sending them (small in tests, to cross batches).
    var importBatchBytes = 16 << 20
    /// The account's `data_version` as this connection last read or wrote it.
    private var knownVersion: Int64?
    /// How many times `knownVersion` was found moved by other connections.
    private var changesElsewhere: Int64 = 0
    /// Whether a `write` is under way (a nested one joins it).
    private var writing = false

    private init(location: PostgresLocation, create: Bool) throws {
        db = try PostgresConnection(location)
        try PostgresSchema.prepare(db)
        // A set or property test without a stored bitmap (a rare value, or
        // any value while the bitmaps are stale) is a hashed set of friend row
        // ids built once per statement (`PostgresQueryCompiler`); the server
        // hashes it only when it fits in work_mem, else it rescans it per
        // row. 256 MB holds the row ids of several million friends.
        try db.execute("SET work_mem = '256MB'")
        // A count's plan is cheap to run but may be costed high (a re-test of
        // rows whose number the planner cannot know); compiling it to machine
        // code took half a second per statement at 1M friends.
        try db.execute("SET jit = off")
        if create {
            try db.query("INSERT INTO accounts(name) VALUES ($1) ON CONFLICT (name) DO NOTHING", [.text(location.account)])
        }
        let rows = try db.query("SELECT account FROM accounts WHERE name = $1", [.text(location.account)])
        guard rows.count == 1 else {
            throw PostgresError.store("no account \"\(location.account)\" in \(location); `segq import` creates it")
        }
        account = Int32(rows.int64(0, 0))
    }

    /// Opens an existing account; throws when the database has no such account.
    public static func open(_ url: String) throws -> PostgresStore {
        try PostgresStore(location: try PostgresLocation(url), create: false)
    }

    /// Opens the account, creating it (and segq's tables) when missing: what `segq import` does.
    public static func openOrCreate(_ url: String) throws -> PostgresStore {
        try PostgresStore(location: try PostgresLocation(url), create: true)
    }

    /// The account's name.
    public var accountName: String { location.account }

    /// Number of friends in the account: the `all` bitmap's ones while the
    /// bitmaps are fresh, else a count of the rows.
    public func friendCount() throws -> Int {
        Int(try db.query("""
            SELECT CASE WHEN s.fresh
                THEN (SELECT bit_count(bits) FROM row_bitmaps WHERE account = $1 AND key = $2)
                ELSE (SELECT count(*) FROM friends WHERE account = $1) END
            FROM (SELECT $1::int4 AS account) a LEFT JOIN row_bitmap_state s ON s.account = a.account
            """, [.int4(account), .stored(RowBitmapKey.all)]).int64(0, 0))
    }

    /// Runs `body` in a transaction that holds the account's write lock
    /// and, when `changed` says the body wrote something, moves the
    /// account's `data_version` on, so other sessions notice. A write
    /// inside another joins it (a savepoint).
    func write<T>(changed: (T) -> Bool = { _ in true }, _ body: () throws -> T) throws -> T {
        if writing { return try db.transaction(body) }
        writing = true
        defer { writing = false }
        var version: Int64 = 0
        let value = try db.transaction {
            version = try db.query("SELECT data_version FROM accounts WHERE account = $1 FOR UPDATE", [.int4(account)])
                .int64(0, 0)
            noticeVersion(version)
            let value = try body()
            if changed(value) {
                version += 1
                try db.query("UPDATE accounts SET data_version = $2 WHERE account = $1", [.int4(account), .int8(version)])
            }
            return value
        }
        knownVersion = version
        return value
    }

    /// Counts the writes other connections committed to the account since
    /// this one last looked: it moves when another process imported or
    /// changed a catalogue, never for this connection's own writes (as
    /// SQLite's `data_version`). One read of the account's row.
    public func dataVersion() throws -> Int64 {
        noticeVersion(try db.query("SELECT data_version FROM accounts WHERE account = $1", [.int4(account)]).int64(0, 0))
        return changesElsewhere
    }

    /// Records the account's `data_version` as read now.
    private func noticeVersion(_ version: Int64) {
        if let knownVersion, knownVersion != version { changesElsewhere += 1 }
        knownVersion = version
    }

    /// Milliseconds since the epoch, for updated times.
    static func currentTimeMillis() -> Int64 { StoreClock.nowMillis() }
}
