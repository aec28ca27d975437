import Foundation
import Testing
@testable import SegqREPLCore

/// Refinements (`and …`/`or …` on the last query), the other spellings of
/// commands (bare `help`/`exit`/`quit`, psql's backslashes), settings that
/// say what they are now, `.read` failures and script locations.
@Suite struct REPLCommandTests {
    @Test func andNarrowsTheLastQueryAndOrWidensIt() {
        let run = runScript("tag = \"VIP\"\nand shopify.purchases >= 3\nOR tag = \"Wholesale\"\n")
        #expect(run.status == 0)
        let compiled = run.engine.calls.filter { $0.hasPrefix("compile ") }
        #expect(compiled == [
            "compile tag = \"VIP\"",
            "compile (tag = \"VIP\") and shopify.purchases >= 3",
            "compile ((tag = \"VIP\") and shopify.purchases >= 3) OR tag = \"Wholesale\"",
        ])
        #expect(run.console.output.contains("refined: (tag = \"VIP\") and shopify.purchases >= 3\n"))
    }

    @Test func andNotRefinesAndAFailedRefinementLeavesTheLastQuery() {
        let run = runScript("tag = \"VIP\"\nand error\nand not tag = \"X\"\n")
        #expect(run.status == 1)
        #expect(run.engine.calls.contains("compile (tag = \"VIP\") and not tag = \"X\""))
    }

    @Test func aRefinementWithoutALastQueryIsRefused() {
        let run = runScript("and tag = \"VIP\"\n")
        #expect(run.status == 1)
        #expect(run.console.errors.contains("error: a query starting with `and` refines the last query, and there is none yet"))
        #expect(run.engine.calls.isEmpty)
    }

    @Test func onlyTheWordsAndAndOrRefine() {
        #expect(QueryRefinement.connective(of: "  AND x = 1") == "and")
        #expect(QueryRefinement.connective(of: "or(x = 1)") == "or")
        #expect(QueryRefinement.connective(of: "android = 1") == nil)
        #expect(QueryRefinement.connective(of: "order.total > 1") == nil)
        #expect(QueryRefinement.connective(of: "tag = \"and\"") == nil)
    }

    @Test func aCommentOnTheLastLineKeepsTheParenthesisOutOfIt() {
        #expect(QueryRefinement.refined("tag = \"VIP\" # loyal", by: "and x") == "(tag = \"VIP\" # loyal\n) and x")
    }

    @Test func bareHelpExitAndQuitInAnyCase() {
        var state = InputState()
        #expect(state.accept("help") == .command(".help"))
        #expect(state.accept("  EXIT ") == .command(".exit"))
        #expect(state.accept("Quit") == .command(".quit"))
        // Only alone on a line: anything else is a query.
        #expect(state.accept("help me") == .query("help me"))
        let run = runScript("exit\ntag = \"VIP\"\n")
        #expect(run.engine.calls.isEmpty)
        #expect(run.status == 0)
        #expect(runScript("HELP\n").console.output.contains(".save NAME"))
    }

    @Test func psqlBackslashCommandsMapOntoDotCommands() {
        var state = InputState()
        #expect(state.accept("\\?") == .command(".help"))
        #expect(state.accept("\\x") == .command(".expanded"))
        #expect(state.accept("\\x on") == .command(".expanded on"))
        #expect(state.accept("\\timing off") == .command(".timing off"))
        #expect(state.accept("\\o out.csv") == .command(".o out.csv"))
        #expect(state.accept("\\i tour.segq") == .command(".i tour.segq"))
        let console = typed(["\\timing on", "\\o"])
        #expect(console.output == "timer: on\noutput: stdout\n")
    }

    @Test func settingCommandsSayTheNewSettingAtATerminal() {
        let console = typed([".timer off", ".echo off", ".bail off", ".limit 5", ".limit all", ".format csv"])
        #expect(console.output == "timer: off\necho: off\nbail: off\nlimit: 5\nlimit: all\nformat: csv\n")
        // A script's output stays its results.
        #expect(runScript(".timer off\n.limit 5\n.format csv\n").console.output == "")
    }

    /// Lines typed at a terminal (an interactive session without libedit).
    func typed(_ lines: [String]) -> RecordingConsole {
        let console = RecordingConsole()
        let session = REPLSession(engine: FakeEngine(), console: console, settings: REPLSettings(interactive: false))
        _ = session.run(TypedLines(lines))
        return console
    }

    @Test func helpMentionsHistorySearchAndTheOtherSpellings() {
        let output = runScript(".help\n").console.output
        #expect(output.contains("Ctrl-R searches it"))
        #expect(output.contains("\\? (.help)"))
        #expect(output.contains("refines the last one"))
    }

    @Test func readingAMissingFileSaysWhichPathAndWhy() {
        let run = runScript(".read /nonexistent-segq/tour.segq\n")
        #expect(run.status == 1)
        #expect(run.console.errors == "error: cannot read `/nonexistent-segq/tour.segq`: No such file or directory\n")
        let folder = runScript(".read /\n")
        #expect(folder.console.errors.contains("cannot read `/`: Is a directory"))
    }

    @Test func errorsInAReadFileNameTheFileAndLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("segq-read-\(getpid()).segq").path
        try "# a comment\ntag = \"VIP\"\n\n.sav x\n(tag = \"VIP\"\n or tag = \"X\")\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = runScript(".read \(path)\n.bogus\n")
        #expect(run.console.errors.contains("\(path):4: error: unknown command `.sav`"))
        // Back in the outer script, which has no name here: no location.
        #expect(run.console.errors.contains("\nerror: unknown command `.bogus`"))
        #expect(run.engine.origins == [QueryOrigin(name: path, line: 2), QueryOrigin(name: path, line: 5)])
    }

    @Test func aNamedScriptLocatesItsQueries() {
        let engine = FakeEngine()
        let session = REPLSession(engine: engine, console: RecordingConsole(), settings: REPLSettings(interactive: false))
        _ = session.run(ScriptLineReader(name: "stdin", text: "\n\ntag = \"VIP\" and\n  tag = \"X\"\nand tag = \"Y\"\n"))
        // The refinement runs text of its own: it is not located in the script.
        #expect(engine.origins == [QueryOrigin(name: "stdin", line: 3)])
    }
}
