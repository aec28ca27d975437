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
        /// Nil when nothing was written (a strict import with problems).
        public var summary: ImportSummary?
    }

    private struct StrictImportRefused: Error {}

    public static func run(files: [URL], into store: SQLiteStore, strict: Bool,
                           mode: ImportMode = .upsert, now: Int64? = nil) throws -> Outcome {
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
                if strict && !report.isClean { throw StrictImportRefused() }
            }
            return Outcome(report: report, summary: summary)
        } catch is StrictImportRefused {
            return Outcome(report: report.strictened(), summary: nil)
        }
    }
}
