import SegqBasics
import Foundation
import Testing
import TestSupport
@testable import SegqREPLCore

/// The REPL session in script mode: input state machine, dot-commands,
/// preview, exit status.
@Suite struct SessionTests {
    @Test func queryShowsThePreview() {
        let run = runScript("tag = \"VIP\"\n")
        #expect(run.status == 0)
        #expect(run.console.output == """
            Group 1:  tag = "VIP"

            Friends who match tag = "VIP".

            3 friends match.
             id | name     | added      | tags
            ----+----------+------------+------
             U1 | Friend 1 | 2026-01-01 | VIP
             U2 | Friend 2 | 2026-01-02 |
             U3 | Friend 3 | 2026-01-03 |

            """)
        #expect(run.console.errors.isEmpty)
        #expect(run.engine.calls == ["compile tag = \"VIP\"", "evaluate tag = \"VIP\" limit 10"])
    }

    @Test func multiLineQueryIsOneEvaluation() {
        let run = runScript("(tag = \"VIP\" or\n tag = \"X\")\n")
        #expect(run.engine.calls.first == "compile (tag = \"VIP\" or\n tag = \"X\")")
        #expect(run.engine.calls.count == 2)
    }

    @Test func failedQueryMakesTheScriptFailButGoesOn() {
        let run = runScript("error here\ntag = \"VIP\"\n")
        #expect(run.status == 1)
        #expect(run.console.errors == "error[E0001]: bad query `error here`\n")
        #expect(run.console.output.contains("3 friends match."))
    }

    @Test func warningsGoToTheErrorChannelAndDoNotFail() {
        let engine = FakeEngine()
        engine.warnings = "warning[W0001]: something"
        let run = runScript("tag = \"VIP\"\n", engine: engine)
        #expect(run.status == 0)
        #expect(run.console.errors == "warning[W0001]: something\n")
    }

    @Test func unknownCommandFailsWithDidYouMean() {
        let run = runScript(".sav x\n")
        #expect(run.status == 1)
        #expect(run.console.errors.hasPrefix("error: unknown command `.sav`; did you mean `.save`"))
    }

    @Test func unfinishedQueryAtEndOfScriptIsStillEvaluated() {
        let run = runScript("(tag = \"VIP\"")
        #expect(run.engine.calls.first == "compile (tag = \"VIP\"")
    }

    @Test func quitStopsReading() {
        let run = runScript(".quit\ntag = \"VIP\"\n")
        #expect(run.engine.calls.isEmpty)
        #expect(run.status == 0)
    }

    @Test func bailStopsAtTheFirstFailure() {
        let run = runScript(".bail on\nerror 1\ntag = \"VIP\"\n")
        #expect(run.status == 1)
        #expect(!run.engine.calls.contains { $0.hasPrefix("evaluate") })
    }

    @Test func echoPrintsTheInput() {
        let run = runScript(".echo on\n.print hello   world\n")
        #expect(run.console.output == ".print hello   world\nhello world\n")
    }

    @Test func countFormatAndCountCommandAskForNoRows() {
        let run = runScript(".format count\ntag = \"VIP\"\n.format table\n.count tag = \"X\"\n")
        #expect(run.console.output == "3\n3 friends\n")
        #expect(run.engine.calls.filter { $0.hasPrefix("evaluate") } == ["evaluate tag = \"VIP\" limit 0", "evaluate tag = \"X\" limit 0"])
    }

    @Test func idsJsonlAndCsvFormats() {
        #expect(runScript(".mode ids\nq\n").console.output == "U1\nU2\nU3\n")
        let jsonl = runScript(".format jsonl\n.limit 1\nq\n").console.output
        #expect(jsonl == "{\"id\":\"U1\",\"name\":\"Friend 1\",\"added_at\":\"2026-01-01\",\"tags\":[\"VIP\"]}\n")
        #expect(runScript(".format csv\n.limit 2\nq\n").console.output == "id,name,added_at,tags\nU1,Friend 1,2026-01-01,VIP\nU2,Friend 2,2026-01-02,\n")
    }

    @Test func limitAndFooter() {
        let engine = FakeEngine()
        engine.count = 25
        let run = runScript(".limit 2\nq\n", engine: engine)
        #expect(run.console.output.hasSuffix("(first 2 of 25)\n"))
        #expect(run.console.output.contains("25 friends match."))
        #expect(runScript(".limit lots\n").status == 1)
    }

    @Test func timerShowsTheTimeTaken() {
        let run = runScript(".timer on\nq\n")
        #expect(run.console.output.hasSuffix("(2.0 ms)\n"))
    }

    @Test func interruptedEvaluationIsReported() {
        let engine = FakeEngine()
        engine.evaluationOverride = .cancelled
        let run = runScript("q\n", engine: engine)
        #expect(run.console.errors == "Interrupted.\n")
        #expect(run.status == 1)
    }

    @Test func saveUsesTheLastQueryAndNoApproval() {
        let run = runScript("tag = \"VIP\"\n.save \"VIP friends\"\n.save Other shopify.linked\n")
        #expect(run.engine.calls.contains("save VIP friends: tag = \"VIP\" approved -"))
        #expect(run.engine.calls.contains("save Other: shopify.linked approved -"))
        #expect(run.console.output.hasSuffix("Saved VIP friends.\nSaved Other.\n"))
    }

    @Test func saveWithoutAnyQueryFails() {
        let run = runScript(".save Name\n")
        #expect(run.status == 1)
        #expect(run.console.errors == "error: no query given, and no earlier query to save\n")
    }

    @Test func groupsShowsNormalizedTextAndHash() {
        let run = runScript(".groups tag = \"VIP\"\n")
        #expect(run.console.output == "Group 1:  tag = \"VIP\"\n\nnormalized: tag = \"VIP\"\nhash: hash:tag = \"VIP\"\n")
    }

    @Test func inspectionsDefaultToTheLastQuery() {
        let run = runScript("tag = \"VIP\"\n.ast\n.explain shopify.linked\n")
        #expect(run.console.output.hasSuffix("(tree tag = \"VIP\")\nSCAN shopify.linked\n"))
        #expect(runScript(".ast\n").status == 1)
    }

    @Test func schemaListsFieldsWithTypes() {
        let run = runScript(".schema shopify.p\n")
        #expect(run.console.output == " field             | type\n-------------------+------\n shopify.purchases | int\n")
        #expect(runScript(".schema nothing\n").status == 1)
    }

    @Test func segmentCommandsReachTheEngine() {
        let run = runScript(".drop \"Old one\" --force\n.export Newcomers out.csv\n.export Newcomers\n.format jsonl\n.export Newcomers\n.drop\n")
        #expect(run.engine.calls == ["drop Old one force true", "export Newcomers csv out.csv", "export Newcomers csv -",
                                  "export Newcomers jsonl -"])
        #expect(run.status == 1)  // `.drop` without a name
        #expect(run.console.errors.contains("usage: .drop NAME [--force]"))
    }

    @Test func whyAndTagFolderReachTheEngine() {
        let run = runScript("tag = \"VIP\"\n.why U1\n.why U2 tag = \"X\"\n.tag folder VIP Loyalty\n.tag folder VIP --none\n.tag VIP\n")
        #expect(run.engine.calls.filter { $0.hasPrefix("why") || $0.hasPrefix("tag") }
            == ["why U1: tag = \"VIP\"", "why U2: tag = \"X\"", "tag folder VIP Loyalty", "tag folder VIP --none"])
        #expect(run.console.output.contains("tag \"VIP\" is in folder \"Loyalty\""))
        #expect(run.status == 1)  // `.tag VIP` is not a tag command
    }

    @Test func settingsCommands() {
        let run = runScript(".tz Asia/Tokyo\n.tz\n.now 2026-01-01T00:00:00Z\n.now\n.now reset\n.now\n.tz Nowhere\n")
        #expect(run.console.output == "time zone: Asia/Tokyo\nnow: 2026-01-01T00:00:00Z\nnow: the current time\n")
        #expect(run.status == 1)
    }

    @Test func showWithoutNameListsSettings() {
        let run = runScript(".limit all\n.show\n")
        #expect(run.console.output.contains("limit:   all"))
        #expect(run.console.output.contains("format:  table"))
    }

    @Test func formatDidYouMean() {
        let run = runScript(".format jsnol\n")
        #expect(run.console.errors == "error: unknown format `jsnol`; did you mean `jsonl`? (one of table, box, markdown, line, count, ids, jsonl, json, csv)\n")
    }

    @Test func readRunsAFileAndOutputRedirectsResults() throws {
        let folder = try ScratchFolder("session")
        let script = folder.path("q.segq")
        let out = folder.path("out.txt")
        try "# ids\n.format ids\ntag = \"VIP\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        let run = runScript(".output \(out)\n.read \(script)\n.output\n.print done\n")
        #expect(run.status == 0)
        #expect(run.console.output == "done\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "U1\nU2\nU3\n")
        #expect(runScript(".read /nonexistent/file\n").status == 1)
    }

    @Test func readNestingIsBounded() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segq-loop-\(getpid()).segq").path
        try ".read \(file)\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = runScript(".read \(file)\n")
        #expect(run.status == 1)
        #expect(run.console.errors.contains("nested more than"))
    }

    @Test func tablesFollowTheMeasuredTerminalWidth() {
        let engine = FakeEngine()
        let console = RecordingConsole()
        let session = REPLSession(engine: engine, console: console, settings: REPLSettings(interactive: false))
        session.measureTerminalWidth = { 30 }
        _ = session.run(ScriptLineReader(text: "a long query that makes a long summary\n"))
        let table = console.output.split(separator: "\n").filter { $0.contains("|") || $0.hasPrefix("--") }
        #expect(table.count == 5)
        #expect(table.allSatisfy { DisplayWidth.of($0) <= 30 })
    }

    @Test func helpForOneCommand() {
        let run = runScript(".help .save\n.help nope\n")
        #expect(run.console.output.hasPrefix(".save NAME [--folder F] [--static] [--replace] [QUERY]\n  Save a query"))
        #expect(run.status == 1)
    }
}
