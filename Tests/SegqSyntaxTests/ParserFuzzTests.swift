import Testing
import SegqBasics
@testable import SegqSyntax

/// The parser's contract on any input: no crash, every span (tokens, tree
/// nodes, diagnostics, suggestions) within the text, tokens in order, and
/// the renderers accept whatever comes out.
@Suite struct ParserFuzzTests {
    static let runs = 3000

    /// Returns a description of the first broken promise, or nil.
    static func violation(in text: String) -> String? {
        let source = SourceFile(text)
        let count = source.bytes.count
        func inside(_ span: Span) -> Bool { span.offset >= 0 && span.length >= 0 && span.end <= count }

        let (tokens, _) = Lexer.tokenize(source)
        var previousEnd = 0
        for token in tokens {
            guard inside(token.span), token.span.offset >= previousEnd else { return "token \(token) out of place" }
            previousEnd = token.span.end
        }
        guard tokens.last?.kind == .endOfInput else { return "no end-of-input token" }

        let result = QueryParser.parse(source)
        for diagnostic in result.diagnostics {
            guard inside(diagnostic.span) else { return "diagnostic span \(diagnostic)" }
            if let span = diagnostic.suggestion?.span, !inside(span) { return "suggestion span \(diagnostic)" }
        }
        var stack = [result.tree]
        while let node = stack.popLast() {
            guard inside(node.span) else { return "node span \(node.span)" }
            switch node {
            case .or(let operands, _), .and(let operands, _): stack.append(contentsOf: operands)
            case .not(let operand, _), .parenthesized(let operand, _): stack.append(operand)
            case .error: break
            case .condition(let condition):
                guard inside(condition.field.span), condition.field.segments.allSatisfy({ inside($0.span) })
                else { return "field span" }
                if let span = condition.operatorSpan, !inside(span) { return "operator span" }
            }
        }
        // The renderers must cope with whatever the parser produced.
        _ = DiagnosticRenderer.render(result.diagnostics, in: source, color: true)
        _ = DiagnosticJSON.json(result.diagnostics, in: source).serialized()
        _ = SyntaxTreePrinter.dump(result)
        return nil
    }

    @Test func randomBytesNeverBreakTheContract() {
        var rng = SplitMix64(seed: 0x5E6_0001)
        for run in 0..<Self.runs {
            let length = Int.random(in: 0...120, using: &rng)
            // Half the runs stay in ASCII, where the grammar lives.
            let asciiOnly = run % 2 == 0
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...(asciiOnly ? 0x7F : 0xFF), using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let problem = Self.violation(in: text) {
                Issue.record("run \(run): \(problem) for \(bytes)")
                return
            }
        }
    }

    static let vocabulary = [
        "and", "or", "not", "AND", "Or", "NOT", "in", "between", "is", "null", "empty", "true", "false",
        "contains", "starts", "ends", "with", "within", "today", "yesterday", "now",
        "tag", "name", "shopify.purchases", "hubspot.`lead status`", "klaviyo.now", "shopify.", ".", "`", "``", "`x",
        "=", "!=", "<", "<=", ">", ">=", "==", "<>", "!", "&&", "||", "(", "(", ")", ")", ",",
        "\"VIP\"", "'x'", "\"", "'", "\"a\\qb\"", "\"\\u{1F600}\"", "\"\\u{}\"", "\"unterminated",
        "42", "-3", "2.5", "1.", ".5", "99999999999999999999", "2026-06-01", "2026-02-30", "2026-6-1",
        "2026-06-01T09:30:00Z", "2026-06-01T09:30:00+09:00", "2026-06-01T09:30:00", "-7d", "-4w", "-3mo",
        "-1y", "-24h", "+3d", "-3x", "-1.5d", "@", "*", "[", "]", "“VIP”", "\u{00A0}", "名前", "# comment\n",
        "\n", "\t", "\r\n",
    ]

    @Test func randomTokenSoupNeverBreaksTheContract() {
        var rng = SplitMix64(seed: 0x5E6_0002)
        for run in 0..<Self.runs {
            let length = Int.random(in: 0...30, using: &rng)
            var text = ""
            for _ in 0..<length {
                text += Self.vocabulary.randomElement(using: &rng) ?? ""
                // Usually a space between, sometimes none, so tokens also glue together.
                if Int.random(in: 0..<4, using: &rng) != 0 { text += " " }
            }
            if let problem = Self.violation(in: text) {
                Issue.record("run \(run): \(problem) for \(String(reflecting: text))")
                return
            }
        }
    }

    @Test(arguments: [
        String(repeating: "(", count: 100_000),
        String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000),
        String(repeating: "not (", count: 100_000) + "a",
        String(repeating: "a and (", count: 50_000),
        String(repeating: ")", count: 100_000),
        String(repeating: "tag in (", count: 50_000),
    ])
    func hugeNestingGivesAnErrorNotACrash(text: String) {
        let result = QueryParser.parse(text)
        #expect(result.diagnostics.hasErrors)
        #expect(Self.violation(in: text) == nil)
    }

    @Test func limitIsExactlyTheDepth() {
        let limits = Limits(maxDepth: 5)
        let ok = String(repeating: "(", count: 5) + "a" + String(repeating: ")", count: 5)
        #expect(QueryParser.parse(ok, limits: limits).diagnostics.isEmpty)
        let deep = String(repeating: "(", count: 6) + "a" + String(repeating: ")", count: 6)
        #expect(QueryParser.parse(deep, limits: limits).diagnostics.map(\.code) == [.nestingTooDeep])
    }

    /// The deepest tree the default limit allows is fine to build, print,
    /// compare and hash on a test thread (whose stack is smaller than main's).
    @Test func deepestDefaultTreeIsUsable() {
        let depth = Limits.default.maxDepth / 2
        let text = String(repeating: "not (", count: depth) + "a" + String(repeating: ")", count: depth)
        let result = QueryParser.parse(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.tree == QueryParser.parse(text).tree)
        #expect(Set([result.tree]).count == 1)
        #expect(SyntaxTreePrinter.dump(result.tree).split(separator: "\n").count == 2 * depth + 2)
    }

    @Test func longChainsDoNotNest() {
        // 20,000 conditions in one chain: n-ary, so no depth problem and no diagnostics.
        let text = (0..<20_000).map { "p = \($0)" }.joined(separator: " and ")
        let result = QueryParser.parse(text, limits: Limits(maxConditions: 50_000))
        #expect(result.diagnostics.isEmpty)
        guard case .and(let operands, _) = result.tree else {
            Issue.record("expected one and node")
            return
        }
        #expect(operands.count == 20_000)
    }
}
