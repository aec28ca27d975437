import Foundation
import Testing
@testable import SegqPostgresStore

/// Credentials come from the URL, `PGPASSWORD` or a password file, as
/// libpq users expect, and never appear in an error. The test server asks
/// members of `segq_password_login` for a password (scripts/pg-test-server);
/// each test makes such a role with a random password. Serialized: one
/// test sets `PGPASSWORD` for the process.
@Suite(.serialized) struct PostgresCredentialTests {
    /// A login role that must give `password`, with a database of its own;
    /// both dropped by `drop()`.
    struct PasswordRole {
        let name = "segq_pw_" + UUID().uuidString.prefix(8).lowercased()
        let password = "pw-" + UUID().uuidString
        let database: TestServer.Database

        init() throws {
            try TestServer.admin().execute("CREATE ROLE \(name) LOGIN PASSWORD '\(password)' IN ROLE segq_password_login")
            database = try TestServer.freshDatabase(owner: name)
        }

        func drop() {
            database.drop()
            try? TestServer.admin().execute("DROP ROLE IF EXISTS \(name)")
        }

        /// The store URL as this role, with `userinfo` before the "@" and `extra` parameters.
        func url(userinfo: String? = nil, extra: [String] = []) -> String {
            let base = database.url(account: "credentials", extra: extra)
            return base.replacingOccurrences(of: "://postgres@", with: "://\(userinfo ?? name)@")
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let wrong = "wrong-" + UUID().uuidString
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresStore.openOrCreate(role.url(userinfo: "\(role.name):\(wrong)"))
        }
        let text = try #require(error).description
        #expect(text.contains("password authentication failed"), "\(text)")
        #expect(text.contains(role.name))
        #expect(!text.contains(wrong), "\(text)")
        #expect(!text.contains(role.password))
    }

    @Test func theRightPasswordInTheURLConnects() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let store = try PostgresStore.openOrCreate(role.url(userinfo: "\(role.name):\(role.password)"))
        #expect(!store.location.description.contains(role.password))
        #expect(store.location.description.contains(role.name))
    }

    @Test func pgpasswordAndPasswordFilesAreUsed() throws {
        let role = try PasswordRole()
        defer { role.drop() }

        // A password file, named with libpq's `passfile` parameter (as ~/.pgpass would be found).
        let passfile = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pgpass-\(UUID().uuidString)")
        try "*:*:*:\(role.name):\(role.password)\n".write(to: passfile, atomically: true, encoding: .utf8)
        chmod(passfile.path, 0o600)
        defer { try? FileManager.default.removeItem(at: passfile) }
        _ = try PostgresStore.openOrCreate(role.url(extra: ["passfile=" + passfile.path]))

        setenv("PGPASSWORD", role.password, 1)
        defer { unsetenv("PGPASSWORD") }
        _ = try PostgresStore.openOrCreate(role.url())
    }

    @Test func anUnreachableServerIsNamedWithoutThePassword() throws {
        let secret = "never-shown-" + UUID().uuidString
        let url = "postgresql://someone:\(secret)@/segq?host=/nonexistent-socket-folder&account=acme"
        let error = #expect(throws: PostgresError.self) { _ = try PostgresStore.open(url) }
        let text = try #require(error).description
        #expect(text.hasPrefix("cannot connect to postgresql://someone@/segq?host=/nonexistent-socket-folder&account=acme"), "\(text)")
        #expect(!text.contains(secret))
    }
}
