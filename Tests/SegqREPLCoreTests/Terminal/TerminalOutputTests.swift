import Foundation
import Testing

/// The REPL's output on a pseudo-terminal (80×24): the pager for results
/// taller than the screen, setting commands echoing what they set, and the
/// summary folded to the terminal's width. `PAGER` is a script that keeps
/// what it was given, so the tests can read it.
@Suite(.serialized) struct TerminalOutputTests {
    /// A pager that writes its input to `<script>.got` and says when it is done.
    static func recordingPager() throws -> (script: String, got: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-pager-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("pager").path
        try "#!/bin/sh\ncat >> \"$0.got\"\necho PAGER-DONE\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return (script, script + ".got")
    }

    @Test func resultsTallerThanTheScreenGoThroughThePager() throws {
        let pager = try Self.recordingPager()
        let repl = try TerminalREPL(environment: ["PAGER": pager.script])
        try repl.type(".limit 30\r", thenSee: "segq>")
        try repl.type("tag = \"VIP\"\r", thenSee: "PAGER-DONE")
        let paged = try String(contentsOfFile: pager.got, encoding: .utf8)
        #expect(paged.contains("240 friends match") && paged.contains(" · 12.0% of 2,000"))
        #expect(paged.contains("(first 30 of 240 · "))
        try FileManager.default.removeItem(atPath: pager.got)

        // Ten rows fit on the screen: no pager.
        try repl.type(".limit 10\r", thenSee: "segq>")
        try repl.type("tag = \"VIP\"\r", thenSee: "(first 10 of 240")
        #expect(!FileManager.default.fileExists(atPath: pager.got))

        // `.pager on` pages everything, `.pager off` nothing.
        try repl.type(".pager on\r", thenSee: "pager: on")
        try repl.type("tag = \"VIP\"\r", thenSee: "PAGER-DONE")
        #expect(try String(contentsOfFile: pager.got, encoding: .utf8).contains("(first 10 of 240"))
        try FileManager.default.removeItem(atPath: pager.got)
        try repl.type(".pager off\r", thenSee: "pager: off")
        try repl.type(".limit 30\r", thenSee: "segq>")
        try repl.type("tag = \"VIP\"\r", thenSee: "(first 30 of 240")
        #expect(!FileManager.default.fileExists(atPath: pager.got))
        #expect(try repl.quit() == 0)
    }

    @Test func settingCommandsEchoWhatTheySet() throws {
        let repl = try TerminalREPL()
        try repl.type(".mode box\r", thenSee: "format: box")
        var screen = try repl.type("tag = \"VIP\"\r", thenSee: "segq>")
        #expect(screen.contains("┌"))
        try repl.type(".headers off\r", thenSee: "headers: off")
        try repl.type(".x\r", thenSee: "expanded: on")
        screen = try repl.type("tag = \"VIP\"\r", thenSee: "segq>")
        #expect(screen.contains("-[ RECORD 1 ]"))
        try repl.type(".expanded auto\r", thenSee: "expanded: auto")
        try repl.type(".columns id,name,shopify.purchases\r", thenSee: "columns: id,name,shopify.purchases")
        try repl.type(".columns shopfy.purchases\r", thenSee: "did you mean `shopify.purchases`?")
        try repl.type(".columns reset\r", thenSee: "columns: id,name,added,tags and the fields the query uses")
        #expect(try repl.quit() == 0)
    }

    @Test func theSummaryWrapsAtWordsToTheTerminalWidth() throws {
        let repl = try TerminalREPL()
        let screen = try repl.type("tag = \"VIP\" and shopify.purchases >= 3\r", thenSee: "segq>")
        #expect(screen.contains(
            "Friends who have the tag \"VIP\" and whose number of Shopify purchases is at least\n3."))
        // The query's field is a column: the first friend has 3 purchases.
        #expect(screen.contains("shopify.purchases"))
        #expect(try repl.quit() == 0)
    }
}
