import Foundation
import SegqSQLiteStore
import SegqStore

/// `segq import`: friend files into a SQLite store, streaming, in ONE
/// transaction (`FriendFileImport`, shared by every store). Lenient imports
/// keep every good record and report the bad ones; a strict import with any
/// bad record changes nothing. Either way the store is never left
/// half-written (SQLite rolls the transaction back on any error, and on a
/// crash or kill at the next open).
public enum FriendImport {
    public typealias Outcome = FriendFileImport.Outcome
    public typealias Refusal = FriendFileImport.Refusal

    /// Imports `files`. With `.replace`, files that yield no friend at all
    /// (an empty file, a CSV without `id`, a compressed or binary file) write
    /// nothing unless `allowEmpty`: emptying a store takes an explicit request.
    public static func run(files: [URL], into store: SQLiteStore, strict: Bool,
                           mode: ImportMode = .upsert, allowEmpty: Bool = false, now: Int64? = nil) throws -> Outcome {
        try FriendFileImport.run(files: files, into: store, strict: strict, mode: mode, allowEmpty: allowEmpty, now: now)
    }
}
