import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import TestSupport

/// Printing a typed query and reading the text back (parse + check) gives
/// a query that matches the same friends; so does every other way of
/// writing it (`RandomQueryText`). Judged by the reference evaluator over
/// generated friends with missing values.
private let friends = RandomFriends.make(count: 250, seed: 42)
private let evaluator = ReferenceEvaluator(context: RandomVocabulary.context,
                                           segmentMembers: RandomFriends.segmentMembers(of: friends, seed: 42))
private let checker = Checker(schema: RandomVocabulary.schema)

private func reread(_ text: String) -> TypedQuery? {
    let result = checker.check(text)
    return result.query
}

private func errors(_ text: String) -> String {
    checker.check(text).diagnostics.filter { $0.severity == .error }.map { "\($0.code.rawValue) \($0.message)" }
        .joined(separator: "; ")
}

@Test func printedTypedQueriesReadBackToEquivalentQueries() {
    var generator = RandomQueries(seed: 2026)
    for i in 0..<400 {
        let query = generator.query(depth: 3)
        let text = QueryPrinter.text(of: query)
        guard let back = reread(text) else {
            Issue.record("query \(i) does not check: \(text)\n\(errors(text))")
            continue
        }
        let expected = evaluator.matchingIDs(query, in: friends)
        let actual = evaluator.matchingIDs(back, in: friends)
        #expect(actual == expected, "query \(i): \(text)")
        // The printed text never mixes `and` and `or` without parentheses.
        #expect(!checker.check(text).diagnostics.contains { $0.code == .mixedAndOr }, "query \(i): \(text)")
        // Printing what was read gives the same text: the printer is stable.
        #expect(QueryPrinter.text(of: back) == text, "query \(i)")
    }
}

@Test func everyWrittenFormReadsBackToAnEquivalentQuery() {
    var generator = RandomQueries(seed: 7)
    var writer = RandomQueryText(seed: 8)
    for i in 0..<400 {
        let query = generator.query(depth: 3)
        let text = writer.text(of: query)
        guard let back = reread(text) else {
            Issue.record("query \(i) does not check: \(text)\n\(errors(text))")
            continue
        }
        #expect(evaluator.matchingIDs(back, in: friends) == evaluator.matchingIDs(query, in: friends),
                "query \(i): \(text)")
    }
}

@Test func untypedPropertyQueriesReadBackWithoutAStore() {
    let schemaless = Checker()
    var generator = RandomQueries(seed: 515, untypedProperties: true)
    for i in 0..<300 {
        let query = generator.query(depth: 2)
        let text = QueryPrinter.text(of: query)
        guard let back = schemaless.check(text).query else {
            let found = schemaless.check(text).diagnostics.filter { $0.severity == .error }.map(\.message)
            Issue.record("query \(i) does not check: \(text)\n\(found)")
            continue
        }
        #expect(evaluator.matchingIDs(back, in: friends) == evaluator.matchingIDs(query, in: friends), "query \(i): \(text)")
        #expect(QueryPrinter.text(of: back) == text, "query \(i)")
    }
}
