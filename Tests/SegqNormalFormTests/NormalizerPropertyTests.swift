import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import TestSupport

/// Laws of the normaliser on generated queries, judged by the reference
/// evaluator over generated friends that include missing values:
/// the normal form matches exactly the friends the query matches, at
/// several `now`s and time zones (time values stay symbolic, so it must
/// hold for every one); normalising is idempotent, both on the form itself
/// and on its printed text read back.
private let friends = RandomFriends.make(count: 160, seed: 11)
private let segments = RandomFriends.segmentMembers(of: friends, seed: 11)
private let contexts: [EvaluationContext] = [
    RandomVocabulary.context,
    EvaluationContext(now: RandomVocabulary.now + 49_020_000, timeZone: TimeZone(identifier: "Australia/Lord_Howe")!),
    EvaluationContext(now: RandomVocabulary.now - 3 * 86_400_000 - 1, timeZone: TimeZone(identifier: "UTC")!),
]
private let checker = Checker(schema: RandomVocabulary.schema)

/// The normal form as a query: an OR of ANDs.
func query(of form: NormalForm) -> TypedQuery {
    TypedQuery(.or(form.groups.map { .and($0.conditions.map(QueryNode.condition), nil) }, nil))
}

/// Smaller queries to try when one fails: each operand alone, and the
/// node without one of its operands.
private func shrinks(_ node: QueryNode) -> [QueryNode] {
    switch node {
    case .condition, .constant: return []
    case .not(let x, let s): return [x] + shrinks(x).map { .not($0, s) }
    case .and(let xs, let s), .or(let xs, let s):
        var isAnd = false
        if case .and = node { isAnd = true }
        func make(_ ys: [QueryNode]) -> QueryNode { isAnd ? .and(ys, s) : .or(ys, s) }
        var out = xs
        if xs.count > 2 { out += xs.indices.map { i in make(xs.enumerated().filter { $0.offset != i }.map(\.element)) } }
        for (i, x) in xs.enumerated() {
            for y in shrinks(x) { var ys = xs; ys[i] = y; out.append(make(ys)) }
        }
        return out
    }
}

/// The smallest query still failing `fails`, by greedy shrinking.
func minimized(_ q: TypedQuery, _ fails: (TypedQuery) -> Bool) -> TypedQuery {
    var current = q
    var progress = true
    while progress {
        progress = false
        for candidate in shrinks(current.root) where fails(TypedQuery(candidate)) {
            current = TypedQuery(candidate)
            progress = true
            break
        }
    }
    return current
}

@Test func normalFormMatchesTheSameFriends() {
    var generator = RandomQueries(seed: 90210)
    let evaluators = contexts.map { ReferenceEvaluator(context: $0, segmentMembers: segments) }
    var checked = 0
    for i in 0..<2500 {
        let q = generator.query(depth: 4)
        guard let form = Normalizer().normalize(q).normalForm else { continue }
        let nf = query(of: form)
        // Every context for the first few hundred queries, one after.
        for evaluator in (i < 300 ? evaluators : [evaluators[i % evaluators.count]]) {
            let expected = evaluator.matchingIDs(q, in: friends)
            let actual = evaluator.matchingIDs(nf, in: friends)
            if actual != expected {
                let small = minimized(q) { q in
                    guard let f = Normalizer().normalize(q).normalForm else { return false }
                    return evaluator.matchingIDs(q, in: friends) != evaluator.matchingIDs(query(of: f), in: friends)
                }
                let smallForm = Normalizer().normalize(small).normalForm.map(QueryPrinter.text) ?? "-"
                Issue.record("""
                    smallest failing query: \(QueryPrinter.text(of: small))
                      its normal form:      \(smallForm)
                    query \(i) differs at now=\(evaluator.context.now) \(evaluator.context.timeZone.identifier)
                      query:  \(QueryPrinter.text(of: q))
                      normal: \(QueryPrinter.text(of: form))
                      only in query: \(Set(expected).subtracting(actual).sorted().prefix(5))
                      only in normal form: \(Set(actual).subtracting(expected).sorted().prefix(5))
                    """)
                return
            }
        }
        checked += 1
    }
    #expect(checked > 2400)
}

@Test func normalizingTheNormalFormGivesItBack() {
    var generator = RandomQueries(seed: 4711)
    for i in 0..<2000 {
        let q = generator.query(depth: 4)
        guard let form = Normalizer().normalize(q).normalForm else { continue }
        let again = Normalizer().normalize(query(of: form)).normalForm
        #expect(again == form, "query \(i): \(QueryPrinter.text(of: q))\n  once:  \(QueryPrinter.text(of: form))\n  twice: \(again.map(QueryPrinter.text) ?? "-")")
        if again != form { return }
    }
}

@Test func printedNormalFormOfGeneratedQueriesIsAFixpoint() {
    var generator = RandomQueries(seed: 1234)
    for i in 0..<1000 {
        let q = generator.query(depth: 3)
        guard let form = Normalizer().normalize(q).normalForm else { continue }
        let text = QueryPrinter.text(of: form)
        let checked = checker.check(text)
        guard let back = checked.query else {
            Issue.record("query \(i): printed normal form does not check: \(text)\n\(checked.diagnostics.map(\.message))")
            return
        }
        let again = Normalizer().normalize(back).normalForm
        #expect(again == form, "query \(i): \(text)\n  again: \(again.map(QueryPrinter.text) ?? "-")")
        #expect(again.map(QueryPrinter.text) == text, "query \(i)")
        if again != form { return }
    }
}

/// Queries over only two or three fields, so that conditions on the same
/// field meet in one group and every same-field rule (ranges, lists,
/// presence, link facts, sets) is exercised.
private struct FewFieldQueries {
    var generator: RandomQueries
    var fields: [(Field, ValueType)] = []

    init(seed: UInt64) { generator = RandomQueries(seed: seed) }

    mutating func query() -> TypedQuery {
        let all = RandomQueries.fields
        fields = (0..<generator.rng.int(1...3)).map { _ in generator.rng.pick(all) }
        if generator.rng.chance(0.3) { fields.append((.shopifyLinked, .bool)) }
        return TypedQuery(node(depth: 3))
    }

    mutating func node(depth: Int) -> QueryNode {
        if depth <= 0 || generator.rng.chance(0.3) {
            let (f, t) = generator.rng.pick(fields)
            return .condition(generator.condition(on: f, type: t))
        }
        switch generator.rng.int(0...4) {
        case 0, 1: return .and((0..<generator.rng.int(2...3)).map { _ in node(depth: depth - 1) }, nil)
        case 2, 3: return .or((0..<generator.rng.int(2...3)).map { _ in node(depth: depth - 1) }, nil)
        default: return .not(node(depth: depth - 1), nil)
        }
    }
}

@Test func sameFieldRewritesKeepTheMeaning() {
    var generator = FewFieldQueries(seed: 31337)
    let evaluators = contexts.map { ReferenceEvaluator(context: $0, segmentMembers: segments) }
    for i in 0..<2500 {
        let q = generator.query()
        guard let form = Normalizer().normalize(q).normalForm else { continue }
        let evaluator = evaluators[i % evaluators.count]
        func fails(_ q: TypedQuery) -> Bool {
            guard let f = Normalizer().normalize(q).normalForm else { return false }
            return evaluator.matchingIDs(q, in: friends) != evaluator.matchingIDs(query(of: f), in: friends)
        }
        if fails(q) {
            let small = minimized(q, fails)
            Issue.record("""
                query \(i) differs at now=\(evaluator.context.now) \(evaluator.context.timeZone.identifier)
                  smallest failing query: \(QueryPrinter.text(of: small))
                  its normal form:        \(Normalizer().normalize(small).normalForm.map(QueryPrinter.text) ?? "-")
                """)
            return
        }
        let again = Normalizer().normalize(query(of: form)).normalForm
        if again != form {
            Issue.record("query \(i) not idempotent: \(QueryPrinter.text(of: q))\n  once:  \(QueryPrinter.text(of: form))\n  twice: \(again.map(QueryPrinter.text) ?? "-")")
            return
        }
    }
}

/// With a small group limit, every query either normalises within the
/// limit or is refused with one E0304 error (and no normal form).
@Test func groupLimitIsAlwaysRespected() {
    var generator = RandomQueries(seed: 99)
    var refused = 0
    for i in 0..<1500 {
        let q = generator.query(depth: 4)
        let result = Normalizer(limits: Limits(maxGroups: 4)).normalize(q)
        if let form = result.normalForm {
            #expect(form.groups.count <= 4, "query \(i)")
            #expect(!result.diagnostics.hasErrors, "query \(i)")
        } else {
            refused += 1
            #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == [.tooManyGroups], "query \(i)")
        }
    }
    #expect(refused > 0)
}

/// The same law without a store schema: properties are untyped, and the
/// normaliser must not reason about their values.
@Test func untypedPropertiesKeepTheMeaning() {
    func untyped(_ node: QueryNode) -> QueryNode {
        switch node {
        case .condition(var c):
            if case .hubspotProperty = c.field { c.type = .untyped }
            if case .klaviyoProperty = c.field { c.type = .untyped }
            return .condition(c)
        case .and(let xs, let s): return .and(xs.map(untyped), s)
        case .or(let xs, let s): return .or(xs.map(untyped), s)
        case .not(let x, let s): return .not(untyped(x), s)
        case .constant: return node
        }
    }
    var generator = FewFieldQueries(seed: 2718)
    let evaluator = ReferenceEvaluator(context: contexts[0], segmentMembers: segments)
    for i in 0..<1500 {
        let q = TypedQuery(untyped(generator.query().root))
        func fails(_ q: TypedQuery) -> Bool {
            guard let f = Normalizer().normalize(q).normalForm else { return false }
            return evaluator.matchingIDs(q, in: friends) != evaluator.matchingIDs(query(of: f), in: friends)
        }
        if fails(q) {
            let small = minimized(q, fails)
            Issue.record("query \(i): smallest failing query: \(QueryPrinter.text(of: small))\n  its normal form: \(Normalizer().normalize(small).normalForm.map(QueryPrinter.text) ?? "-")")
            return
        }
    }
}
