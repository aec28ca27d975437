import Foundation
import Testing
import TestSupport

/// The binary on a PostgreSQL store: import, eval and explain on one
/// account, two accounts apart, and the password never in any output.
/// Needs the server at `$SEGQ_TEST_POSTGRES` (`make test` starts one);
/// without it these tests fail.
@Suite(.serialized) struct PostgresCommandTests {
    static let secret = "pw-Zq81-never-shown"

    /// An account URL on the test server, with a password in it (the
    /// throwaway server trusts its socket, so the password is ignored there).
    static func account(_ name: String) throws -> String {
        let base = try #require(ProcessInfo.processInfo.environment["SEGQ_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 },
                                "SEGQ_TEST_POSTGRES is not set: run `make test`, or `make pg-start` and export it")
        let withPassword = base.replacingOccurrences(of: "://postgres@", with: "://postgres:\(secret)@")
        return withPassword + (withPassword.contains("?") ? "&" : "?") + "account=" + name
    }

    @Test func importEvalAndExplainOnOneAccountNeverShowThePassword() throws {
        let store = try Self.account("cli-" + UUID().uuidString.prefix(8))
        let imported = try CLIRunner.run(["import", "--store", store, "--tz", "Asia/Tokyo", "samples/friends.jsonl"])
        #expect(imported.status == 0, "\(imported.combined)")
        #expect(imported.stdout.contains("2000 new"), "\(imported.combined)")

        let query = "tag = \"vip\" or not shopify.purchases > 2"
        let onPostgres = try CLIRunner.run(["eval", "--store", store, query])
        let onFile = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", query])
        #expect(onPostgres.status == onFile.status)
        #expect(onPostgres.stdout == onFile.stdout, "\(onPostgres.combined)")

        let explained = try CLIRunner.run(["explain", "--store", store, "tag = \"it's 50%_\""])
        #expect(explained.stdout.contains("engine=postgres"), "\(explained.combined)")
        #expect(explained.stdout.contains("-- bound: "), "\(explained.combined)")
        // The value is bound to a placeholder, then listed as bound.
        #expect(explained.stdout.contains("e.value = $"), "\(explained.combined)")
        #expect(explained.stdout.contains("'it''s 50%_'::bytea"), "\(explained.combined)")
        let explainedJSON = try CLIRunner.run(["explain", "--json", "--store", store, "tag = \"it's 50%_\""])
        let plan = try JSONOutputSchemaTests.expectConforms(explainedJSON, to: "explain.schema.json")
        #expect(JSONOutputSchemaTests.member(plan, "engine") == .string("postgres"))
        // The account and the value, each bound to a placeholder.
        guard case .array(let bound)? = JSONOutputSchemaTests.member(plan, "bound") else { Issue.record("no bound values"); return }
        #expect(bound.contains(.string("'it''s 50%_'::bytea")), "\(explainedJSON.stdout)")

        let missing = try CLIRunner.run(["eval", "--store", try Self.account("no-such-account-" + UUID().uuidString.prefix(8)), "tag = \"a\""])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no account"), "\(missing.combined)")

        for result in [imported, onPostgres, explained, explainedJSON, missing] {
            #expect(!result.combined.contains(Self.secret), "\(result.combined)")
        }
    }

    @Test func twoAccountsInOneDatabaseNeverMeet() throws {
        let first = try Self.account("cli-a-" + UUID().uuidString.prefix(8))
        let second = try Self.account("cli-b-" + UUID().uuidString.prefix(8))
        #expect(try CLIRunner.run(["import", "--store", first, "samples/friends.jsonl"]).status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pg-\(getpid()).jsonl")
        try Data(#"{"id":"only","added_at":"2025-01-01T00:00:00Z","tags":["vip"]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try CLIRunner.run(["import", "--store", second, file.path]).status == 0)
        // An OR must not reach the other account's rows.
        let count = try CLIRunner.run(["eval", "--store", second, "tag = \"vip\" or added >= 2000-01-01"])
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(count.combined)")
    }
}
