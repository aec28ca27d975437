import Foundation
import Testing
import TestSupport

/// An agent proposes with `segq propose --name`; a person decides at a
/// terminal — in the REPL (`.approve`, `.cancel`) and with `segq proposal
/// approve` — and the segment then exists with its provenance.
@Suite(.serialized) struct TerminalProposalTests {
    /// Records a proposal as an agent would; returns its id.
    static func propose(_ database: SampleDatabase, _ arguments: [String]) throws -> String {
        let run = try database.segq(["propose"] + arguments + ["--by", "campaign-agent"])
        try #require(run.status == 0, Comment(rawValue: run.combined))
        return try #require(run.stdout.firstMatch(of: #/"id": "([a-z0-9]+)"/#)?.1).description
    }

    @Test func approveInTheREPLSavesTheSegmentWithItsProvenance() throws {
        let database = try TerminalREPL.sampleDatabase()
        let vip = try Self.propose(database, ["--name", "VIP buyers", "shopify.purchases >= 3 and (tag = \"VIP\")"])
        let kyoto = try Self.propose(database, ["--name", "Kyoto", "tag = \"Kyoto\""])
        let osaka = try Self.propose(database, ["--name", "Osaka", "tag = \"大阪\""])

        let repl = try TerminalREPL(arguments: TerminalREPL.arguments(store: database.path))
        var screen = try repl.type(".proposals\r", thenSee: "segq>")
        #expect(screen.contains(vip) && screen.contains(kyoto) && screen.contains("pending"))
        screen = try repl.type(".approve \(vip)\r", thenSee: "Approve? [y/N] ")
        #expect(screen.contains("save segment \"VIP buyers\" (dynamic)"))
        #expect(screen.contains("proposed by:  campaign-agent"))
        #expect(screen.contains("Group 1:  tag = \"VIP\""))
        #expect(screen.contains("friends:      proposed 40 of 2,000 (2.0%) · now 40"))
        screen = try repl.type("y\r", thenSee: "segq>")
        #expect(screen.contains("approved by \(NSUserName()): saved dynamic segment: tag = \"VIP\" and shopify.purchases >= 3"))

        // Any other answer cancels; Ctrl-C at the question leaves it pending.
        try repl.type(".approve \(kyoto)\r", thenSee: "Approve? [y/N] ")
        try repl.type("n\r", thenSee: "cancelled by")
        try repl.type(".approve \(osaka)\r", thenSee: "Approve? [y/N] ")
        try repl.type("\u{3}", thenSee: "stays pending")
        // A decided proposal cannot be decided again.
        try repl.type(".approve \(vip)\r", thenSee: "was already approved")
        #expect(try repl.quit() == 0)

        let shown = try database.segq(["segment", "show", "VIP buyers"])
        #expect(shown.stdout.contains("provenance: proposed by campaign-agent at "))
        #expect(shown.stdout.contains("approved by \(NSUserName()) at "))
        #expect(shown.stdout.contains("in the REPL (proposal \(vip))"))
        let list = try database.segq(["segment", "list"])
        #expect(!list.stdout.contains("Kyoto"))
        #expect(!list.stdout.contains("Osaka"))
        let status = try database.segq(["proposal", "show", osaka, "--json"])
        #expect(status.stdout.contains("\"status\": \"pending\""))
    }

    @Test func proposalApproveOnTheCommandLineAsksAtTheTerminal() throws {
        let database = try TerminalREPL.sampleDatabase()
        let id = try Self.propose(database, ["--name", "Kyoto", "--static", "tag = \"Kyoto\""])
        let terminal = try PseudoTerminal(executable: try TerminalREPL.binary(),
                                          arguments: ["proposal", "approve", id, "--store", database.path],
                                          environment: ["TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"])
        let screen = try terminal.waitFor("Approve? [y/N] ")
        #expect(screen.contains("save segment \"Kyoto\" (static snapshot)"))
        terminal.send("yes\r")
        try terminal.waitFor("approved by")
        #expect(try terminal.waitForExit() == 0)

        let shown = try database.segq(["segment", "show", "Kyoto"])
        #expect(shown.stdout.contains("kind:       static"))
        #expect(shown.stdout.contains("count:      52"))
        #expect(shown.stdout.contains("at a terminal (proposal \(id))"))
    }
}
