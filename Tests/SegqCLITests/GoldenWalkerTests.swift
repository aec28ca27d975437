import Testing
import TestSupport

/// A golden walker whose folder vanished fails instead of passing on no cases.
@Test func aGoldenFolderWithTooFewCasesFailsItsWalker() {
    let cases = Golden.cases("no-such-folder", minimum: 1)
    #expect(cases.count == 1)
    let message = cases.first.flatMap { Golden.check("anything", against: $0, ext: "out") }
    #expect(message?.contains("expects at least 1") == true)
}
