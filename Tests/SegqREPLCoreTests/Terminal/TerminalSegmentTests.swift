import Foundation
import Testing
import TestSupport

/// Saved segments from the REPL on a pseudo-terminal, on a SQLite store
/// imported from the sample (`TerminalREPL.sampleDatabase`);
/// what was saved is then read back with `segq segment list|show`.
@Suite(.serialized) struct TerminalSegmentTests {
    @Test func saveShowAndDropSegments() throws {
        let database = try TerminalREPL.sampleDatabase()
        let repl = try TerminalREPL(arguments: TerminalREPL.arguments(store: database.path))
        try repl.type("tag = \"Kyoto\"\r", thenSee: "52 friends match · ")
        // `.save NAME` saves the last query; `.save NAME QUERY` the one given.
        try repl.type(".save Kyoto\r", thenSee: "saved segment \"Kyoto\": tag = \"Kyoto\"")
        try repl.type(".save \"Kyoto VIP\" segment = \"Kyoto\" and tag = \"VIP\"\r",
                      thenSee: "saved segment \"Kyoto VIP\": tag = \"VIP\" and segment = \"Kyoto\"")
        var screen = try repl.type(".show Kyoto\r", thenSee: "updated:")
        #expect(screen.contains("canonical:  tag = \"Kyoto\""))
        #expect(screen.contains("count:      52"))
        #expect(screen.contains("used by:    Kyoto VIP"))
        try repl.type("segment = \"Kyoto VIP\"\r", thenSee: "3 friends match · ")
        // Tab completes segment names after `segment = "`.
        try repl.type("segment = \"Kyoto V\t", thenSee: "IP\"")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        // … and the folders already in use after `.move NAME` and `.save NAME --folder`.
        try repl.type(".move Kyoto Kansai\r", thenSee: "moved segment \"Kyoto\" from no folder to folder \"Kansai\"")
        try repl.type(".move \"Kyoto VIP\" Kan\t", thenSee: "sai ")
        try repl.type("\r", thenSee: "moved segment \"Kyoto VIP\" from no folder to folder \"Kansai\"", atPrompt: false)
        try repl.type(".save Osaka --folder Ka\t", thenSee: "nsai ")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)

        // A segment in use is not dropped; the one using it is named.
        screen = try repl.type(".drop Kyoto\r", thenSee: "segq>")
        #expect(screen.contains("error: segment \"Kyoto\" is used by \"Kyoto VIP\""))
        try repl.type(".drop \"Kyoto VIP\"\r", thenSee: "dropped segment \"Kyoto VIP\"")
        try repl.type(".drop Kyoto\r", thenSee: "dropped segment \"Kyoto\"")
        try repl.type(".show Kyoto\r", thenSee: "error: no segment named \"Kyoto\"")
        #expect(try repl.quit() == 0)

        let list = try database.segq(["segment", "list"])
        #expect(list.stdout.contains("no saved segments"))
    }
}
