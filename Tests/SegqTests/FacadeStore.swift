import Foundation
import Segq
import TestSupport

/// A fresh SQLite store holding the 2,000 sample friends, imported through
/// the facade, and a session on it with `now` fixed.
final class FacadeStore {
    static let now = "2026-11-23T09:00:00Z"
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path

    let directory: URL
    var path: String { directory.appendingPathComponent("store.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-facade-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try StoreImport.run(files: [Self.sample], intoStoreAt: path, strict: false, replace: false)
    }

    /// A new session on the store (as each command-line run makes one).
    func session() throws -> Session {
        Session(store: try OpenedStore.open(path: path), fixedNow: RFC3339.parse(Self.now))
    }

    /// A session on the sample friend file loaded into memory.
    static func memorySession() throws -> Session {
        Session(store: try OpenedStore.open(path: sample), fixedNow: RFC3339.parse(now))
    }

    func count(_ query: String, in session: Session) throws -> Int {
        let compilation = session.compile(query)
        return try QueryEvaluator(session: session)!.count(compilation)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
