import Foundation
import SegqSyntax
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

    /// What a rebuild found and wrote.
    public struct Report: Sendable {
        public let account: String
        public let rebuild: RowBitmapRebuild
        public let seconds: Double

        /// What the bitmaps were: the JSON name and the report's sentence.
        private var before: (name: String, sentence: String) {
            switch rebuild.before.status {
            case .fresh: return ("fresh", "they were fresh")
            case .stale: return ("stale", "they were stale (friends changed since they were built): counts were row by row")
            case .olderLayout: return ("older_layout", "they were built by an older segq: counts were row by row")
            case .missing: return ("missing", "there were none: counts were row by row")
            }
        }

        /// The report's lines: what was written, then what the bitmaps were.
        public var lines: [String] {
            [
                "rebuilt the row bitmaps of account \(account): \(rebuild.valueBitmaps) value bitmaps and "
                    + "\(rebuild.boundBitmaps) bound bitmaps of \(rebuild.rows) bits, \(RowBitmapMaintenance.megabytes(rebuild.bytes)) MB, "
                    + String(format: "%.1f s", seconds),
                before.sentence,
            ]
        }

        /// The JSON of `store rebuild-bitmaps --json` without its `store`
        /// member (docs/schemas/rebuild-bitmaps.schema.json).
        public var json: JSONValue {
            .object([
                ("account", .string(account)),
                ("before", .string(before.name)),
                ("rows", .int(Int64(rebuild.rows))),
                ("value_bitmaps", .int(Int64(rebuild.valueBitmaps))),
                ("bound_bitmaps", .int(Int64(rebuild.boundBitmaps))),
                ("bytes", .int(Int64(rebuild.bytes))),
                ("seconds", .double((seconds * 1000).rounded() / 1000)),
            ])
        }
    }

    /// Refuses a store that is not a PostgreSQL account, before it is opened.
    public static func check(url: String) throws {
        guard PostgresLocation.isPostgresURL(url) else { throw Failure.notPostgres(url) }
    }

    /// Rebuilds the bitmaps of the PostgreSQL account `session` has open.
    public static func rebuild(in session: Session) throws -> Report {
        guard case .postgres(let store)? = session.store else {
            throw Failure.notPostgres(session.storeIdentity.path ?? "the built-in schema")
        }
        do {
            let started = Date()
            let rebuild = try store.rebuildRowBitmaps()
            return Report(account: store.accountName, rebuild: rebuild, seconds: Date().timeIntervalSince(started))
        } catch {
            throw Failure.store("\(error)")
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
