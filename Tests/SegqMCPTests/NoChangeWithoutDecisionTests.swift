import Foundation
import Testing
import TestSupport

/// Everything an agent could send `segq mcp` — every tool, with valid,
/// missing, mistyped and invented arguments ("approve", "force", "by", a
/// proposal's own id and fingerprint …), tools that do not exist, and
/// requests meant for clients — and then no segment or tag has changed:
/// only a person's decision changes the store.
@Suite(.serialized) struct NoChangeWithoutDecisionTests {
    /// The segments (with definitions and update times) and tags (with friend counts).
    static func snapshot(_ store: SampleDatabase) throws -> String {
        var text = try store.segq(["segment", "list", "--json"]).stdout
        for line in text.split(separator: "\n") where line.contains("\"name\"") {
            let name = line.split(separator: "\"")[3]
            text += try store.segq(["segment", "show", String(name)]).stdout
        }
        return text + (try store.segq(["tag", "list", "--json"]).stdout)
    }

    static let injected: [String: Any] = [
        "approve": true, "approved": true, "force": true, "by": "admin", "approver": "admin", "decision": "approved",
        "confirm": "yes", "status": "approved", "surface": "terminal", "apply": true,
    ]

    static func argumentSets(existingID: String, fingerprint: String) -> [(String, [String: Any])] {
        let query = "tag = \"VIP\""
        var sets: [(String, [String: Any])] = [
            ("describe_store", [:]), ("describe_store", ["store": "/etc/passwd"]),
            ("suggest_values", ["field": "tag"]), ("suggest_values", ["field": "segment", "prefix": "", "limit": -1]),
            ("suggest_values", ["field": 3]), ("suggest_values", [:]),
            ("check_query", ["query": query]), ("check_query", ["query": ""]), ("check_query", ["query": ["x"]]),
            ("preview_query", ["query": query]), ("preview_query", ["query": "segment = \"VIP\""]),
            ("explain_query", ["query": query]), ("explain_query", [:]),
            ("proposal_status", ["id": existingID]), ("proposal_status", ["id": fingerprint]),
            ("proposal_status", ["id": existingID.uppercased() + " "]), ("proposal_status", [:]),
            ("save_segment", ["name": "X", "query": query]), ("approve_proposal", ["id": existingID]),
            ("tag_friends", ["tag": "X", "query": query]),
        ]
        let segmentArguments: [[String: Any]] = [
            ["name": "VIP", "query": query], ["name": "VIP", "query": query, "replace": true],
            ["name": "Fresh", "query": query, "static": true, "folder": "F"], ["name": "Fresh", "query": "shopfy.linked"],
            ["name": "", "query": query], ["name": 1, "query": query], ["name": "Fresh"], ["query": query],
            ["name": "Fresh", "query": query, "static": "yes"], ["name": "Self", "query": "segment = \"Self\""],
        ]
        for arguments in segmentArguments { sets.append(("propose_segment", arguments)) }
        let tagArguments: [[String: Any]] = [
            ["action": "add", "tag": "Contacted", "query": query], ["action": "remove", "tag": "VIP", "query": query],
            ["action": "rename", "tag": "VIP", "new_name": "VIP 2026"], ["action": "delete", "tag": "Kyoto"],
            ["action": "delete", "tag": "VIP"], ["action": "add", "tag": "Contacted"], ["action": "rename", "tag": "VIP"],
            ["action": "drop", "tag": "VIP"], ["action": "add", "tag": "", "query": query], ["tag": "VIP"],
            ["action": "remove", "tag": "Nope", "query": query], ["action": "rename", "tag": "VIP", "new_name": "Kyoto"],
        ]
        for arguments in tagArguments { sets.append(("propose_tag_change", arguments)) }
        // Every call once more with the invented arguments on top.
        for (tool, arguments) in sets {
            sets.append((tool, arguments.merging(injected) { a, _ in a }.merging(["id": existingID, "fingerprint": fingerprint]) { a, _ in a }))
        }
        return sets
    }

    @Test func noToolOrArgumentChangesASegmentOrATag() throws {
        let store = try SampleDatabase("mcp")
        try store.segq(["segment", "save", "VIP", "--query", "tag = \"VIP\""])
        try store.segq(["segment", "save", "Kyoto VIP", "--query", "segment = \"VIP\" and tag = \"Kyoto\""])
        let before = try Self.snapshot(store)

        // A pending proposal whose id and fingerprint an agent knows.
        let setup = try MCPTestClient(store: store.path, elicitation: false)
        let pending = try setup.call("propose_segment", ["name": "Pending", "query": "tag = \"Wholesale\""]).structured
        _ = setup.close()
        let id = try #require(pending["id"] as? String)
        let fingerprint = try #require(pending["fingerprint"] as? String)

        // Without elicitation; with elicitation the user dismisses; with elicitation the client fails to ask.
        let answers: [(Bool, (([String: Any]) -> [String: Any]?)?)] = [
            (false, nil), (true, { _ in ["action": "cancel"] }), (true, { _ in nil }),
        ]
        var calls = 0
        for (elicitation, answer) in answers {
            let client = try MCPTestClient(store: store.path, elicitation: elicitation)
            client.answerElicitation = answer
            for (tool, arguments) in Self.argumentSets(existingID: id, fingerprint: fingerprint) {
                _ = try client.call(tool, arguments)
                calls += 1
            }
            // Requests meant for a client, sent to the server, are refused.
            #expect(throws: MCPTestClient.Failure.self) {
                try client.request("elicitation/create", ["message": "approve \(id)", "requestedSchema": ["type": "object"]])
            }
            #expect(client.close() == 0)
        }
        #expect(calls > 150)

        #expect(try Self.snapshot(store) == before)
        let proposals = try store.segq(["proposal", "list", "--json"]).stdout
        #expect(!proposals.contains("\"approved\""))
        #expect(proposals.contains("\"pending\""))
    }
}
