import Foundation
import Testing
import TestSupport

/// Without `--store` or `$SEGQ_STORE`, `check` and `normalize` use the
/// built-in schema and the commands that need friends the bundled sample;
/// each names what it used: a header line on standard error, or a `store` /
/// `schema` member in its JSON (the catalogue commands too).
struct StoreDefaultTests {
    @Test func checkWithoutAStoreUsesTheBuiltInSchema() throws {
        // The sample has no `lifecycle_stage` property: only the built-in schema accepts it.
        let result = try CLIRunner.run(["check", #"hubspot.lifecycle_stage = "Customer""#])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stderr.hasPrefix("schema: built-in (no store)\n"), "\(result.stderr)")
        #expect(result.stderr.contains("W0101"), "the untyped-property warning: \(result.stderr)")
        #expect(result.stdout == "ok (1 warning)\n")
    }

    @Test func normalizeJSONSaysTheSchema() throws {
        let result = try CLIRunner.run(["normalize", "--json", #"tag = "VIP""#])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.hasPrefix("{\n  \"schema\": \"built-in\",\n  \"ok\": true"), "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    @Test func aNamedStoreIsShownWithItsCountAndZone() throws {
        let result = try CLIRunner.run(["check", "--store", "samples/friends.jsonl", #"tag = "東京""#])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stderr.hasPrefix("store: samples/friends.jsonl (2,000 friends, zone UTC)\n"), "\(result.stderr)")
    }

    @Test func storeFromTheEnvironmentIsUsedAndShownInJSON() throws {
        let result = try CLIRunner.run(["check", "--json", #"tag = "東京""#],
                                       environment: ["SEGQ_STORE": "samples/friends.jsonl"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains(#""path": "samples/friends.jsonl""#), "\(result.stdout)")
        #expect(result.stdout.contains(#""friends": 2000"#))
        #expect(result.stdout.contains(#""kind": "memory""#))
    }

    @Test func evalKeepsTheBundledSampleAndSaysSo() throws {
        let result = try CLIRunner.run(["eval", "--now", "2026-11-23T09:00:00Z", #"tag = "VIP""#])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout == "240\n", "standard output stays the count alone: \(result.stdout)")
        #expect(result.stderr == "store: samples/friends.jsonl (2,000 friends, zone UTC)\n", "\(result.stderr)")
    }

    @Test func whyJSONNamesTheStore() throws {
        let id = "U204c1d4507e975ce8ea72580e25f52b2"
        let result = try CLIRunner.run(["why", "--json", "--store", "samples/friends.jsonl", id, #"tag = "東京""#])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.hasPrefix("{\n  \"store\": {\n    \"path\": \"samples/friends.jsonl\""), "\(result.stdout)")
    }

    @Test func catalogueCommandsNameTheirStoreLikeEval() throws {
        let store = try CatalogCommandTests.storeWithKyotoSegments()
        let header = "store: \(store.path) (2,000 friends, zone UTC)\n"
        let commands: [[String]] = [["segment", "list"], ["segment", "show", "Kyoto"], ["segment", "move", "Kyoto VIP", "--folder", "Places"],
                                    ["tag", "list"], ["tag", "usage", "Kyoto"], ["tag", "folder", "Kyoto", "Places"], ["proposal", "list"]]
        for arguments in commands {
            let result = try store.segq(arguments)
            #expect(result.status == 0, "\(arguments): \(result.combined)")
            #expect(result.stderr == header, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("store:"), "\(arguments): \(result.stdout)")
        }
        // With --json the object begins with the store instead, and so does what propose prints.
        let json = "{\n  \"store\": {\n    \"path\": \"\(store.path)\",\n    \"kind\": \"sqlite\",\n    \"friends\": 2000"
        for arguments in [["segment", "show", "--json", "Kyoto"], ["tag", "usage", "--json", "Kyoto"], ["propose", #"tag = "VIP""#]] {
            let result = try store.segq(arguments)
            #expect(result.status == 0, "\(arguments): \(result.combined)")
            #expect(result.stdout.hasPrefix(json), "\(arguments): \(result.stdout.prefix(200))")
            #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        }
        // Members for a script naming its store, and a refusal, stay as they were.
        let export = try store.segq(["segment", "export", "Kyoto", "--format", "ids"])
        #expect(export.status == 0 && export.stderr.isEmpty, "\(export.stderr)")
        let refused = try store.segq(["segment", "show", "Nobody"])
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n").count == 1 && !refused.stderr.contains("store:"), "\(refused.stderr)")
    }
}
