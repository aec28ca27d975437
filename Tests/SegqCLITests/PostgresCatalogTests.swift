import Foundation
import Testing
import TestSupport
import Segq
import SegqStore

/// Saved segments, tags, proposals, the REPL's catalogue commands and
/// concurrent writers on a PostgreSQL account, through the binary (and the
/// facade for approval, which needs a person at a terminal). Needs the
/// server at `$SEGQ_TEST_POSTGRES`; without it these tests fail.
@Suite(.serialized) struct PostgresCatalogTests {
    /// A fresh account with the 2,000 sample friends.
    struct Account {
        let url: String

        init(_ prefix: String = "cat", importSample: Bool = true) throws {
            url = try PostgresCommandTests.account(prefix + "-" + UUID().uuidString.prefix(8))
            if importSample {
                let imported = try CLIRunner.run(["import", "--store", url, "samples/friends.jsonl"])
                #expect(imported.status == 0, "\(imported.combined)")
            }
        }

        @discardableResult
        func run(_ arguments: [String], stdin: String = "") throws -> CLIRunner.Result {
            let result = try CLIRunner.run(arguments + ["--store", url], stdin: stdin)
            #expect(!result.combined.contains(PostgresCommandTests.secret), "\(result.combined)")
            return result
        }

        func count(_ query: String) throws -> Int {
            Int(try run(["eval", "--now", CatalogCommandTests.now, query]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
    }

    @Test func segmentsDynamicStaticFoldersReferencesAndCycles() throws {
        let account = try Account()
        #expect(try account.run(["segment", "save", "VIPs", "--query", #"tag = "VIP""#]).status == 0)
        let loyal = try account.run(["segment", "save", "Loyal", "--folder", "Core", "--query",
                                     #"segment = "VIPs" and shopify.purchases >= 3"#])
        #expect(loyal.status == 0, "\(loyal.combined)")
        let cycle = try account.run(["segment", "save", "VIPs", "--replace", "--query", #"segment = "Loyal""#])
        #expect(cycle.status == 1)
        #expect(cycle.stderr.contains("not saved: the segment refers to itself"), "\(cycle.combined)")
        #expect(try account.run(["segment", "save", "Snap", "--static", "--query", #"tag = "Kyoto""#]).status == 0)

        let list = try account.run(["segment", "list"]).stdout
        #expect(list.contains("Loyal  Core    dynamic  \(try account.count(#"tag = "VIP" and shopify.purchases >= 3"#))"), "\(list)")
        #expect(list.contains("VIPs           dynamic  240    Loyal"), "\(list)")
        #expect(list.contains("Snap           static   52"), "\(list)")
        let show = try account.run(["segment", "show", "Loyal"]).stdout
        #expect(show.contains("folder:     Core"), "\(show)")
        #expect(try account.count(#"segment = "Loyal""#) == (try account.count(#"tag = "VIP" and shopify.purchases >= 3"#)))

        // A static segment keeps its members when the data changes.
        #expect(try account.run(["tag", "remove", "Kyoto", "--query", #"tag = "Kyoto""#]).status == 0)
        #expect(try account.count(#"segment = "Snap""#) == 52)
        let export = try account.run(["segment", "export", "Snap"])
        #expect(export.stdout.split(separator: "\n").count == 53, "\(export.combined)")

        let refused = try account.run(["segment", "drop", "VIPs"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is used by \"Loyal\""), "\(refused.combined)")
        #expect(try account.run(["segment", "drop", "Loyal"]).status == 0)
        #expect(try account.run(["segment", "drop", "VIPs"]).status == 0)
        #expect(!(try account.run(["segment", "list"]).stdout.contains("VIPs")))
    }

    @Test func tagsUsageRenameRewritesSegmentsDeleteGuardAndFolders() throws {
        let account = try Account()
        #expect(try account.run(["segment", "save", "VIPs", "--query", #"tag = "VIP" and added >= 2020-01-01"#]).status == 0)
        let added = try account.run(["tag", "add", "Gold", "--query", #"segment = "VIPs" and shopify.purchases >= 3"#])
        #expect(added.status == 0, "\(added.combined)")
        let gold = try account.count(#"tag = "Gold""#)
        let expectedGold = try account.count(#"segment = "VIPs" and shopify.purchases >= 3"#)
        #expect(gold == expectedGold && gold > 0)
        #expect(try account.run(["tag", "add", "Gold", "--query", #"tag = "VIP""#]).stdout.contains("\(240 - gold) friends"))
        #expect(try account.run(["tag", "usage", "VIP"]).stdout.contains("VIPs"))

        let renamed = try account.run(["tag", "rename", "VIP", "Very Important"])
        #expect(renamed.status == 0, "\(renamed.combined)")
        #expect(renamed.stdout.contains("rewrote segment VIPs"), "\(renamed.combined)")
        #expect(try account.run(["segment", "show", "VIPs"]).stdout.contains(#"tag = "Very Important""#))
        #expect(try account.count(#"tag = "VIP""#) == 0)
        #expect(try account.count(#"segment = "VIPs""#) == (try account.count(#"tag = "Very Important" and added >= 2020-01-01"#)))

        let guarded = try account.run(["tag", "delete", "Very Important"])
        #expect(guarded.status == 1)
        #expect(guarded.stderr.contains("is used by segment \"VIPs\""), "\(guarded.combined)")
        #expect(try account.run(["tag", "folder", "Gold", "Metals"]).status == 0)
        let list = try account.run(["tag", "list"]).stdout
        #expect(list.contains("Gold                Metals  240"), "\(list)")
        #expect(try account.run(["tag", "delete", "Gold"]).status == 0)
        #expect(!(try account.run(["tag", "list"]).stdout.contains("Gold")))
    }

    @Test func proposalsAreRecordedListedApprovedAndCancelled() throws {
        let account = try Account()
        let proposed = try account.run(["propose", "--name", "Kyoto", "--folder", "Places", #"tag = "Kyoto""#, "--by", "agent-7"])
        #expect(proposed.status == 0, "\(proposed.combined)")
        let id = try #require(CatalogCommandTests.json(proposed.stdout)["id"] as? String)
        #expect(try account.run(["segment", "list"]).stdout == "no saved segments\n")
        #expect(try account.run(["proposal", "list"]).stdout.contains(id))
        #expect(try account.run(["proposal", "show", id]).stdout.contains("Proposal \(id) — pending"))
        let tagging = try account.run(["propose", "tag", "add", "Contacted", "--query", #"tag = "Kyoto""#, "--by", "agent-7"])
        let other = try #require(CatalogCommandTests.json(tagging.stdout)["id"] as? String)
        #expect(try account.run(["proposal", "cancel", other, "--note", "not now"]).status == 0)
        #expect(CatalogCommandTests.json(try account.run(["proposal", "show", other, "--json"]).stdout)["status"] as? String
            == "cancelled")

        // Approving needs a person: the facade call a terminal's `y` makes.
        let session = Session(loaded: try OpenedStore.load(path: account.url))
        let record = try ProposalBook(session: session).approve(id: id, by: "Aiko", surface: .terminal)
        #expect(record.decision?.status.rawValue == "approved")
        let shown = try account.run(["segment", "show", "Kyoto"]).stdout
        #expect(shown.contains("folder:     Places"), "\(shown)")
        #expect(shown.contains("approved by Aiko at "), "\(shown)")
        #expect(try account.count(#"tag = "Contacted""#) == 0)
    }

    @Test func accountsSeeNoneOfEachOthersSegmentsTagsOrProposals() throws {
        let first = try Account("iso-a")
        let second = try Account("iso-b")
        #expect(try first.run(["segment", "save", "Mine", "--query", #"tag = "VIP""#]).status == 0)
        #expect(try first.run(["tag", "add", "FirstOnly", "--query", #"tag = "VIP""#]).status == 0)
        #expect(try first.run(["tag", "folder", "VIP", "Private"]).status == 0)
        let proposed = try first.run(["propose", "--name", "Theirs", #"tag = "Kyoto""#, "--by", "agent"])
        let id = try #require(CatalogCommandTests.json(proposed.stdout)["id"] as? String)

        #expect(try second.run(["segment", "list"]).stdout == "no saved segments\n")
        #expect(try second.run(["segment", "show", "Mine"]).status == 1)
        #expect(try second.count(#"segment = "Mine""#) == -1)
        let tags = try second.run(["tag", "list"]).stdout
        #expect(!tags.contains("FirstOnly"), "\(tags)")
        #expect(!tags.contains("Private"), "\(tags)")
        #expect(!(try second.run(["proposal", "list"]).stdout.contains(id)))
        #expect(try second.run(["proposal", "show", id]).status == 1)
        // The same name saved in the second account is its own.
        #expect(try second.run(["segment", "save", "Mine", "--query", #"tag = "Kyoto""#]).status == 0)
        #expect(try first.count(#"segment = "Mine""#) == 240)
        #expect(try second.count(#"segment = "Mine""#) == 52)
    }

    @Test func theREPLSavesImportsListsTagsAndProposals() throws {
        let account = try Account()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pg-repl-\(getpid()).jsonl")
        try Data(#"{"id":"Unew","added_at":"2026-01-01T00:00:00Z","tags":["Newcomer"]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try account.run(["propose", "--name", "P", #"tag = "VIP""#, "--by", "agent-9"]).status == 0)
        let script = """
            tag = "VIP"
            .save "VIP list"
            .import \(file.path)
            segment = "VIP list" or tag = "Newcomer"
            .tags
            .proposals
            .segments
            """
        let run = try account.run([], stdin: script)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.stdout.contains(#"saved segment "VIP list": tag = "VIP""#), "\(run.stdout)")
        #expect(run.stdout.contains("241 friends match · 12.0% of 2,001"), "\(run.stdout)")
        #expect(run.stdout.contains("Newcomer"), "\(run.stdout)")
        #expect(run.stdout.contains("agent-9"), "\(run.stdout)")
        #expect(try account.count(#"segment = "VIP list""#) == 240)
        #expect(try account.count("added >= 2000-01-01") == 2001)
    }

    /// Two processes on one account at once: every save and every tag lands
    /// (the account's row lock serialises the writers; nothing is lost).
    @Test func twoProcessesSavingAndTaggingLoseNothing() throws {
        let account = try Account()
        for round in 0..<3 {
            let results = try ConcurrentWriterTests.concurrently([
                ["segment", "save", "A\(round)", "--query", #"tag = "VIP""#, "--store", account.url],
                ["segment", "save", "B\(round)", "--query", #"tag = "Kyoto""#, "--store", account.url],
                ["tag", "add", "T\(round)", "--query", #"tag = "VIP""#, "--store", account.url],
                ["tag", "add", "T\(round)", "--query", #"tag = "Kyoto""#, "--store", account.url],
            ])
            for result in results { #expect(result.status == 0, "\(result.combined)") }
            let names = try account.run(["segment", "list"]).stdout
            #expect(names.contains("A\(round) "), "\(names)")
            #expect(names.contains("B\(round) "), "\(names)")
            #expect(try account.count("tag = \"T\(round)\"") == (try account.count(#"tag = "VIP" or tag = "Kyoto""#)))
        }
    }

    /// A tag added while a replacing import runs tags exactly the friends
    /// its query matches in whichever data it ran on, never a mix.
    @Test func tagAddDuringReplacingImportTagsOnlyMatchingFriends() throws {
        let account = try Account()
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("segq-pg-other-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(try CLIRunner.run(["generate", "2000", "--seed", "99", "--output", other]).status == 0)
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path
        for round in 0..<3 {
            let results = try ConcurrentWriterTests.concurrently([
                ["import", "--store", account.url, "--replace", round % 2 == 0 ? other : sample],
                ["tag", "add", "Marked\(round)", "--query", #"tag = "VIP""#, "--store", account.url],
            ], stagger: 0.05)
            for result in results { #expect(result.status == 0, "\(result.combined)") }
            let marked = try account.count("tag = \"Marked\(round)\"")
            let markedVIPs = try account.count("tag = \"Marked\(round)\" and tag = \"VIP\"")
            #expect(marked == 0 || marked == markedVIPs)
            #expect(try account.count("tag = \"Marked\(round)\" and not tag = \"VIP\"") == 0)
        }
    }

    /// A re-import of the same file while a tag is added and a segment
    /// saved: the segment is kept, and the tag either lands after the
    /// import, or lands first and the import rewrites the tagged friends
    /// to their records, counting each one updated. Nothing changes
    /// without the import's report saying so.
    @Test func reimportDuringTagAddAndSaveReportsEveryFriendItRewrote() throws {
        let account = try Account()
        let vips = try account.count(#"tag = "VIP""#)
        // Whether the VIPs hold a tag added since their records were imported.
        var tagged = false
        for round in 0..<3 {
            let results = try ConcurrentWriterTests.concurrently([
                ["import", "--store", account.url, "samples/friends.jsonl"],
                ["tag", "add", "Seen\(round)", "--query", #"tag = "VIP""#, "--store", account.url],
                ["segment", "save", "S\(round)", "--query", #"tag = "VIP""#, "--store", account.url],
            ], stagger: 0.02)
            for result in results { #expect(result.status == 0, "\(result.combined)") }
            let report = results[0].combined
            let seen = try account.count("tag = \"Seen\(round)\"")
            #expect(seen == 0 || seen == vips, "\(seen) of \(vips)")
            // Tagged before the import: rewritten; tagged after: rewritten only if an earlier tag was still there.
            let rewritten = seen == 0 || tagged ? vips : 0
            #expect(report.contains(": 0 new, \(rewritten) updated, \(2000 - rewritten) unchanged"), "\(report)")
            tagged = seen == vips
            #expect(try account.run(["segment", "list"]).stdout.contains("S\(round) "))
        }
    }
}
