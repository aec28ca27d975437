import Foundation

/// Where friends are added during an import, one at a time.
public protocol FriendAdding: AnyObject {
    func add(_ friend: Friend) throws
    /// Friends added so far that were new to the store.
    var inserted: Int { get }
    /// Friends added so far that replaced a stored friend with the same `id`.
    var updated: Int { get }
    /// Records so far identical to the stored friend with their `id`.
    var unchanged: Int { get }
}

extension FriendAdding {
    /// A store that does not compare records with stored friends finds none unchanged.
    public var unchanged: Int { 0 }
}

/// A store that imports friends in one transaction: `body` adds them
/// through the writer; if it throws, the store is left as it was.
public protocol FriendImportTarget {
    associatedtype Writer: FriendAdding
    func importFriends(mode: ImportMode, now: Int64?, _ body: (Writer) throws -> Void) throws -> ImportSummary
}

/// `segq import` for any store: friend files streamed into the store in ONE
/// transaction. A lenient import keeps every good record and reports the
/// bad ones with their lines; a strict import with any bad record changes
/// nothing and reports them all.
public enum FriendFileImport {
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
    public static func run<Store: FriendImportTarget>(files: [URL], into store: Store, strict: Bool,
                                                      mode: ImportMode = .upsert, allowEmpty: Bool = false,
                                                      now: Int64? = nil) throws -> Outcome {
        let registry = FriendIdRegistry()
        // JSON Lines are parsed on worker threads while this thread writes to the store.
        let readers: [any FriendReader] = try files.map { url in
            if FriendFileFormat(url: url) == .jsonLines { return ParallelJSONLFriendReader(contentsOf: url, ids: registry) }
            return try FriendFileFormat.reader(for: url, ids: registry)
        }
        var report = ImportReport()
        do {
            let summary = try store.importFriends(mode: mode, now: now) { writer in
                for reader in readers {
                    report.merge(try reader.read(into: writer))
                }
                if strict && !report.isClean { throw Refused(refusal: .strict) }
                if mode == .replace && !allowEmpty && writer.inserted + writer.updated + writer.unchanged == 0 {
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
