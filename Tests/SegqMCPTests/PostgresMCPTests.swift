import Foundation
import Testing
import TestSupport

/// `segq mcp` on a PostgreSQL account, over a pipe: an agent's proposal,
/// approved by the client's user through elicitation, saves the segment
/// in that account. Needs the server at `$SEGQ_TEST_POSTGRES`; fails without it.
@Suite(.serialized) struct PostgresMCPTests {
    @Test func elicitationApprovesASegmentOnAPostgresAccount() throws {
        let base = try #require(ProcessInfo.processInfo.environment["SEGQ_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 },
                                "SEGQ_TEST_POSTGRES is not set: run `make test`, or `make pg-start` and export it")
        let store = base + (base.contains("?") ? "&" : "?") + "account=mcp-" + UUID().uuidString.prefix(8)
        let imported = try CLIRunner.run(["import", "--store", store, "samples/friends.jsonl"])
        #expect(imported.status == 0, "\(imported.combined)")

        let client = try MCPTestClient(store: store, elicitation: true, clientName: "Claude Desktop")
        client.answerElicitation = { _ in ["action": "accept", "content": ["approver": "Aiko Tanaka"]] }
        let counted = try client.call("preview_query", ["query": "tag = \"Kyoto\""])
        #expect(!counted.isError, "\(counted.text)")
        let result = try client.call("propose_segment", ["name": "Kyoto", "query": "tag = \"Kyoto\""])
        #expect(!result.isError, "\(result.text)")
        #expect(result.structured["status"] as? String == "approved")
        #expect((result.structured["decision"] as? [String: Any])?["by"] as? String == "Aiko Tanaka")
        #expect(client.elicitations.first?["message"].map { "\($0)".contains("proposed 52 of 2,000") } == true)
        _ = client.close()

        let shown = try CLIRunner.run(["segment", "show", "Kyoto", "--store", store])
        #expect(shown.status == 0, "\(shown.combined)")
        #expect(shown.stdout.contains("approved by Aiko Tanaka at "), "\(shown.combined)")
        #expect(shown.stdout.contains("in an MCP client"), "\(shown.combined)")
    }
}
