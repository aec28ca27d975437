import Testing
@testable import SegqSyntax

/// Table-driven checks of the parser's contract on small queries: shape of
/// the tree, the diagnostic codes found, and `isIncomplete`.
@Suite struct ParserBasicsTests {
    @Test func parsesAConditionChain() {
        let result = QueryParser.parse(#"tag = "VIP" and shopify.purchases >= 3 or hubspot.stage = "Customer""#)
        guard case .or(let operands, _) = result.tree else {
            Issue.record("expected an or at the top, got \(result.tree)")
            return
        }
        #expect(operands.count == 2)
        guard case .and(let conjuncts, _) = operands[0] else {
            Issue.record("expected an and first")
            return
        }
        #expect(conjuncts.count == 2)
        // Only the mixed and/or warning.
        #expect(result.diagnostics.map(\.code) == [.mixedAndOr])
        #expect(!result.isIncomplete)
    }

    @Test func betweenOwnsItsAnd() {
        let result = QueryParser.parse("shopify.purchases between 1 and 5 and tag = \"a\"")
        #expect(result.diagnostics.isEmpty)
        guard case .and(let conjuncts, _) = result.tree, conjuncts.count == 2,
              case .condition(let c) = conjuncts[0], case .between(false, let low, let high)? = c.test
        else {
            Issue.record("unexpected tree \(result.tree)")
            return
        }
        #expect(low.kind == .integer(1))
        #expect(high.kind == .integer(5))
    }

    @Test(arguments: [
        ("tag =", true), ("a and", true), ("(a", true), ("not", true), ("a or", true),
        ("tag = 1", false), ("a)", false), ("tag = )", false),
    ])
    func incompleteInput(text: String, incomplete: Bool) {
        #expect(QueryParser.parse(text).isIncomplete == incomplete)
    }

    @Test(arguments: [
        ("", DiagnosticCode.emptyQuery),
        ("tag = \"x", .unterminatedString),
        ("tag = \"\\q\"", .unknownEscape),
        ("p = 99999999999999999999", .integerOverflow),
        ("added = 2026-02-30", .invalidDate),
        ("added >= -3x", .invalidRelativeTime),
        ("tag = @", .invalidCharacter),
        ("a and )", .expectedField),
        ("a)", .unmatchedClosingParenthesis),
        ("(a", .unclosedParenthesis),
        ("tag = and b", .expectedValue),
        ("tag foo", .expectedTest),
        ("a b", .expectedTest),
        ("hubspot.`x", .unterminatedBacktick),
        ("p = 1.", .invalidNumber),
    ])
    func reportsTheCode(text: String, code: DiagnosticCode) {
        let result = QueryParser.parse(text)
        #expect(result.diagnostics.map(\.code).contains(code), "\(result.diagnostics)")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        let result = QueryParser.parse(text)
        #expect(result.diagnostics.map(\.code) == [.nestingTooDeep])
        let nots = String(repeating: "not ", count: 100_000) + "a"
        #expect(QueryParser.parse(nots).diagnostics.map(\.code) == [.nestingTooDeep])
        let open = String(repeating: "(", count: 100_000)
        #expect(QueryParser.parse(open).diagnostics.map(\.code).contains(.nestingTooDeep))
    }

    @Test func cappingWarningsDoesNotMakeAnError() {
        let text = (0..<5).map { _ in "(a and b or c)" }.joined(separator: " and ")
        let result = QueryParser.parse(text, limits: Limits(maxDiagnostics: 2))
        #expect(result.diagnostics.map(\.code) == [.mixedAndOr, .mixedAndOr, .tooManyDiagnostics])
        #expect(!result.diagnostics.hasErrors)
        let broken = QueryParser.parse("a and @ and @ and @", limits: Limits(maxDiagnostics: 2))
        #expect(broken.diagnostics.map(\.code) == [.invalidCharacter, .invalidCharacter, .tooManyDiagnostics])
        #expect(broken.diagnostics.last?.severity == .error)
    }

    @Test func limitsHavePositions() {
        let long = QueryParser.parse("tag = \"abc\"", limits: Limits(maxQueryBytes: 4))
        #expect(long.diagnostics.map(\.code) == [.queryTooLong])
        #expect(long.diagnostics.first?.span == Span(offset: 4, length: 7))
        let many = QueryParser.parse("a and b and c", limits: Limits(maxConditions: 2))
        #expect(many.diagnostics.map(\.code) == [.tooManyConditions])
        #expect(many.diagnostics.first?.span == Span(offset: 12, length: 1))
    }
}
