import Foundation
import Testing
import TestSupport

/// `segq store rebuild-bitmaps`: rebuilds a PostgreSQL account's row
/// bitmaps and says what they were; refuses a store that has none.
@Suite struct PostgresRebuildBitmapsTests {
    @Test func rebuildingSaysWhatTheBitmapsWereAndWhatItWrote() throws {
        let store = try PostgresCommandTests.account("cli-rebuild-" + UUID().uuidString.prefix(8))
        #expect(try CLIRunner.run(["import", "--store", store, "samples/friends.jsonl"]).status == 0)
        let rebuilt = try CLIRunner.run(["store", "rebuild-bitmaps", "--store", store])
        #expect(rebuilt.status == 0, "\(rebuilt.combined)")
        #expect(rebuilt.stdout.contains("rebuilt the row bitmaps of account cli-rebuild-"), "\(rebuilt.combined)")
        #expect(rebuilt.stdout.contains("of 2000 bits"), "\(rebuilt.combined)")
        #expect(rebuilt.stdout.contains("they were fresh"), "\(rebuilt.combined)")
        #expect(!rebuilt.combined.contains(PostgresCommandTests.secret))
        let query = "name contains \"ki\" or klaviyo.orders > 3"
        let onPostgres = try CLIRunner.run(["eval", "--store", store, query])
        let onFile = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", query])
        #expect(onPostgres.stdout == onFile.stdout, "\(onPostgres.combined)")
    }

    @Test func aStoreWithoutBitmapsIsRefused() throws {
        let refused = try CLIRunner.run(["store", "rebuild-bitmaps", "--store", "samples/friends.jsonl"])
        #expect(refused.status == 2, "\(refused.combined)")
        #expect(refused.stderr.contains("not a PostgreSQL account"), "\(refused.combined)")
    }

    @Test func theReportNamesTheStoreFirstAndComesAsJSON() throws {
        let store = try PostgresCommandTests.account("cli-rebuild-json-" + UUID().uuidString.prefix(8))
        #expect(try CLIRunner.run(["import", "--store", store, "samples/friends.jsonl"]).status == 0)
        let text = try CLIRunner.run(["store", "rebuild-bitmaps", "--store", store])
        #expect(text.status == 0, "\(text.combined)")
        #expect(text.stderr.hasPrefix("store: postgresql://"), "\(text.combined)")
        #expect(text.stderr.contains("(2,000 friends, zone UTC)"), "\(text.combined)")
        let result = try CLIRunner.run(["store", "rebuild-bitmaps", "--json", "--store", store])
        let json = try JSONOutputSchemaTests.expectConforms(result, to: "rebuild-bitmaps.schema.json")
        #expect(JSONOutputSchemaTests.member(json, "rows") == .integer(2000))
        #expect(JSONOutputSchemaTests.member(json, "before") == .string("fresh"))
        #expect(JSONOutputSchemaTests.member(JSONOutputSchemaTests.member(json, "store") ?? .null, "friends") == .integer(2000))
        guard case .integer(let bitmaps)? = JSONOutputSchemaTests.member(json, "value_bitmaps") else {
            Issue.record("no value_bitmaps: \(result.stdout)")
            return
        }
        #expect(bitmaps > 0)
        #expect(!result.combined.contains(PostgresCommandTests.secret))
        let refused = try CLIRunner.run(["store", "rebuild-bitmaps", "--json", "--store", "samples/friends.jsonl"])
        #expect(refused.status == 2 && refused.stdout.isEmpty, "\(refused.combined)")
    }
}
