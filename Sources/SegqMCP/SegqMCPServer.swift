import Foundation
import MCP
import Segq

/// `segq mcp`: an MCP server (protocol revision 2025-11-25) over standard
/// input and output, built on the MCP Swift SDK. Standard output carries
/// protocol messages only (the SDK's stdio transport logs nothing; segq's
/// own notes go to standard error).
///
/// Tools read the store through the `Segq` facade; the two proposing tools
/// record pending proposals. When the client declares the elicitation
/// capability, proposing asks its user (`elicitation/create`) and records
/// the answer as that person's decision; without it the proposal waits for
/// `segq proposal approve` at a terminal.
public final class SegqMCPServer: @unchecked Sendable {
    let tools: ToolCalls
    let guide: LanguageGuide
    private var clientName = "MCP client"
    private var clientCanElicit = false
    private let lock = NSLock()

    public static let version = SegqVersion.current

    public init(session: Session) {
        tools = ToolCalls(session: session)
        guide = LanguageGuide()
    }

    /// Serves until the client closes standard input.
    public func runUntilClosed() throws {
        let done = DispatchSemaphore(value: 0)
        var failure: Error?
        Task {
            do {
                try await self.serve()
            } catch {
                failure = error
            }
            done.signal()
        }
        done.wait()
        if let failure { throw failure }
    }

    func serve() async throws {
        let server = Server(
            name: "segq", version: Self.version, title: "segq segment queries",
            instructions: """
                Audiences of a LINE Official Account written as segment queries over its friends. \
                Read the language (resource segq://grammar), describe the store, check and preview a \
                query, then propose it: nothing is saved, dropped or retagged until a person approves.
                """,
            capabilities: .init(prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                                tools: .init(listChanged: false)))
        await register(on: server)
        let transport = StdioTransport()
        try await server.start(transport: transport) { [self] client, capabilities in
            lock.withLock {
                clientName = client.name
                clientCanElicit = capabilities.elicitation != nil
                tools.proposer = client.name
            }
            log("client \(client.name) \(client.version); elicitation: \(capabilities.elicitation != nil ? "yes" : "no")")
        }
        await server.waitUntilCompleted()
    }

    private func register(on server: Server) async {
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.tools) }
        await server.withMethodHandler(CallTool.self) { [self] params in
            let outcome = tools.call(params.name, params.arguments ?? [:])
            guard let record = outcome.proposed else { return outcome.result }
            return await askPerson(about: record, proposed: outcome, server: server).result
        }
        await server.withMethodHandler(ListResources.self) { [self] _ in ListResources.Result(resources: [guide.resource]) }
        await server.withMethodHandler(ReadResource.self) { [self] params in
            guard params.uri == LanguageGuide.uri else { throw MCPError.invalidParams("unknown resource \(params.uri)") }
            return ReadResource.Result(contents: [try guide.content()])
        }
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: [ProposalPrompt.prompt]) }
        await server.withMethodHandler(GetPrompt.self) { params in
            guard params.name == ProposalPrompt.prompt.name else { throw MCPError.invalidParams("unknown prompt \(params.name)") }
            return try ProposalPrompt.messages(arguments: params.arguments ?? [:])
        }
    }

    /// Asks the client's user to approve or decline a proposal just
    /// recorded, when the client can ask; records the answer as theirs.
    /// Without elicitation, or when the user dismisses the question, the
    /// proposal stays pending.
    func askPerson(about record: ProposalRecord, proposed: ToolOutcome, server: Server) async -> ToolOutcome {
        let (canElicit, client) = lock.withLock { (clientCanElicit, clientName) }
        guard canElicit else { return proposed }
        let schema = Elicitation.RequestSchema(
            title: "Approve this change?",
            description: "Accept to approve it as the person named; decline to cancel it.",
            properties: ["approver": ["type": "string", "title": "Your name",
                                      "description": "Recorded as the person who approved the change"]],
            required: ["approver"])
        let message = proposed.text + "\nApprove? Accept approves the change in your name; decline cancels it."
        do {
            let answer = try await server.requestElicitation(message: message, requestedSchema: schema)
            let named = answer.content?["approver"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let person = named.isEmpty ? "user of \(client)" : named
            switch answer.action {
            case .accept:
                log("proposal \(record.id) approved by \(person) in \(client)")
                return tools.decide(id: record.id, approve: true, by: person, note: nil)
            case .decline:
                log("proposal \(record.id) declined in \(client)")
                return tools.decide(id: record.id, approve: false, by: person, note: "declined in \(client)")
            case .cancel:
                return tools.status(id: record.id)
            }
        } catch {
            log("asking about proposal \(record.id) failed: \(error); it stays pending")
            return tools.status(id: record.id)
        }
    }

    func log(_ message: String) {
        FileHandle.standardError.write(Data("segq mcp: \(message)\n".utf8))
    }
}
