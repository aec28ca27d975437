import Foundation
import Testing
import TestSupport

/// The REPL's commands on a pseudo-terminal, libedit active: refinements,
/// the other spellings of commands, history search, and the saved-segment
/// and tag commands on a SQLite copy of the sample.
@Suite(.serialized) struct TerminalCommandTests {
    @Test func refineTheLastQueryThenLeaveWithExit() throws {
        let repl = try TerminalREPL()
        try repl.type("and tag = \"VIP\"\r", thenSee: "there is none yet")
        try repl.type("tag = \"VIP\"\r", thenSee: "240 friends match ·")
        var screen = try repl.type("and shopify.purchases >= 3\r", thenSee: "40 friends match ·")
        #expect(screen.contains("refined: (tag = \"VIP\") and shopify.purchases >= 3"))
        #expect(screen.contains("Group 1:  tag = \"VIP\"\n     and  shopify.purchases >= 3"))
        // The refined query is the last query: `or` widens it.
        screen = try repl.type("or tag = \"Wholesale\"\r", thenSee: "friends match ·")
        #expect(screen.contains("refined: ((tag = \"VIP\") and shopify.purchases >= 3) or tag = \"Wholesale\""))
        #expect(screen.contains("Group 2:  tag = \"Wholesale\""))
        try repl.waitForPrompt()
        repl.terminal.send("exit\r")
        #expect(try repl.terminal.waitForExit() == 0)
    }

    @Test func psqlSpellingsAndBareHelp() throws {
        let repl = try TerminalREPL()
        var screen = try repl.type("\\?\r", thenSee: "Ctrl-R searches it")
        #expect(screen.contains(".save NAME [--folder F] [--static] [--replace] [QUERY]"))
        screen = try repl.type("help\r", thenSee: "Ctrl-D leaves.")
        #expect(screen.contains(".move NAME (FOLDER|--none)"))
        try repl.type("\\timing off\r", thenSee: "timer: off")
        try repl.type(".limit 3\r", thenSee: "limit: 3")
        try repl.type("\\i /nonexistent-segq/tour.segq\r",
                      thenSee: "cannot read `/nonexistent-segq/tour.segq`: No such file or directory")
        try repl.waitForPrompt()
        repl.terminal.send("\\q\r")
        #expect(try repl.terminal.waitForExit() == 0)
    }

    @Test func ctrlRSearchesTheHistory() throws {
        let repl = try TerminalREPL()
        try repl.type("tag = \"Newsletter\"\r", thenSee: "360 friends match ·")
        try repl.type("tag = \"VIP\"\r", thenSee: "240 friends match ·")
        // Ctrl-R, then part of the older query; Enter runs what was found.
        try repl.waitForPrompt()
        repl.terminal.send("\u{12}")
        try repl.type("News", thenSee: "Newsletter", atPrompt: false)
        try repl.type("\r", thenSee: "360 friends match ·", atPrompt: false)
        #expect(try repl.quit() == 0)
    }

    @Test func saveIntoAFolderMoveItAndChangeTags() throws {
        let database = try TerminalREPL.sampleDatabase()
        let repl = try TerminalREPL(arguments: TerminalREPL.arguments(store: database.path))
        try repl.type("tag = \"Kyoto\"\r", thenSee: "52 friends match ·")
        try repl.type(".save Repeat customers\r", thenSee: "needs quotes: .save \"Repeat customers\"")
        try repl.type(".save Kyoto --folder Regions\r", thenSee: "saved segment \"Kyoto\": tag = \"Kyoto\" (folder \"Regions\")")
        // Tab completes the new command's options and segment names.
        try repl.type(".move Ky\t", thenSee: "oto ")
        try repl.type("Campaigns\r", thenSee: "moved segment \"Kyoto\" from folder \"Regions\" to folder \"Campaigns\"",
                      atPrompt: false)
        try repl.type(".tag add \"Kyoto fan\" segment = \"Kyoto\"\r", thenSee: "added tag \"Kyoto fan\" to 52 friends")
        try repl.type(".save Fans tag = \"Kyoto fan\"\r", thenSee: "saved segment \"Fans\"")
        let screen = try repl.type(".tag remove \"Kyoto fan\" segment = \"Kyoto\" and added < -365d\r",
                                   thenSee: "segq>")
        #expect(screen.contains("removed tag \"Kyoto fan\" from 26 friends"))
        #expect(screen.contains("segments affected:"))
        #expect(screen.contains("Fans     52      26     changed"))
        #expect(try repl.quit() == 0)

        let show = try database.segq(["segment", "show", "Kyoto"])
        #expect(show.stdout.contains("folder:     Campaigns"))
    }
}
