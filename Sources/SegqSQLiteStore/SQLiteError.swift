import SegqStore
import CSQLite
import Foundation

/// An error reported by SQLite or by the SQLite store, with SQLite's own
/// message and, where known, the statement that failed.
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

    public var description: String {
        var text = message
        if code != SQLiteError.storeCode { text += " (SQLite code \(code))" }
        // The statement's first line is enough to say where it failed.
        if let sql, let first = sql.split(separator: "\n").first {
            let line = first.trimmingCharacters(in: .whitespaces)
            text += " in: " + (line.count > 80 ? String(line.prefix(80)) + "…" : line)
        }
        return text
    }
}
