import Testing
import SegqSyntax
@testable import SegqSemantics

/// The `Condition` each written test becomes: negative forms are negated
/// positive twins, `within` a `between` on relative times.
@Suite struct TypedOutputTests {
    static let cases: [(String, String)] = [
        ("name = \"Aiko\"", "name: string equals(string \"Aiko\")"),
        ("name != \"Aiko\"", "name: string not equals(string \"Aiko\")"),
        ("name in (\"a\", \"b\", \"a\")", "name: string oneOf(string \"a\", string \"b\", string \"a\")"),
        ("name not in (\"a\")", "name: string not oneOf(string \"a\")"),
        ("shopify.purchases < 3", "shopify.purchases: int less(int 3)"),
        ("shopify.purchases <= 3", "shopify.purchases: int lessOrEqual(int 3)"),
        ("shopify.purchases > 3", "shopify.purchases: int greater(int 3)"),
        ("shopify.purchases >= 3.0", "shopify.purchases: int greaterOrEqual(int 3)"),
        ("shopify.purchases between 1 and 5", "shopify.purchases: int between(int 1, int 5)"),
        ("shopify.purchases not between 1 and 5", "shopify.purchases: int not between(int 1, int 5)"),
        ("shopify.purchases between 5 and 5", "shopify.purchases: int between(int 5, int 5)"),
        ("hubspot.score > 3", "hubspot.score: number greater(number 3.0)"),
        ("hubspot.score between -1 and 2.5", "hubspot.score: number between(number -1.0, number 2.5)"),
        ("name contains \"ai\"", "name: string contains(\"ai\")"),
        ("name not contains \"ai\"", "name: string not contains(\"ai\")"),
        ("name starts with \"A\"", "name: string startsWith(\"A\")"),
        ("name not starts with \"A\"", "name: string not startsWith(\"A\")"),
        ("name ends with \"a\"", "name: string endsWith(\"a\")"),
        ("name not ends with \"a\"", "name: string not endsWith(\"a\")"),
        ("name is null", "name: string isNull"),
        ("name is not null", "name: string not isNull"),
        ("tag is empty", "tag: set<string> isEmpty"),
        ("tag is not empty", "tag: set<string> not isEmpty"),
        ("tag = \"VIP\"", "tag: set<string> equals(string \"VIP\")"),
        ("tag contains \"vip\"", "tag: set<string> contains(\"vip\")"),
        ("shopify.linked", "shopify.linked: bool equals(bool true)"),
        ("shopify.linked = false", "shopify.linked: bool equals(bool false)"),
        ("shopify.linked != true", "shopify.linked: bool not equals(bool true)"),
        ("hubspot.vip", "hubspot.vip: bool equals(bool true)"),
        ("added within 7d", "added: time between(relative -7d, now)"),
        ("added within -7d", "added: time between(relative -7d, now)"),
        ("added within 24h", "added: time between(relative -24h, now)"),
        ("added within +3d", "added: time between(now, relative +3d)"),
        ("added >= 2026-06-01", "added: time greaterOrEqual(date 2026-06-01)"),
        ("added < today", "added: time less(today)"),
        ("added > yesterday", "added: time greater(yesterday)"),
        ("added <= now", "added: time lessOrEqual(now)"),
        ("added = -1mo", "added: time equals(relative -1mo)"),
        ("added between -1y and +2w", "added: time between(relative -1y, relative +2w)"),
        ("hubspot.`segment` = \"x\"", "hubspot.`segment`: string equals(string \"x\")"),
        ("hubspot.segment = \"x\"", "hubspot.segment: set<string> equals(string \"x\")"),
        ("hubspot.`lead status` = \"OPEN\"", "hubspot.`lead status`: string equals(string \"OPEN\")"),
        ("name = \"Cafe\u{301}\"", "name: string equals(string \"Caf\u{E9}\")"),
        ("TAG = \"VIP\"", "tag: set<string> equals(string \"VIP\")"),
        ("Shopify.Purchases > 1", "shopify.purchases: int greater(int 1)"),
        ("HUBSPOT.Linked", "hubspot.linked: bool equals(bool true)"),
    ]

    @Test(arguments: cases)
    func typed(_ query: String, _ expected: String) throws {
        let result = Checker(schema: storeSchema).check(query)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
        let typed = try #require(result.query)
        #expect(dump(typed) == expected)
    }

    @Test func untypedLiteralsAreTypedAsWritten() throws {
        let result = Checker().check("hubspot.x in (\"a\", 1, 2.5, true)")
        let typed = try #require(result.query)
        #expect(dump(typed) == "hubspot.x: untyped oneOf(string \"a\", number 1.0, number 2.5, bool true)")
        #expect(result.diagnostics.map(\.code) == [.untypedProperty])
    }

    @Test func notWithinIsTheNegationOfWithin() throws {
        let result = Checker(schema: storeSchema).check("added not within 30d")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let typed = try #require(result.query)
        #expect(dump(typed) == """
            not
              added: time between(relative -30d, now)
            """)
    }

    @Test func propertyNamesStayCaseSensitive() {
        // Without a store, `hubspot.Linked` may be a property: W0101 suggests the built-in.
        #expect(Checker().check("hubspot.Linked").diagnostics.map(\.code) == [.untypedProperty])
        let result = Checker(schema: storeSchema).check("hubspot.Stage = \"x\"")
        #expect(result.diagnostics.map(\.code) == [.unknownProperty])
    }

    @Test func structureKeepsNotAndOrAndDropsParentheses() throws {
        let result = Checker().check("not (tag = \"a\" or tag = \"b\") and (shopify.linked)")
        let typed = try #require(result.query)
        #expect(dump(typed) == """
            and
              not
                or
                  tag: set<string> equals(string "a")
                  tag: set<string> equals(string "b")
              shopify.linked: bool equals(bool true)
            """)
    }

    @Test func conditionsCarryTheirSpans() throws {
        let result = Checker().check("tag = \"a\" and  shopify.purchases > 2")
        guard case .and(let children, let span)? = result.query?.root else {
            Issue.record("expected an and node"); return
        }
        #expect(span == Span(offset: 0, length: 36))
        guard case .condition(let second) = children[1] else { Issue.record("expected a condition"); return }
        #expect(second.span == Span(offset: 15, length: 21))
    }

    @Test func longChainsAreCheckedWithoutRecursion() throws {
        let query = (0..<10_000).map { "shopify.purchases > \($0)" }.joined(separator: " or ")
        let result = Checker().check(query)
        guard case .or(let children, _)? = result.query?.root else {
            Issue.record("expected an or node: \(result.diagnostics.prefix(3).map(\.message))"); return
        }
        #expect(children.count == 10_000)
    }

    @Test func independentErrorsAreAllReported() {
        let result = Checker(schema: storeSchema).check(
            "(shopfy.purchases > 1 and name > \"a\") or (tag = 3 and added between 2026-06-02 and 2026-06-01)")
        #expect(result.diagnostics.map(\.code) == [.unknownField, .testNotAllowed, .typeMismatch, .reversedRange])
        #expect(result.query == nil)
    }

    @Test func warningsAloneKeepTheQuery() {
        let result = Checker().check("hubspot.stage = \"Customer\" and added is not null")
        #expect(result.diagnostics.map(\.code) == [.untypedProperty, .alwaysTrueCondition])
        #expect(result.query != nil)
    }

    @Test func untypedWarningIsGivenOncePerProperty() {
        let result = Checker().check("hubspot.stage = \"a\" or hubspot.stage = \"b\" or klaviyo.city = \"c\"")
        #expect(result.diagnostics.map(\.code) == [.untypedProperty, .untypedProperty])
    }
}

@Suite struct DiagnosticLimitTests {
    @Test func excessErrorsEndInOneTooManyDiagnosticsError() throws {
        let query = (0..<150).map { "name > \"\($0)\"" }.joined(separator: " or ")
        let result = Checker().check(query)
        #expect(result.diagnostics.count == 101)
        let last = try #require(result.diagnostics.last)
        #expect(last.code == .tooManyDiagnostics)
        #expect(last.severity == .error)
        #expect(last.message == "too many problems: stopped after 100, 50 more not shown")
        #expect(result.query == nil)
    }

    @Test func excessWarningsEndInANoteAndKeepTheQuery() throws {
        let query = (0..<150).map { "shopify.purchases != \($0)" }.joined(separator: " or ")
        let result = Checker().check(query)
        #expect(result.diagnostics.count == 101)
        #expect(result.diagnostics.last?.code == .tooManyDiagnostics)
        #expect(result.diagnostics.last?.severity == .note)
        #expect(result.query != nil)
    }

    @Test func theLimitFollowsLimits() {
        let query = (0..<10).map { "name > \"\($0)\"" }.joined(separator: " or ")
        var limits = Limits.default
        limits.maxDiagnostics = 3
        #expect(Checker().check(query, limits: limits).diagnostics.map(\.code)
                == [.testNotAllowed, .testNotAllowed, .testNotAllowed, .tooManyDiagnostics])
        #expect(Checker().check(query).diagnostics.count == 10)
    }
}
