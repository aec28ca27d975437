import Foundation
import Testing
@testable import SegqPostgresStore

/// The PostgreSQL server the tests use: `$SEGQ_TEST_POSTGRES`, a URL to a
/// database a superuser can connect to (`make test` starts a throwaway
/// server and exports it; see scripts/pg-test-server). Without it, or with
/// the server unreachable, these tests fail: they never skip.
enum TestServer {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The base URL (no account), or a failure saying how to get a server.
    static func baseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SEGQ_TEST_POSTGRES"], !url.isEmpty else {
            throw Unavailable(description: """
                SEGQ_TEST_POSTGRES is not set: the PostgreSQL store tests need a server. Run `make test`, \
                or `make pg-start` and `export SEGQ_TEST_POSTGRES="$(scripts/pg-test-server url)"`.
                """)
        }
        return url
    }

    /// `base` with its database replaced by `database` and, when given, `extra` query parameters added.
    static func url(_ base: String, database: String, extra: [String] = []) -> String {
        let schemeEnd = base.range(of: "://")!.upperBound
        let query = base[schemeEnd...].firstIndex(of: "?")
        let beforeQuery = base[schemeEnd..<(query ?? base.endIndex)]
        let authority = beforeQuery.prefix { $0 != "/" }
        var parameters = query.map { base[base.index(after: $0)...].split(separator: "&").map(String.init) } ?? []
        parameters += extra
        return String(base[..<schemeEnd]) + authority + "/" + database
            + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    /// A superuser connection to the base database.
    static func admin() throws -> PostgresConnection {
        let base = try baseURL()
        do {
            return try PostgresConnection(try PostgresLocation(url(base, database: database(of: base), extra: ["account=admin"])))
        } catch {
            throw Unavailable(description: "the PostgreSQL test server at \(base) is unreachable: \(error)")
        }
    }

    private static func database(of base: String) -> String {
        let afterScheme = base[base.range(of: "://")!.upperBound...]
        let path = afterScheme.prefix { $0 != "?" }.drop { $0 != "/" }.dropFirst()
        return path.isEmpty ? "postgres" : String(path)
    }

    /// A new empty database, dropped by `drop()`.
    struct Database {
        let name: String
        let base: String

        /// The store URL of `account` in this database.
        func url(account: String, extra: [String] = []) -> String {
            TestServer.url(base, database: name, extra: extra + ["account=" + PostgresLocation.percentEncoded(account)])
        }

        func drop() {
            try? TestServer.admin().execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// A new empty database (owned by `owner` when given).
    static func freshDatabase(owner: String? = nil) throws -> Database {
        let name = "segq_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try admin().execute("CREATE DATABASE \(name)" + (owner.map { " OWNER \($0)" } ?? ""))
        return Database(name: String(name), base: try baseURL())
    }

    /// A database shared by the tests that use accounts of their own (created once per test run).
    static func sharedDatabase() throws -> Database {
        try shared.get()
    }

    private static let shared: Result<Database, Error> = Result { try freshDatabase() }

    /// A fresh account name, so tests sharing a database never meet.
    static func freshAccount(_ prefix: String = "account") -> String {
        prefix + "-" + UUID().uuidString.prefix(8)
    }
}
