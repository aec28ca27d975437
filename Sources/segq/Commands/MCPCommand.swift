import ArgumentParser
import Foundation
import Segq
import SegqMCP

/// `segq mcp --store PATH`: the MCP server over standard input and output.
/// Standard output carries protocol messages only; logs go to standard error.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve the store to an AI agent over MCP (stdio): read-only tools and proposals.",
        discussion: """
            Agents check, preview and explain queries, and propose segment and tag changes; \
            nothing changes until a person approves (in the MCP client when it supports \
            elicitation, else with `segq proposal approve ID`). Register it with a client as \
            {"mcpServers": {"segq": {"command": "segq", "args": ["mcp", "--store", "/path/store.sqlite"]}}} \
            (or a postgresql://USER@HOST/DB?account=NAME store).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions

    func run() throws {
        let session = try store.openSession(time: time)
        guard session.hasCatalog else {
            Output.error("segq mcp needs a database store (proposals live in it): import friends with "
                + "`segq import --store X.sqlite FILE` (or a postgresql://…?account=NAME URL)")
            throw SegqExit.usage
        }
        do {
            try SegqMCPServer(session: session).runUntilClosed()
        } catch {
            Output.error("mcp: \(error)")
            throw SegqExit.store
        }
    }
}
