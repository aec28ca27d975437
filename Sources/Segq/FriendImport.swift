import SegqSQLiteStore
import Foundation
import SegqStore

/// `segq import`: friend files into a SQLite store, streaming, in ONE
/// transaction. Lenient imports keep every good record and report the bad
/// ones; a strict import with any bad record changes nothing. Either way
/// the store is never left half-written (SQLite rolls the transaction back
/// on any error, and on a crash or kill at the next open).
public enum FriendImport {
    public struct Outcome: Sendable {
        public var report: ImportReport
        /// Nil when nothing was written (`refusal` says why).
        public var summary: ImportSummary?
        /// Why nothing was written, when nothing was.
        public var refusal: Refusal?
    }

    /// Why an import wrote nothing (the store is as it was).
    public enum Refusal: Sendable {
        /// `strict` and some record was bad.
        case strict
        /// `.replace` with files that hold no friend, and `allowEmpty` not given:
        /// replacing would have emptied the store.
        case emptyReplacement
    }

    private struct Refused: Error { let refusal: Refusal }

    /// Imports `files`. With `.replace`, files that yield no friend at all
    /// (an empty file, a CSV without `id`, a compressed or binary file) write
    /// nothing unless `allowEmpty`: emptying a store takes an explicit request.
    public static func run(files: [URL], into store: SQLiteStore, strict: Bool,
                           mode: ImportMode = .upsert, allowEmpty: Bool = false, now: Int64? = nil) throws -> Outcome {
        let registry = FriendIdRegistry()
        // JSON Lines are parsed on worker threads while this thread writes to SQLite.
        let readers: [any FriendReader] = try files.map { url in
            if FriendFileFormat(url: url) == .jsonLines { return ParallelJSONLFriendReader(contentsOf: url, ids: registry) }
            return try FriendFileFormat.reader(for: url, ids: registry)
        }
        var report = ImportReport()
        do {
            let summary = try store.importFriends(mode: mode, now: now) { writer in
                for reader in readers {
                    report.merge(try reader.forEach { try writer.add($0) })
                }
                if strict && !report.isClean { throw Refused(refusal: .strict) }
                if mode == .replace && !allowEmpty && writer.inserted + writer.updated == 0 {
                    throw Refused(refusal: .emptyReplacement)
                }
            }
            return Outcome(report: report, summary: summary)
        } catch let refused as Refused {
            return Outcome(report: refused.refusal == .strict ? report.strictened() : report,
                           summary: nil, refusal: refused.refusal)
        }
    }
}
