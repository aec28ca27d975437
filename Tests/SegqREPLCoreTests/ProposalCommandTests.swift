import Testing
@testable import SegqREPLCore

/// `.proposals`, `.approve`, `.cancel`: only a person at a terminal
/// approves; `y`/`yes` approves, any other answer cancels; Ctrl-C or the
/// end of input leaves the proposal pending.
@Suite struct ProposalCommandTests {
    func interactive(_ lines: [String]) -> (status: Int32, console: RecordingConsole, engine: FakeEngineWithProposals) {
        let engine = FakeEngineWithProposals()
        let console = RecordingConsole()
        let session = REPLSession(engine: engine, console: console, settings: REPLSettings(interactive: true))
        let status = session.run(TypedLines(lines))
        return (status, console, engine)
    }

    @Test func approveIsRefusedInAScript() {
        let engine = FakeEngineWithProposals()
        let console = RecordingConsole()
        let session = REPLSession(engine: engine, console: console, settings: REPLSettings(interactive: false))
        let status = session.run(ScriptLineReader(text: ".approve p1\ny\n"))
        #expect(status == 1)
        #expect(console.errors.hasPrefix("error: approving needs a person at a terminal\n"))
        #expect(!engine.book.calls.contains { $0.hasPrefix("approve") })
        #expect(engine.book.calls.isEmpty)
    }

    @Test func yesApprovesAndAnythingElseCancels() {
        for answer in ["y", "yes", " YES "] {
            let run = interactive([".approve p1", answer])
            #expect(run.engine.book.calls == ["review p1", "approve p1"], "answer \(answer)")
            #expect(run.console.output.contains("Proposal p1 — pending"))
        }
        for answer in ["", "n", "no", "approve", "yess"] {
            let run = interactive([".approve p1", answer])
            #expect(run.engine.book.calls == ["review p1", "cancel p1"], "answer \(answer)")
        }
    }

    @Test func endOfInputAtTheQuestionLeavesItPending() {
        let run = interactive([".approve p1"])
        #expect(run.engine.book.calls == ["review p1"])
        #expect(run.console.output.contains("Not decided; the proposal stays pending."))
    }

    @Test func decidedOrStaleProposalsAreShownAndRefused() {
        let run = interactive([".approve p2", ".approve p3", ".cancel p3"])
        #expect(run.engine.book.calls == ["review p2", "review p3", "review p3"])
        #expect(run.console.errors.contains("error: proposal p2 was already approved"))
        #expect(run.console.errors.contains("is stale: referenced segment \"VIP\" was redefined"))
        #expect(run.console.output.contains("Proposal p3 — stale"))
    }

    @Test func aWrongIdNamesNoOther() {
        let run = interactive([".approve p9"])
        #expect(run.console.errors == "error: no proposal with id \"p9\"\n")
        #expect(!run.console.errors.contains("p1"))
    }

    @Test func cancelAndListRunInScripts() {
        let engine = FakeEngineWithProposals()
        let console = RecordingConsole()
        let session = REPLSession(engine: engine, console: console, settings: REPLSettings(interactive: false))
        #expect(session.run(ScriptLineReader(text: ".proposals\n.cancel p1\n")) == 0)
        #expect(engine.book.calls == ["review p1", "cancel p1"])
        #expect(console.output.contains("p1  pending"))
    }

    @Test func anEngineWithoutProposalsSaysSo() {
        let run = runScript(".proposals\n")
        #expect(run.status == 1)
        #expect(run.console.errors == "error: this engine has no proposals\n")
    }
}
