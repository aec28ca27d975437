import Foundation
import Testing
import Segq
import TestSupport

/// `segq mcp` driven by an MCP client over a real pipe: every tool, a bad
/// query corrected from its diagnostics, elicitation accepted and
/// declined, and stale proposals refused.
@Suite(.serialized) struct MCPServerTests {
    static let readOnlyTools = ["describe_store", "suggest_values", "check_query", "preview_query", "explain_query",
                                "proposal_status"]

    /// Each tool takes exactly the arguments its input schema lists: any
    /// other is refused, naming the ones it takes.
    @Test func eachToolRefusesArgumentsItsSchemaDoesNotList() throws {
        let store = try SampleDatabase("mcp")
        let client = try MCPTestClient(store: store.path, elicitation: false)
        let tools = try client.request("tools/list")["tools"] as? [[String: Any]] ?? []
        #expect(tools.count == 8)
        for tool in tools {
            let name = tool["name"] as? String ?? ""
            let schema = tool["inputSchema"] as? [String: Any] ?? [:]
            let listed = ((schema["properties"] as? [String: Any]) ?? [:]).keys.sorted()
            let refused = try client.call(name, ["bogus": 1])
            #expect(refused.isError, "\(name)")
            #expect(refused.structured["error"] as? String == "unknown argument(s) `bogus`; this tool takes "
                        + listed.map { "`\($0)`" }.joined(separator: ", "), "\(name): \(refused.structured)")
        }
    }

    @Test func everyToolAnswersWithSchemasAndStructuredContent() throws {
        let store = try SampleDatabase("mcp")
        let client = try MCPTestClient(store: store.path, elicitation: false)
        let tools = try client.request("tools/list")["tools"] as? [[String: Any]] ?? []
        #expect(tools.map { $0["name"] as? String ?? "" }.sorted() == (Self.readOnlyTools + ["propose_segment",
                                                                                              "propose_tag_change"]).sorted())
        for tool in tools {
            let name = tool["name"] as? String ?? ""
            #expect((tool["inputSchema"] as? [String: Any])?["type"] as? String == "object", "\(name)")
            #expect((tool["outputSchema"] as? [String: Any])?["type"] as? String == "object", "\(name)")
            let hints = tool["annotations"] as? [String: Any] ?? [:]
            #expect(hints["readOnlyHint"] as? Bool == Self.readOnlyTools.contains(name), "\(name)")
        }

        let description = try client.call("describe_store")
        #expect(!description.isError)
        #expect(description.structured["friends"] as? Int == 2000)
        #expect(description.structured["time_zone"] as? String == "UTC")
        let tags = description.structured["tags"] as? [[String: Any]] ?? []
        #expect(tags.first { $0["name"] as? String == "VIP" }?["friends"] as? Int == (try store.count("tag = \"VIP\"")))
        #expect(description.text.contains("fields:"))

        let values = try client.call("suggest_values", ["field": "tag", "prefix": "v", "limit": 5])
        let suggested = values.structured["values"] as? [[String: Any]] ?? []
        #expect(suggested.contains { $0["value"] as? String == "VIP" && $0["friends"] as? Int == tags.first { $0["name"] as? String == "VIP" }?["friends"] as? Int })
        #expect(try client.call("suggest_values", ["field": "tga"]).text.contains("did you mean `tag`?"))

        let query = "tag = \"VIP\" and shopify.purchases >= 3"
        let check = try client.call("check_query", ["query": query])
        #expect(!check.isError)
        #expect(check.structured["normalized"] as? String == query)
        #expect(check.structured["summary"] as? String != nil)

        let preview = try client.call("preview_query", ["query": query])
        #expect(preview.structured["count"] as? Int == (try store.count(query)))
        #expect(preview.structured["total_friends"] as? Int == 2000)
        #expect((preview.structured["friends"] as? [Any])?.count == 10)
        #expect(preview.structured["time_zone"] as? String == "UTC")
        #expect(preview.structured["now"] as? String != nil)

        let explain = try client.call("explain_query", ["query": query])
        #expect((explain.structured["plan"] as? String)?.contains("QUERY PLAN") == true)

        let proposed = try client.call("propose_segment", ["name": "VIP buyers", "query": query, "folder": "Campaigns"])
        #expect(!proposed.isError, "\(proposed.text)")
        let id = try #require(proposed.structured["id"] as? String)
        #expect(proposed.structured["status"] as? String == "pending")
        #expect(proposed.structured["proposed_by"] as? String == "test-host")
        #expect(proposed.structured["count"] as? Int == (try store.count(query)))

        let tagged = try client.call("propose_tag_change", ["action": "add", "tag": "Contacted", "query": query])
        #expect(tagged.structured["status"] as? String == "pending")
        #expect((tagged.structured["diff"] as? [String: Any])?["entering_count"] as? Int == (try store.count(query)))

        let status = try client.call("proposal_status", ["id": id])
        #expect(status.structured["status"] as? String == "pending")
        #expect(try client.call("proposal_status", ["id": "zzzzzz"]).isError)

        let resource = try client.request("resources/read", ["uri": "segq://grammar"])
        let text = (resource["contents"] as? [[String: Any]])?.first?["text"] as? String ?? ""
        #expect(text.hasPrefix("# The segq query language"))
        let prompt = try client.request("prompts/get", ["name": "propose_audience", "arguments": ["goal": "a comeback campaign"]])
        let message = ((prompt["messages"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["text"] as? String ?? ""
        #expect(message.contains("check_query") && message.contains("propose_segment"))
        #expect(client.close() == 0)

        // Nothing was saved or tagged: both wait for a person.
        #expect(try store.segq(["segment", "list"]).stdout == "no saved segments\n")
        #expect(try store.count("tag = \"Contacted\"") == 0)
    }

    @Test func aBadQueryIsCorrectedFromItsDiagnostics() throws {
        let store = try SampleDatabase("mcp")
        let client = try MCPTestClient(store: store.path, elicitation: false)
        var query = "(tag = \"vip\" and shopfy.purchases >= 3) or hubspot.stage = \"Customer\""
        let first = try client.call("check_query", ["query": query])
        #expect(first.isError)
        let diagnostics = first.structured["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["code"] as? String == "E0102" })
        // Apply every suggested replacement, last first, on the UTF-8 bytes.
        var bytes = Array(query.utf8)
        let fixes = diagnostics.compactMap { $0["suggestion"] as? [String: Any] }
            .compactMap { s -> (Int, Int, String)? in
                guard let r = s["replacement"] as? String, let o = s["offset"] as? Int, let l = s["length"] as? Int else { return nil }
                return (o, l, r)
            }
            .sorted { $0.0 > $1.0 }
        #expect(!fixes.isEmpty)
        for (offset, length, replacement) in fixes {
            bytes.replaceSubrange(offset..<(offset + length), with: Array(replacement.utf8))
        }
        query = String(decoding: bytes, as: UTF8.self)
        let second = try client.call("check_query", ["query": query])
        #expect(!second.isError, "\(query): \(second.text)")
        #expect((second.structured["normalized"] as? String)?.contains("shopify.purchases >= 3") == true)
        // preview and propose refuse the bad query the same way.
        #expect(try client.call("preview_query", ["query": "shopfy.linked"]).isError)
        let refused = try client.call("propose_segment", ["name": "Bad", "query": "shopfy.linked"])
        #expect(refused.isError)
        #expect((refused.structured["diagnostics"] as? [Any])?.isEmpty == false)
        _ = client.close()
    }

    @Test func elicitationAcceptedApprovesAsThatPerson() throws {
        let store = try SampleDatabase("mcp")
        let client = try MCPTestClient(store: store.path, elicitation: true, clientName: "Claude Desktop")
        client.answerElicitation = { _ in ["action": "accept", "content": ["approver": "Aiko Tanaka"]] }
        let result = try client.call("propose_segment", ["name": "Kyoto", "query": "tag = \"Kyoto\""])
        #expect(!result.isError, "\(result.text)")
        #expect(result.structured["status"] as? String == "approved")
        let decision = result.structured["decision"] as? [String: Any] ?? [:]
        #expect(decision["by"] as? String == "Aiko Tanaka")
        #expect(decision["surface"] as? String == "mcp")
        let asked = try #require(client.elicitations.first)
        let message = asked["message"] as? String ?? ""
        #expect(message.contains("save segment \"Kyoto\""))
        #expect(message.contains("Friends who have the tag \"Kyoto\"."))
        #expect(message.contains("proposed 52 of 2,000"))
        #expect(((asked["requestedSchema"] as? [String: Any])?["properties"] as? [String: Any])?["approver"] != nil)
        _ = client.close()

        let shown = try store.segq(["segment", "show", "Kyoto"])
        #expect(shown.stdout.contains("provenance: proposed by Claude Desktop at "))
        #expect(shown.stdout.contains("approved by Aiko Tanaka at "))
        #expect(shown.stdout.contains("in an MCP client"))
    }

    @Test func elicitationDeclinedCancelsAndDismissedWaits() throws {
        let store = try SampleDatabase("mcp")
        let client = try MCPTestClient(store: store.path, elicitation: true)
        client.answerElicitation = { _ in ["action": "decline"] }
        let declined = try client.call("propose_tag_change", ["action": "add", "tag": "Contacted", "query": "tag = \"Kyoto\""])
        #expect(declined.structured["status"] as? String == "cancelled")
        #expect((declined.structured["decision"] as? [String: Any])?["surface"] as? String == "mcp")
        client.answerElicitation = { _ in ["action": "cancel"] }
        let dismissed = try client.call("propose_segment", ["name": "Kyoto", "query": "tag = \"Kyoto\""])
        #expect(dismissed.structured["status"] as? String == "pending")
        client.answerElicitation = { _ in nil }
        let unanswered = try client.call("propose_segment", ["name": "Osaka", "query": "tag = \"大阪\""])
        #expect(unanswered.structured["status"] as? String == "pending")
        _ = client.close()
        #expect(try store.count("tag = \"Contacted\"") == 0)
        #expect(try store.segq(["segment", "list"]).stdout == "no saved segments\n")
    }

    @Test func aStaleProposalIsRefused() throws {
        let store = try SampleDatabase("mcp")
        try store.segq(["segment", "save", "Base", "--query", "tag = \"VIP\""])
        let client = try MCPTestClient(store: store.path, elicitation: false)
        let proposed = try client.call("propose_segment", ["name": "Linked base", "query": "segment = \"Base\" and shopify.linked"])
        let id = try #require(proposed.structured["id"] as? String)
        // A person redefines the referenced segment meanwhile.
        try store.segq(["segment", "save", "Base", "--replace", "--query", "tag = \"Wholesale\""])
        let status = try client.call("proposal_status", ["id": id])
        #expect(status.structured["status"] as? String == "stale")
        #expect(status.structured["stale_reasons"] as? [String] == ["referenced segment \"Base\" was redefined"])
        // A segment saved by another process meanwhile is known to the running server.
        try store.segq(["segment", "save", "Fresh", "--query", "tag = \"Kyoto\""])
        #expect(!(try client.call("check_query", ["query": "segment = \"Fresh\""])).isError)
        _ = client.close()

        let session = Session(loaded: try OpenedStore.load(path: store.path))
        let error = try #require(throws: CatalogError.self) {
            try ProposalBook(session: session).approve(id: id, by: "aiko", surface: .terminal)
        }
        #expect(error.message.contains("referenced segment \"Base\" was redefined"))
        #expect(try store.segq(["segment", "show", "Linked base"]).status == 1)
    }
}
