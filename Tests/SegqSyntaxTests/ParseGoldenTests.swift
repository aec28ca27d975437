import Testing
import TestSupport
@testable import SegqSyntax

/// Walks `Golden/parse`: each `<case>.segq` is parsed and `<case>.parse`
/// holds the expected tree dump (`SyntaxTreePrinter`), then the rendered
/// diagnostics (`DiagnosticRenderer`, no colour). One trailing line break of
/// the input file is not part of the query. A first line
/// `# limits: maxDepth=3 maxConditions=2 maxQueryBytes=10 maxDiagnostics=5`
/// (a comment, so part of the query) lowers limits for that case.
/// Record with `SEGQ_RECORD=1`.
@Suite struct ParseGoldenTests {
    static let cases = Golden.cases("parse", minimum: 150)

    static func output(for text: String) -> String {
        let result = QueryParser.parse(text, limits: limits(in: text))
        var out = SyntaxTreePrinter.dump(result)
        out += "--- diagnostics\n"
        out += result.diagnostics.isEmpty ? "none\n" : DiagnosticRenderer.render(result.diagnostics, in: result.source)
        return out
    }

    static func limits(in text: String) -> Limits {
        var limits = Limits()
        guard text.hasPrefix("# limits:") else { return limits }
        let header = text.prefix { $0 != "\n" }.dropFirst("# limits:".count)
        for setting in header.split(separator: " ") {
            let parts = setting.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            switch parts[0] {
            case "maxDepth": limits.maxDepth = value
            case "maxConditions": limits.maxConditions = value
            case "maxQueryBytes": limits.maxQueryBytes = value
            case "maxDiagnostics": limits.maxDiagnostics = value
            default: break
            }
        }
        return limits
    }

    static func query(_ golden: GoldenCase) -> String {
        var text = golden.input
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 90)
    }

    @Test(arguments: cases)
    func golden(_ golden: GoldenCase) {
        if let mismatch = Golden.check(Self.output(for: Self.query(golden)), against: golden, ext: "parse") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    /// Every lexical and syntax code the parser can emit has a golden case.
    /// (E0007, invalid UTF-8, cannot arise from a `String`: decoding has
    /// already replaced bad bytes with U+FFFD, which is E0001.)
    @Test func everyParserCodeHasACase() {
        let outputs = Self.cases.map { Self.output(for: Self.query($0)) }.joined()
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
