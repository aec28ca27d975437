import Foundation

/// Where friends are added during an import, one at a time.
public protocol FriendAdding: AnyObject {
    func add(_ friend: Friend) throws
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
        /// Nil when nothing was written (a strict import with problems).
        public var summary: ImportSummary?
    }

    private struct StrictImportRefused: Error {}

    public static func run<Store: FriendImportTarget>(files: [URL], into store: Store, strict: Bool,
                                                      mode: ImportMode = .upsert) throws -> Outcome {
        let registry = FriendIdRegistry()
        // JSON Lines are parsed on worker threads while this thread writes to the store.
        let readers: [any FriendReader] = try files.map { url in
            if FriendFileFormat(url: url) == .jsonLines { return ParallelJSONLFriendReader(contentsOf: url, ids: registry) }
            return try FriendFileFormat.reader(for: url, ids: registry)
        }
        var report = ImportReport()
        do {
            let summary = try store.importFriends(mode: mode, now: nil) { writer in
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
