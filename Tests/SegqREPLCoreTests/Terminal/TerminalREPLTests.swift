import Foundation
import Testing

/// The real `segq` REPL on a pseudo-terminal, libedit active, on the real
/// engine over the sample store (`samples/friends.jsonl`, 2,000 friends) at
/// 2026-11-23T09:00:00Z in UTC. The counts are the sample's (checked
/// against the reference evaluator by the planner's tests).
@Suite(.serialized) struct TerminalREPLTests {
    @Test func queryShowsThePreview() throws {
        let repl = try TerminalREPL()
        let screen = try repl.type("tag = \"VIP\" and shopify.purchases >= 3\r", thenSee: "segq>")
        #expect(screen.contains("Group 1:  tag = \"VIP\"\n     and  shopify.purchases >= 3"))
        #expect(screen.contains("Friends who have the tag \"VIP\" and whose number of Shopify purchases is at least\n3."))
        #expect(screen.contains("40 friends match · 2.0% of 2,000"))
        // The first of the table's ten rows: id (whole), name, added, tags, purchases.
        // At 80 columns the other columns give up room; the id never does.
        #expect(screen.contains(" id                                | name     | added    | tags     | shopify.…"))
        #expect(screen.contains(" Ub8ca91fe4027d2c6ac924dee2db8ac71 | Yuto Sm… | 2024-06… | VIP      | 7"))
        #expect(screen.contains("(first 10 of 40 · "))  // then the time taken
        #expect(try repl.quit() == 0)
    }

    @Test func errorsAreRenderedWithCaretsAndTheREPLGoesOn() throws {
        let repl = try TerminalREPL()
        let screen = try repl.type("tag = \"VIP\" and shopfy.purchases >= 3\r", thenSee: "segq>")
        #expect(screen.contains("error[E0102]: unknown field `shopfy.purchases`"))
        #expect(screen.contains("1 | tag = \"VIP\" and shopfy.purchases >= 3"))
        #expect(screen.contains("  |                 ^^^^^^^^^^^^^^^^ did you mean `shopify.purchases`?"))
        try repl.type(".tgas\r", thenSee: "did you mean `.tags`")
        try repl.type("tag = \"VIP\"\r", thenSee: "240 friends match · ")
        #expect(try repl.quit() == 0)
    }

    @Test func tabCompletesAFieldOfTheStore() throws {
        let repl = try TerminalREPL()
        // `shop` → `shopify.`, then `purch` → `shopify.purchases `.
        try repl.type("shop\t", thenSee: "shopify.")
        try repl.type("purch\t", thenSee: "ases", atPrompt: false)  // libedit draws only what it inserts
        let screen = try repl.type(">= 10\r", thenSee: "segq>", atPrompt: false)
        #expect(screen.contains("Group 1:  shopify.purchases >= 10"))
        #expect(screen.contains("18 friends match · "))
        #expect(try repl.quit() == 0)
    }

    @Test func tabCompletesATagNameOfTheStore() throws {
        let repl = try TerminalREPL()
        try repl.type("tag = \"Tr\t", thenSee: "Show 2026")
        var screen = try repl.type("\r", thenSee: "segq>", atPrompt: false)
        #expect(screen.contains("Group 1:  tag = \"Trade Show 2026\""))
        #expect(screen.contains("96 friends match · "))
        // A tag written in Japanese, completed from its first character.
        try repl.type("tag = \"東\t", thenSee: "東京")
        screen = try repl.type("\r", thenSee: "segq>", atPrompt: false)
        #expect(screen.contains("Group 1:  tag = \"東京\""))
        #expect(screen.contains("164 friends match · "))
        #expect(try repl.quit() == 0)
    }

    /// Without a UTF-8 locale in the environment, non-ASCII keys still
    /// reach the REPL (libedit decodes keys by the C library's locale).
    @Test func nonASCIIInputWorksWithoutAUTF8Locale() throws {
        let repl = try TerminalREPL(environment: ["LANG": "", "LC_ALL": "", "LC_CTYPE": ""])
        let screen = try repl.type("tag = \"リピーター\"\r", thenSee: "segq>")
        #expect(screen.contains("Group 1:  tag = \"リピーター\""))
        #expect(screen.contains("154 friends match · "))
        #expect(try repl.quit() == 0)
    }

    @Test func tabListsSeveralCandidates() throws {
        let repl = try TerminalREPL()
        // The HubSpot properties of the sample, listed under the line.
        let screen = try repl.type("hubspot.\t", thenSee: "stage")
        #expect(screen.contains("lead_status"))
        #expect(screen.contains("company"))
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        #expect(try repl.quit() == 0)
    }

    @Test func upArrowRecallsHistoryWhichPersists() throws {
        let repl = try TerminalREPL()
        try repl.type("tag = \"Newsletter\"\r", thenSee: "360 friends match · ")
        try repl.type(".print between\r", thenSee: "between")
        // Up twice (one key at a time, as a person types): back past `.print` to the query.
        try repl.type("\u{1B}[A", thenSee: ".print between")
        try repl.type("\u{1B}[A", thenSee: "tag = \"Newsletter\"", atPrompt: false)
        let screen = try repl.type("\r", thenSee: "360 friends match · ", atPrompt: false)
        #expect(screen.contains("Group 1:  tag = \"Newsletter\""))
        #expect(try repl.quit() == 0)
        let saved = try String(contentsOf: repl.historyFile, encoding: .utf8)
        #expect(saved.contains("Newsletter"))
        let permissions = try FileManager.default.attributesOfItem(atPath: repl.historyFile.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        // A new session reads the history file: the newest entry is the query.
        let again = try TerminalREPL(home: repl.home)
        try again.type("\u{1B}[A", thenSee: "tag = \"Newsletter\"")
        let recalled = try again.type("\r", thenSee: "360 friends match · ", atPrompt: false)
        #expect(recalled.contains("Group 1:  tag = \"Newsletter\""))
        #expect(try again.quit() == 0)
    }

    @Test func queryContinuesOverTwoLines() throws {
        let repl = try TerminalREPL()
        try repl.type("(tag = \"VIP\" or\r", thenSee: "...>")
        let screen = try repl.type("shopify.purchases >= 10)\r", thenSee: "segq>")
        #expect(screen.contains("Group 1:  tag = \"VIP\"\n      or\nGroup 2:  shopify.purchases >= 10"))
        #expect(screen.contains("252 friends match · "))
        // The two lines are one history entry.
        try repl.type("\u{1B}[A", thenSee: "shopify.purchases >= 10)")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        #expect(try repl.quit() == 0)
    }

    @Test func ctrlCAbandonsAHalfTypedLineWithoutLeaving() throws {
        let repl = try TerminalREPL()
        try repl.type("tag = \"half", thenSee: "half")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        // Also in the middle of a multi-line query.
        try repl.type("(tag = \"VIP\"\r", thenSee: "...>")
        try repl.type("(tag", thenSee: "(tag")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        let screen = try repl.type("tag = \"VIP\"\r", thenSee: "240 friends match · ")
        #expect(!screen.contains("error"))
        #expect(try repl.quit() == 0)
    }

    @Test func quitCommandLeaves() throws {
        let repl = try TerminalREPL()
        try repl.type(".quit\r", thenSee: ".quit")
        #expect(try repl.terminal.waitForExit() == 0)
    }

    @Test func colourOnATerminalUnlessNoColor() throws {
        let coloured = try TerminalREPL()
        try coloured.type("tag = \"VIP\"\r", thenSee: "240 friends match · ")
        try coloured.type("shopfy.linked\r", thenSee: "unknown field")
        let raw = String(decoding: coloured.terminal.output, as: UTF8.self)
        #expect(raw.contains("\u{1B}[1m240 friends match\u{1B}[0m · "))
        #expect(raw.contains("\u{1B}["))
        _ = try coloured.quit()

        let plain = try TerminalREPL(environment: ["NO_COLOR": "1"])
        try plain.type("tag = \"VIP\"\r", thenSee: "240 friends match · ")
        #expect(!String(decoding: plain.terminal.output, as: UTF8.self).contains("\u{1B}[1m240 friends"))
        _ = try plain.quit()
    }
}
