import Foundation
import Testing
import TestSupport

/// A whole marketer's session on a pseudo-terminal, on a SQLite copy of the
/// sample in a temporary folder at a fixed `now`: query, refine, save into
/// a folder, use the segment in another query, rename a tag it uses, ask
/// why a friend is in it, export it, quit — checking the screen at each step.
@Suite(.serialized) struct TerminalMarketerSessionTests {
    @Test func queryRefineSaveReuseRenameWhyExportQuit() throws {
        let database = try TerminalREPL.sampleDatabase()
        let repl = try TerminalREPL(arguments: TerminalREPL.arguments(store: database.path))

        // 1. A first query.
        var screen = try repl.type("tag = \"VIP\"\r", thenSee: "segq>")
        #expect(screen.contains("Friends who have the tag \"VIP\"."))
        #expect(screen.contains("240 friends match ·"))

        // 2. Narrowed without retyping it.
        screen = try repl.type("and shopify.purchases >= 3\r", thenSee: "segq>")
        #expect(screen.contains("refined: (tag = \"VIP\") and shopify.purchases >= 3"))
        #expect(screen.contains("40 friends match ·"))
        #expect(screen.contains(" Ub8ca91fe4027d2c6ac924dee2db8ac71 | Yuto Sm"))

        // 3. Saved into a folder.
        screen = try repl.type(".save \"Loyal VIPs\" --folder Campaigns\r", thenSee: "segq>")
        #expect(screen.contains("saved segment \"Loyal VIPs\": tag = \"VIP\" and shopify.purchases >= 3 (folder \"Campaigns\")"))
        screen = try repl.type(".segments\r", thenSee: "segq>")
        #expect(screen.contains("Loyal VIPs"))
        #expect(screen.contains("Campaigns"))

        // 4. Referenced from another query.
        screen = try repl.type("segment = \"Loyal VIPs\" and not tag = \"Complaint-Pending\"\r", thenSee: "segq>")
        #expect(screen.contains("and  segment = \"Loyal VIPs\""))
        // The summary wraps at a word boundary to the 80-column terminal.
        #expect(screen.contains("Friends who do not have the tag \"Complaint-Pending\" and are in the segment\n\"Loyal VIPs\"."))
        #expect(screen.contains("37 friends match ·"))

        // 5. The tag it uses renamed: the segment is rewritten, its audience unchanged.
        screen = try repl.type(".tag rename VIP \"VIP 2026\"\r", thenSee: "segq>")
        #expect(screen.contains("renamed tag \"VIP\" to \"VIP 2026\" on 240 friends; rewrote segment Loyal VIPs"))
        #expect(screen.contains("segments affected:"))
        #expect(screen.contains("Loyal VIPs  40      40     unchanged"))
        screen = try repl.type(".show \"Loyal VIPs\"\r", thenSee: "segq>")
        // The query as written (the refinement's parentheses), and its canonical form.
        #expect(screen.contains("query:      (tag = \"VIP 2026\") and shopify.purchases >= 3"))
        #expect(screen.contains("canonical:  tag = \"VIP 2026\" and shopify.purchases >= 3"))
        #expect(screen.contains("folder:     Campaigns"))

        // 6. Why a friend is in it.
        screen = try repl.type(".why Ub8ca91fe4027d2c6ac924dee2db8ac71 segment = \"Loyal VIPs\"\r", thenSee: "segq>")
        #expect(screen.contains("friend \"Ub8ca91fe4027d2c6ac924dee2db8ac71\" (Yuto Smith) is in"))
        #expect(screen.contains("segment \"Loyal VIPs\" (dynamic): member"))

        // 7. Exported for the broadcast.
        let file = database.file("loyal.csv")
        screen = try repl.type(".export \"Loyal VIPs\" \(file)\r", thenSee: "segq>")
        #expect(screen.contains("wrote 40 members to \(file)"))
        let exported = try String(contentsOfFile: file, encoding: .utf8)
        #expect(exported.split(separator: "\n").count == 41)  // a header and 40 friends
        #expect(exported.contains("Ub8ca91fe4027d2c6ac924dee2db8ac71"))

        // 8. Quit.
        try repl.waitForPrompt()
        repl.terminal.send("quit\r")
        #expect(try repl.terminal.waitForExit() == 0)
    }
}
