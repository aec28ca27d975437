import Testing
import TestSupport
import Segq
@testable import SegqSyntax

/// Walks `Golden/parse` through `segq test`'s engine (`GoldenSuite`, the
/// facade's `parse` output): each `<case>.segq` is parsed and `<case>.parse`
/// holds the expected tree dump (`SyntaxTreePrinter`), then the rendered
/// diagnostics (`DiagnosticRenderer`, no colour). One trailing line break of
/// the input file is not part of the query. A first line
/// `# limits: maxDepth=3 maxConditions=2 maxQueryBytes=10 maxDiagnostics=5`
/// (a comment, so part of the query) lowers limits for that case
/// (docs/golden-tests.md). Record with `SEGQ_RECORD=1`.
@Suite struct ParseGoldenTests {
    static let directory = Golden.directory("parse")
    static let cases = (try? GoldenSuite(directory: directory, expectation: "parse").cases) ?? []

    static func output(_ golden: GoldenCaseFile) -> String {
        GoldenCaseOutput.parseOutput(golden.query, limits: golden.limits)
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 150, "\(Self.directory.path) holds \(Self.cases.count) cases")
    }

    @Test(arguments: cases)
    func golden(_ golden: GoldenCaseFile) {
        let verdict = GoldenSuite.verdict(golden, update: Golden.isRecording) { Self.output($0) }
        #expect(verdict == .passed || verdict == .updated, "\(golden.name): \(verdict)")
    }

    /// Every lexical and syntax code the parser can emit has a golden case.
    /// (E0007, invalid UTF-8, cannot arise from a `String`: decoding has
    /// already replaced bad bytes with U+FFFD, which is E0001.)
    @Test func everyParserCodeHasACase() {
        let outputs = Self.cases.map(Self.output).joined()
        let codes: [DiagnosticCode] = [
            .invalidCharacter, .unterminatedString, .unknownEscape, .integerOverflow, .invalidDate,
            .invalidRelativeTime, .unterminatedBacktick, .invalidNumber,
            .unexpectedToken, .unclosedParenthesis, .unmatchedClosingParenthesis, .expectedValue, .emptyQuery,
            .expectedField, .expectedTest, .emptyList,
            .queryTooLong, .nestingTooDeep, .tooManyConditions, .tooManyDiagnostics, .mixedAndOr,
        ]
        for code in codes {
            #expect(outputs.contains("[\(code.rawValue)]"), "no golden case shows \(code.rawValue)")
        }
    }
}
