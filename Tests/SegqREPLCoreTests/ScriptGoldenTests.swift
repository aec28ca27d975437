import Testing
import TestSupport
@testable import SegqREPLCore

/// Script mode (`segq < file`) as golden files: each
/// `Golden/script/<case>.segq` is fed to a session on the unit-test fake
/// engine; `<case>.out` holds what standard output and standard error
/// showed, interleaved, then the exit status.
@Suite struct ScriptGoldenTests {
    @Test(arguments: Golden.cases("script", minimum: 9))
    func script(_ golden: GoldenCase) {
        let run = runScript(golden.input)
        let actual = run.console.transcript + "[exit status \(run.status)]\n"
        if let mismatch = Golden.check(actual, against: golden, ext: "out") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test func thereAreCases() {
        #expect(Golden.cases("script", minimum: 9).count >= 6)
    }
}
