import Foundation
import Testing
@testable import SegqREPLCore

/// Ctrl-C while a query compiles or evaluates (the cancellation flag set
/// from the outside, as the SIGINT handler does): the query stops, so does
/// the `.read` file around it, and the next line typed starts afresh.
@Suite struct InterruptTests {
    /// A session on `engine` whose cancellation flag is `flag`.
    func session(_ engine: FakeEngine, _ flag: CancellationFlag) -> (REPLSession, RecordingConsole) {
        let console = RecordingConsole()
        let session = REPLSession(engine: engine, console: console, settings: REPLSettings(interactive: true),
                                  cancellation: flag)
        return (session, console)
    }

    @Test func ctrlCWhileCompilingStopsBeforeTheEvaluation() {
        let engine = FakeEngine()
        let flag = CancellationFlag()
        engine.onCompile = { if $0 == "slow" { flag.cancel() } }
        let (session, console) = session(engine, flag)
        _ = session.run(TypedLines(["slow", "tag = \"VIP\""]))
        #expect(console.errors == "Interrupted.\n")
        // The next line typed is not affected by the earlier Ctrl-C.
        #expect(engine.calls == ["compile slow", "compile tag = \"VIP\"", "evaluate tag = \"VIP\" limit 10"])
        #expect(console.output.contains("3 friends match."))
    }

    @Test func ctrlCStopsTheRestOfAReadFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segq-interrupt-\(UUID().uuidString).segq")
        defer { try? FileManager.default.removeItem(at: file) }
        try "first\nsecond\nthird\n".write(to: file, atomically: true, encoding: .utf8)
        let engine = FakeEngine()
        let flag = CancellationFlag()
        engine.onCompile = { if $0 == "second" { flag.cancel() } }
        let (session, console) = session(engine, flag)
        _ = session.run(TypedLines([".read " + file.path, "after"]))
        #expect(engine.calls.filter { $0.hasPrefix("compile") } == ["compile first", "compile second", "compile after"])
        #expect(console.errors == "Interrupted.\n")  // once, though it stopped the query and the file
    }

    @Test func eachInterruptedQueryIsReported() {
        let engine = FakeEngine()
        engine.evaluationOverride = .cancelled
        let run = runScript("a\nb\n", engine: engine)
        #expect(run.console.errors == "Interrupted.\nInterrupted.\n")
        #expect(run.status == 1)
    }
}
