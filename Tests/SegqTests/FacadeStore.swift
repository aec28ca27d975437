import Foundation
import Segq
import TestSupport

/// A fresh SQLite store holding the 2,000 sample friends, imported through
/// the facade, and a session on it with `now` fixed.
final class FacadeStore {
    static let now = "2026-11-23T09:00:00Z"
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path

    let folder: ScratchFolder
    var path: String { folder.path("store.sqlite") }

    init() throws {
        folder = try ScratchFolder("facade")
        _ = try StoreImport.run(files: [Self.sample], intoStoreAt: path, strict: false, replace: false)
    }

    /// A new session on the store (as each command-line run makes one).
    func session() throws -> Session {
        Session(loaded: try OpenedStore.load(path: path), fixedNow: RFC3339.parse(Self.now))
    }

    /// A session on the sample friend file loaded into memory.
    static func memorySession() throws -> Session {
        Session(loaded: try OpenedStore.load(path: sample), fixedNow: RFC3339.parse(now))
    }

    func count(_ query: String, in session: Session) throws -> Int {
        let compilation = session.compile(query)
        return try QueryEvaluator(session: session)!.count(compilation)
    }
}
