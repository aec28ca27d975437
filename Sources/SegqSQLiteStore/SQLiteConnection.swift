import SegqStore
import CSQLite

/// SQLite's "copy the bytes now" destructor, which the C macro cannot express in Swift.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One open SQLite database handle. Not thread-safe: one connection is
/// used from one thread at a time (SQLite's own mutex still guards it).
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String
    /// Prepared statements kept for reuse, by SQL text.
    private var cache: [String: SQLiteStatement] = [:]

    /// Opens (and with `create`, creates) the database file at `path`.
    init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if create { flags |= SQLITE_OPEN_CREATE }
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError.reported(rc, sqliteMessage: message, path: path, sql: nil)
        }
        sqlite3_extended_result_codes(db, 1)
        self.handle = db
        self.path = path
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The error for result code `rc`, with the connection's last message.
    func error(_ rc: Int32, sql: String? = nil) -> SQLiteError {
        SQLiteError.reported(rc, sqliteMessage: String(cString: sqlite3_errmsg(handle)), path: path, sql: sql)
    }

    /// Runs one or more statements that take no parameters and return no rows of interest.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError.reported(rc, sqliteMessage: text, path: path, sql: sql)
        }
    }

    /// A new prepared statement (one statement; trailing text is an error).
    func prepare(_ sql: String, persistent: Bool = false) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sql.withCString { text in
            let r = sqlite3_prepare_v3(handle, text, -1, flags, &stmt, &tail)
            if r == SQLITE_OK, let tail, tail.pointee != 0,
               String(cString: tail).contains(where: { !$0.isWhitespace }) {
                sqlite3_finalize(stmt)
                stmt = nil
                return SQLITE_MISUSE
            }
            return r
        }
        guard rc == SQLITE_OK, let stmt else {
            if rc == SQLITE_MISUSE { throw SQLiteError(code: rc, message: "more than one statement", sql: sql) }
            throw error(rc, sql: sql)
        }
        return SQLiteStatement(handle: stmt, connection: self, sql: sql)
    }

    /// A prepared statement from the connection's cache, reset and with its
    /// bindings cleared; prepared once per SQL text.
    func cached(_ sql: String) throws -> SQLiteStatement {
        if let stmt = cache[sql] {
            stmt.reset()
            return stmt
        }
        if cache.count >= 128 { cache.removeAll() }
        let stmt = try prepare(sql, persistent: true)
        cache[sql] = stmt
        return stmt
    }

    /// Depth of `transaction` calls now running (0: none).
    private var transactionDepth = 0

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`: the write lock is taken
    /// first, so every read in `body` sees the data the writes apply to.
    /// Any error thrown rolls the whole transaction back and is rethrown.
    /// Inside another `transaction`, `body` runs as a savepoint of it (an
    /// error undoes only `body`'s writes, then propagates).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            let name = "segq_nested_\(transactionDepth)"
            try execute("SAVEPOINT \(name)")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let result = try body()
                try execute("RELEASE \(name)")
                return result
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // A failed COMMIT or an error in the body: undo everything.
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// True inside `transaction`.
    var inTransaction: Bool { transactionDepth > 0 }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The single integer a query returns (0 when it returns no row or NULL).
    func scalarInt(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int64 {
        let stmt = try cached(sql)
        try stmt.bind(bindings)
        defer { stmt.reset() }
        return try stmt.step() ? stmt.int64(0) : 0
    }
}
