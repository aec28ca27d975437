import Foundation
import Testing

/// Ctrl-C while the real engine evaluates: the evaluation stops, the REPL
/// says so and goes on.
@Suite(.serialized) struct TerminalInterruptTests {
    /// A query slow enough to interrupt on the 2,000-friend sample: 1,500
    /// conditions `not id contains "…"`, each a scan of every friend's id
    /// (seconds in a debug build, a good fraction of one in release). `id`
    /// is never missing, so the negations give no warnings.
    static func writeSlowQuery(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("slow.segq")
        let conditions = (0..<1500).map { "not id contains \"zz\($0)\"" }
        try (conditions.joined(separator: " and\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func ctrlCStopsARunningEvaluation() throws {
        let repl = try TerminalREPL()
        let slow = try Self.writeSlowQuery(in: repl.home)
        try repl.waitForPrompt()
        let mark = repl.mark
        repl.terminal.send(".read \(slow.path)\r")
        // libedit has handed the line over and the terminal is cooked again:
        // Ctrl-C is now SIGINT, which the engine polls between plan nodes.
        try repl.terminal.waitForCanonicalMode()
        repl.terminal.send("\u{3}")
        let screen = try repl.terminal.waitFor("Interrupted.", since: mark)
        #expect(!screen.contains("match"))
        // The REPL goes on, and the next query runs to its end.
        try repl.type("tag = \"VIP\"\r", thenSee: "240 friends match · ")
        #expect(try repl.quit() == 0)
    }
}
