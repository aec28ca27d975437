import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import TestSupport

/// Grammar/README.md "The normal form": printed as text, the normal form is a valid query whose
/// normal form is itself (print → parse → check → normalise is a fixpoint),
/// and that text matches the same friends as the normal form.
private let friends = RandomFriends.make(count: 200, seed: 9)
private let evaluator = ReferenceEvaluator(context: RandomVocabulary.context,
                                           segmentMembers: RandomFriends.segmentMembers(of: friends, seed: 9))
private let checker = Checker(schema: RandomVocabulary.schema)
private let normalizer = Normalizer()

private func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.code.rawValue) \($0.message)" }.joined(separator: "; ")
}

/// Checks, for one typed query, that its printed normal form (1) checks,
/// (2) matches the same friends as the normal form, and (3) normalises to
/// the same normal form and text. Returns false when the query was
/// refused (group limit), which is not a failure. Whether the normal form
/// is equivalent to the query is the normaliser's own property test.
@discardableResult
private func checkFixpoint(_ query: TypedQuery, _ label: String, checker: Checker = checker) -> Bool {
    guard let nf = normalizer.normalize(query).normalForm else { return false }
    let text = QueryPrinter.text(of: nf)
    let checked = checker.check(text)
    guard let reread = checked.query else {
        Issue.record("\(label): printed normal form does not check: \(text)\n\(describe(checked.diagnostics))")
        return true
    }
    #expect(evaluator.matchingIDs(reread, in: friends) == evaluator.matchingIDs(nf, in: friends),
            "\(label): printed text means something else than the normal form: \(text)")
    let again = normalizer.normalize(reread)
    guard let nf2 = again.normalForm else {
        Issue.record("\(label): printed normal form does not normalise: \(text)\n\(describe(again.diagnostics))")
        return true
    }
    #expect(nf2 == nf, "\(label): not a fixpoint\n  first:  \(text)\n  second: \(QueryPrinter.text(of: nf2))")
    #expect(QueryPrinter.text(of: nf2) == text, "\(label)")
    return true
}

@Test func printedNormalFormChecksMeansItselfAndIsAFixpoint() {
    var generator = RandomQueries(seed: 4242)
    var normalised = 0
    for i in 0..<1_000 where checkFixpoint(generator.query(depth: 3), "query \(i)") {
        normalised += 1
    }
    #expect(normalised > 900)
}

@Test func writtenQueriesRoundTripThroughTheNormalForm() {
    var generator = RandomQueries(seed: 99)
    var writer = RandomQueryText(seed: 100)
    for i in 0..<500 {
        let text = writer.text(of: generator.query(depth: 3))
        guard let typed = checker.check(text).query else {
            Issue.record("query \(i) does not check: \(text)")
            continue
        }
        checkFixpoint(typed, "query \(i): \(text)")
    }
}

@Test func untypedPropertyNormalFormsAreFixpoints() {
    var generator = RandomQueries(seed: 616, untypedProperties: true)
    for i in 0..<400 {
        checkFixpoint(generator.query(depth: 3), "untyped query \(i)", checker: Checker())
    }
}
