import Foundation
import SegqPostgresStore

/// `segq store rebuild-bitmaps`: rebuilds a PostgreSQL account's row
/// bitmaps (ARCHITECTURE.md, PostgreSQL) and says what it found and did.
/// Counts are exact whatever the bitmaps' state; stale bitmaps, or bitmaps
/// an older segq built, only make them slower (row by row) until rebuilt.
public enum RowBitmapMaintenance {
    public enum Failure: Error, CustomStringConvertible {
        /// The store is not a PostgreSQL account.
        case notPostgres(String)
        case store(String)
        public var description: String {
            switch self {
            case .notPostgres(let path): return "\(path) is not a PostgreSQL account; only PostgreSQL stores keep row bitmaps"
            case .store(let message): return message
            }
        }
    }

    /// Rebuilds the bitmaps of the account at `url`; the report's lines.
    public static func rebuild(url: String) throws -> [String] {
        guard PostgresLocation.isPostgresURL(url) else { throw Failure.notPostgres(url) }
        do {
            let store = try PostgresStore.open(url)
            let started = Date()
            let r = try store.rebuildRowBitmaps()
            let seconds = Date().timeIntervalSince(started)
            let was: String
            switch r.before.status {
            case .fresh: was = "they were fresh"
            case .stale: was = "they were stale (friends changed since they were built): counts were row by row"
            case .olderLayout: was = "they were built by an older segq: counts were row by row"
            case .missing: was = "there were none: counts were row by row"
            }
            return [
                "rebuilt the row bitmaps of account \(store.accountName): \(r.valueBitmaps) value bitmaps and "
                    + "\(r.boundBitmaps) bound bitmaps of \(r.rows) bits, \(Self.megabytes(r.bytes)) MB, "
                    + String(format: "%.1f s", seconds),
                was,
            ]
        } catch {
            throw Failure.store("\(error)")
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
