import Foundation
import Testing
@testable import SegqPostgresStore

/// Versioned migrations: a new database gets every migration once, even
/// when many processes open it at the same moment.
@Suite struct PostgresMigrationTests {
    @Test func concurrentOpensMigrateOnce() throws {
        let database = try TestServer.freshDatabase()
        defer { database.drop() }
        let sessions = 8
        let errors = ErrorLog()
        // Each opener is its own server session, as separate processes would be.
        DispatchQueue.concurrentPerform(iterations: sessions) { i in
            do {
                _ = try PostgresStore.openOrCreate(database.url(account: "account-\(i % 2)"))
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        let db = try PostgresConnection(PostgresLocation(database.url(account: "check")))
        let versions = try db.query("SELECT version FROM segq.schema_versions ORDER BY version")
        #expect((0..<versions.count).map { Int(versions.int64($0, 0)) } == PostgresSchema.migrations.map(\.version))
        let accounts = try db.query("SELECT name FROM segq.accounts ORDER BY name")
        #expect((0..<accounts.count).map { accounts.string($0, 0) } == ["account-0", "account-1"])
    }

    @Test func aNewerSchemaIsRefused() throws {
        let database = try TestServer.freshDatabase()
        defer { database.drop() }
        _ = try PostgresStore.openOrCreate(database.url(account: "a"))
        let db = try PostgresConnection(PostgresLocation(database.url(account: "a")))
        try db.execute("INSERT INTO segq.schema_versions(version, summary) VALUES (\(PostgresSchema.version + 1), 'future')")
        let error = #expect(throws: PostgresError.self) { _ = try PostgresStore.open(database.url(account: "a")) }
        #expect(error?.description.contains("newer segq") == true)
    }

    @Test func everyTableCarriesTheAccount() throws {
        let database = try TestServer.sharedDatabase()
        _ = try PostgresStore.openOrCreate(database.url(account: TestServer.freshAccount()))
        let db = try PostgresConnection(PostgresLocation(database.url(account: "check")))
        let tables = try db.query("""
            SELECT t.table_name FROM information_schema.tables t
            WHERE t.table_schema = 'segq' AND t.table_name <> 'schema_versions'
              AND NOT EXISTS (SELECT 1 FROM information_schema.key_column_usage k
                              JOIN information_schema.table_constraints c USING (constraint_schema, constraint_name)
                              WHERE c.constraint_type = 'PRIMARY KEY' AND k.table_schema = 'segq'
                                AND k.table_name = t.table_name AND k.column_name = 'account' AND k.ordinal_position = 1)
            """)
        #expect(tables.count == 0, "tables without the account first in their primary key: \((0..<tables.count).map { tables.string($0, 0) })")
        let all = try db.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'segq'")
        #expect(all.int64(0, 0) >= 9)
    }
}

/// Messages gathered from several threads.
final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
