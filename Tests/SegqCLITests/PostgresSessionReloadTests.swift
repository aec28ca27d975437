import Foundation
import Testing
import TestSupport
import Segq

/// A session on a PostgreSQL account (the REPL's, `segq mcp`'s) notices
/// what other processes commit to the account and reads it again before
/// its next query, as a session on a SQLite file does; its own writes do
/// not count as changes. Needs the server at `$SEGQ_TEST_POSTGRES`.
@Suite(.serialized) struct PostgresSessionReloadTests {
    @Test func aSessionReloadsAfterAnotherProcessImportsOrTags() throws {
        let account = try PostgresCatalogTests.Account("reload")
        let session = Session(loaded: try OpenedStore.load(path: account.url))
        #expect(try session.reloadIfChangedOnDisk() == nil)

        let extra = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pg-reload-\(getpid()).jsonl")
        try #"{"id":"Uextra","added_at":"2026-01-01T00:00:00Z","tags":["Later"]}"#.write(to: extra, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: extra) }
        #expect(try account.run(["import", extra.path]).status == 0)

        let reload = try #require(try session.reloadIfChangedOnDisk())
        #expect(reload.friends == 2001)
        #expect(reload.origin == "on the server")
        #expect(!reload.path.contains(PostgresCommandTests.secret))
        #expect(try session.reloadIfChangedOnDisk() == nil, "reloaded twice for one change")
        // The reloaded schema and values know the imported tag.
        #expect(session.compile(#"tag = "Later""#).ok)

        #expect(try account.run(["tag", "add", "Seen", "--query", #"tag = "Later""#]).status == 0)
        #expect(try session.reloadIfChangedOnDisk()?.friends == 2001)

        // The session's own import is not another process's change.
        _ = try StoreImport.run(files: [extra.path], into: session)
        #expect(try session.reloadIfChangedOnDisk() == nil)
    }
}
