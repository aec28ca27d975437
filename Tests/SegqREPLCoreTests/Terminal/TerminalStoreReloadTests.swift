import Foundation
import Testing
import TestSupport

/// The REPL notices when another process changes its SQLite store (`segq
/// tag add`, `segq import --replace` run from a shell) and reads it again
/// before the next query or catalogue command, saying so in one line.
@Suite(.serialized) struct TerminalStoreReloadTests {
    @Test func tagAddedByAnotherProcessIsSeenByTheNextQuery() throws {
        let database = try TerminalREPL.sampleDatabase()
        let repl = try TerminalREPL(arguments: TerminalREPL.arguments(store: database.path))
        var screen = try repl.type("tag = \"R1\"\r", thenSee: "segq>")
        #expect(screen.contains("No friend matches."))
        // Nothing changed: no reload.
        screen = try repl.type("tag = \"Kyoto\"\r", thenSee: "52 friends match · ")
        #expect(!screen.contains("store changed on disk"))

        let added = try database.segq(["tag", "add", "R1", "--query", #"tag = "Kyoto""#])
        #expect(added.status == 0, "\(added.combined)")
        screen = try repl.type("tag = \"R1\"\r", thenSee: "52 friends match · ")
        #expect(screen.contains("store changed on disk: reloaded, 2,000 friends"))
        screen = try repl.type(".tags\r", thenSee: "segq>")
        #expect(screen.contains("R1"))
        #expect(!screen.contains("store changed on disk"))
        #expect(try repl.quit() == 0)
    }

    @Test func importReplaceByAnotherProcessIsSeenByCatalogueCommands() throws {
        let database = try TerminalREPL.sampleDatabase()
        let repl = try TerminalREPL(arguments: TerminalREPL.arguments(store: database.path))
        try repl.type("tag = \"Kyoto\"\r", thenSee: "52 friends match · ")
        let replacement = database.folder.url.appendingPathComponent("three.jsonl")
        try """
            {"id":"U1","name":"A","added_at":"2026-01-01T00:00:00Z","tags":["Kyoto"]}
            {"id":"U2","name":"B","added_at":"2026-01-02T00:00:00Z","tags":[]}
            {"id":"U3","name":"C","added_at":"2026-01-03T00:00:00Z","tags":["Kyoto"]}

            """.write(to: replacement, atomically: true, encoding: .utf8)
        let imported = try CLIRunner.run(["import", "--store", database.path, "--replace", replacement.path])
        #expect(imported.status == 0, "\(imported.combined)")
        var screen = try repl.type(".tags\r", thenSee: "segq>")
        #expect(screen.contains("store changed on disk: reloaded, 3 friends"))
        screen = try repl.type("tag = \"Kyoto\"\r", thenSee: "2 friends match · ")
        #expect(!screen.contains("store changed on disk"))
        #expect(try repl.quit() == 0)
    }
}
