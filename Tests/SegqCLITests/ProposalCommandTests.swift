import Foundation
import Testing
import TestSupport

/// `segq propose --name` and `segq proposal …` from the command line: an
/// agent records; only a person at a terminal approves.
@Suite(.serialized) struct ProposalCommandTests {

    static func propose(_ store: SampleDatabase, _ arguments: [String]) throws -> [String: Any] {
        let run = try store.segq(["propose"] + arguments + ["--by", "agent-7"])
        #expect(run.status == 0, "\(run.combined)")
        return CatalogCommandTests.json(run.stdout)
    }

    @Test func proposingRecordsAPendingProposalAndSavesNothing() throws {
        let store = try CatalogCommandTests.store()
        let proposal = try Self.propose(store, ["--name", "Repeat VIPs", "--folder", "Campaigns",
                                                #"tag = "VIP" and shopify.purchases >= 2"#])
        let id = try #require(proposal["id"] as? String)
        #expect(proposal["status"] as? String == "pending")
        #expect(proposal["proposed_by"] as? String == "agent-7")
        #expect(proposal["folder"] as? String == "Campaigns")
        #expect(proposal["count"] as? Int == (try store.count(#"tag = "VIP" and shopify.purchases >= 2"#)))
        #expect((proposal["sample"] as? [Any])?.count == 10)
        #expect((proposal["fingerprint"] as? String)?.count == 64)
        #expect(try store.segq(["segment", "list"]).stdout == "no saved segments\n")

        let list = try store.segq(["proposal", "list"])
        #expect(list.stdout.contains(id))
        #expect(list.stdout.contains("save segment \"Repeat VIPs\" (dynamic, folder \"Campaigns\")"))
        let show = try store.segq(["proposal", "show", id])
        #expect(show.stdout.contains("Proposal \(id) — pending"))
        #expect(show.stdout.contains("proposed by:  agent-7 at "))
        let json = try store.segq(["proposal", "show", id, "--json"])
        #expect(CatalogCommandTests.json(json.stdout)["id"] as? String == id)
    }

    @Test func approvingWithoutATerminalIsRefused() throws {
        let store = try CatalogCommandTests.store()
        let id = try #require(try Self.propose(store, ["--name", "VIP", #"tag = "VIP""#])["id"] as? String)
        for answer in ["y\n", "yes\n", ""] {
            let run = try store.segq(["proposal", "approve", id], stdin: answer)
            #expect(run.status == 1)
            #expect(run.stderr == "segq: approving needs a person at a terminal\n")
        }
        #expect(try store.segq(["segment", "show", "VIP"]).status == 1)
        let shown = CatalogCommandTests.json(try store.segq(["proposal", "show", id, "--json"]).stdout)
        #expect(shown["status"] as? String == "pending")
    }

    @Test func cancellingRecordsWhoDecided() throws {
        let store = try CatalogCommandTests.store()
        let id = try #require(try Self.propose(store, ["tag", "add", "Contacted", "--query", #"tag = "Kyoto""#])["id"] as? String)
        let run = try store.segq(["proposal", "cancel", id, "--note", "not this week"])
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.stdout.contains("cancelled by \(NSUserName()); nothing changed"))
        let shown = CatalogCommandTests.json(try store.segq(["proposal", "show", id, "--json"]).stdout)
        #expect(shown["status"] as? String == "cancelled")
        let decision = try #require(shown["decision"] as? [String: Any])
        #expect(decision["by"] as? String == NSUserName())
        #expect(decision["surface"] as? String == "terminal")
        #expect(decision["note"] as? String == "not this week")
        #expect(try store.count(#"tag = "Contacted""#) == 0)
        #expect(try store.segq(["proposal", "cancel", id]).status == 1)
    }

    @Test func everyKindOfProposalFromTheCommandLine() throws {
        let store = try CatalogCommandTests.store()
        try store.segq(["segment", "save", "Kyoto", "--query", #"tag = "Kyoto""#])
        let kinds: [([String], String)] = [
            (["tag", "remove", "VIP", "--query", #"tag = "Kyoto""#], "tag.remove"),
            (["tag", "rename", "VIP", "VIP 2026"], "tag.rename"),
            (["tag", "delete", "Wholesale"], "tag.delete"),
            (["segment", "drop", "Kyoto"], "segment.drop"),
            (["--name", "Snap", "--static", #"tag = "Kyoto""#], "segment.save"),
        ]
        for (arguments, kind) in kinds {
            #expect(try Self.propose(store, arguments)["kind"] as? String == kind)
        }
        #expect(try store.segq(["propose", "tag", "add", "X"]).status == 2)   // --query needed
        #expect(try store.segq(["propose", "--static", #"tag = "VIP""#]).status == 2)   // --name needed
        let list = CatalogCommandTests.json("{\"l\":" + (try store.segq(["proposal", "list", "--json"]).stdout) + "}")
        #expect((list["l"] as? [Any])?.count == kinds.count)
        #expect(try store.count(#"segment = "Kyoto""#) == (try store.count(#"tag = "Kyoto""#)))
    }

    @Test func aWrongIdIsRefusedWithoutHints() throws {
        let store = try CatalogCommandTests.store()
        let id = try #require(try Self.propose(store, ["--name", "VIP", #"tag = "VIP""#])["id"] as? String)
        let run = try store.segq(["proposal", "show", "zzzzzz"])
        #expect(run.status == 1)
        #expect(run.stderr == "segq: no proposal with id \"zzzzzz\"\n")
        #expect(!run.combined.contains(id))
    }
}
