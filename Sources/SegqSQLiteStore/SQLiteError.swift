import SegqStore
import CSQLite
import Foundation

/// An error reported by SQLite or by the SQLite store. `description` is
/// written for the person running segq: it names the store and says what
/// to do, never the statement that failed (that stays in `sql`, for
/// debugging).
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// SQLite's extended result code, or `SQLiteError.storeCode` for errors the store raises itself.
    public var code: Int32
    public var message: String
    public var sql: String?

    /// The code used for errors found by the store rather than SQLite (bad file, wrong version, …).
    public static let storeCode: Int32 = -1

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// An error raised by the store itself.
    static func store(_ message: String) -> SQLiteError {
        SQLiteError(code: storeCode, message: message)
    }

    /// SQLite's error `rc` on the database at `path`, worded for a person.
    static func reported(_ rc: Int32, sqliteMessage: String, path: String, sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: explanation(rc, sqliteMessage: sqliteMessage, path: path), sql: sql)
    }

    /// True when another connection held the lock past the busy timeout.
    public var isBusy: Bool {
        let primary = code & 0xff
        return code != Self.storeCode && (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    }

    private static func explanation(_ rc: Int32, sqliteMessage: String, path: String) -> String {
        switch rc & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "the store \(path) is busy (another segq is writing); try again"
        case SQLITE_FULL:
            return "cannot write the store \(path): the disk is full; free some space and try again (the store is unchanged)"
        case SQLITE_IOERR:
            return "cannot read or write the store \(path): input/output error (\(sqliteMessage))"
        case SQLITE_READONLY:
            return "cannot write the store \(path): it is read-only"
        case SQLITE_PERM, SQLITE_AUTH:
            return "cannot write the store \(path): permission denied"
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return "the store \(path) is damaged (\(sqliteMessage))"
        case SQLITE_CANTOPEN:
            return "cannot open the store \(path)"
        case SQLITE_NOMEM:
            return "out of memory while using the store \(path)"
        default:
            return sqliteMessage
        }
    }

    public var description: String {
        if code == Self.storeCode || Self.explained.contains(code & 0xff) { return message }
        return message + " (SQLite code \(code))"
    }

    /// The result codes whose message `explanation` words in full.
    private static let explained: Set<Int32> = [
        SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN, SQLITE_NOMEM,
    ]
}
