import Testing
import SegqBasics
import SegqSyntax
@testable import SegqSemantics

/// Parse + check on generated token soup (a fixed seed, so a failure
/// reproduces): the checker never traps, keeps its contract that a typed
/// query exists exactly when no diagnostic is an error, and points every
/// diagnostic inside the query.
@Suite struct CheckerTokenSoupTests {
    static let vocabulary: [String] = [
        "tag", "name", "id", "added", "segment", "shopify.linked", "shopify.purchases", "shopify.tag",
        "shopify.last_purchase", "shopify.abandoned_cart", "hubspot.stage", "hubspot.score", "hubspot.vip",
        "hubspot.`lead status`", "hubspot.`segment`", "hubspot.segment", "klaviyo.city", "klaviyo.list",
        "klaviyo.orders", "shopfy.purchases", "hubspot", "Tag", "a.b.c",
        "=", "!=", "<", "<=", ">", ">=", "(", ")", ",", "and", "or", "not", "in", "between", "contains",
        "starts with", "ends with", "is", "null", "empty", "within", "true", "false", "today", "yesterday", "now",
        "\"VIP\"", "\"vip\"", "'Repeat customers'", "\"3\"", "3", "-1", "2.5", "0", "2026-06-01",
        "2026-06-01T09:30:00Z", "-7d", "7d", "+3d", "-24h", "-1mo", "-1y", "\"\"",
    ]

    static func soup(_ rng: inout SplitMix64) -> String {
        let count = Int(rng.next() % 12) + 1
        return (0..<count).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
            .joined(separator: " ")
    }

    static let fields = Array(vocabulary[0..<23])
    static let tests = ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "between", "not between", "contains",
                        "not contains", "starts with", "ends with", "is null", "is not null", "is empty",
                        "is not empty", "within", ""]
    static let literals = Array(vocabulary[44...])

    /// `field test operands`, joined by `and`/`or`, sometimes under `not`:
    /// grammatical, but with random (often ill-typed) fields and literals.
    static func conditions(_ rng: inout SplitMix64) -> String {
        func pick(_ xs: [String]) -> String { xs[Int(rng.next() % UInt64(xs.count))] }
        let count = Int(rng.next() % 4) + 1
        return (0..<count).map { _ in
            let test = pick(tests)
            var c = pick(fields) + (test.isEmpty ? "" : " " + test)
            switch test {
            case "in", "not in": c += " (\(pick(literals)), \(pick(literals)))"
            case "between", "not between": c += " \(pick(literals)) and \(pick(literals))"
            case "is null", "is not null", "is empty", "is not empty", "": break
            default: c += " " + pick(literals)
            }
            return rng.next() % 4 == 0 ? "not " + c : c
        }.joined(separator: rng.next() % 2 == 0 ? " and " : " or ")
    }

    @Test func tokenSoupKeepsTheContract() {
        var rng = SplitMix64(seed: 0x5E6D_0001)
        let checkers = [Checker(schema: storeSchema, catalog: storeCatalog), Checker(schema: .default),
                        Checker(schema: noKlaviyoSchema)]
        var accepted = 0
        for i in 0..<3_000 {
            let text = i % 2 == 0 ? Self.soup(&rng) : Self.conditions(&rng)
            let parsed = QueryParser.parse(text)
            let result = checkers[i % checkers.count].check(parsed)
            if (result.query == nil) != result.diagnostics.hasErrors {
                Issue.record("contract broken for `\(text)`: \(result.diagnostics.map(\.message))")
            }
            let size = parsed.source.bytes.count
            for d in result.diagnostics where d.span.offset < 0 || d.span.end > size {
                Issue.record("span \(d.span) outside `\(text)` for \(d.code.rawValue)")
            }
            #expect(Array(result.diagnostics.prefix(parsed.diagnostics.count)) == parsed.diagnostics)
            if result.query != nil { accepted += 1 }
        }
        // The soup must exercise accepted queries too, not only errors.
        #expect(accepted > 50)
    }
}
