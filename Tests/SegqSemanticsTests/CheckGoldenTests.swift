import Testing
import SegqSyntax
import TestSupport
@testable import SegqSemantics

/// Golden files for checking: `Golden/check/<case>.segq` holds a query
/// whose first line is a comment naming the schema it is checked against
/// (`# schema: store`, `store+catalog`, `store+catalog+hints` (near-duplicate
/// value hints on), `default` or `no-klaviyo`).
/// `<case>.txt` is the diagnostics rendered for people followed by the
/// typed query; `<case>.json` the diagnostics as `check --json` prints them.
@Suite struct CheckGoldenTests {
    static let cases = Golden.cases("check", minimum: 125)

    /// The checker a case asks for in its first line.
    static func checker(for input: String) -> Checker? {
        guard let header = input.split(separator: "\n", maxSplits: 1).first,
              header.hasPrefix("# schema: ") else { return nil }
        switch header.dropFirst("# schema: ".count) {
        case "store": return Checker(schema: storeSchema)
        case "store+catalog": return Checker(schema: storeSchema, catalog: storeCatalog)
        case "store+catalog+hints":
            var checker = Checker(schema: storeSchema, catalog: storeCatalog)
            checker.hintsNearDuplicateValues = true
            return checker
        case "store+keyed-tags": return Checker(schema: storeSchema, catalog: CheckFixtures.keyedTagCatalog)
        case "default": return Checker(schema: .default)
        case "no-klaviyo": return Checker(schema: noKlaviyoSchema)
        default: return nil
        }
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases)
    func golden(_ golden: GoldenCase) throws {
        let input = golden.input
        let checker = try #require(Self.checker(for: input), "\(golden.name): missing or unknown `# schema:` line")
        let parsed = QueryParser.parse(input)
        let result = checker.check(parsed)
        #expect((result.query == nil) == result.diagnostics.hasErrors)

        var text = DiagnosticRenderer.render(result.diagnostics, in: parsed.source)
        if !text.isEmpty { text += "\n" }
        text += result.query.map { "--- typed query\n" + dump($0) + "\n" } ?? "--- no typed query\n"
        if let mismatch = Golden.check(text, against: golden, ext: "txt") { Issue.record("\(mismatch)") }

        let json = JSONValue.object([
            ("ok", .bool(!result.diagnostics.hasErrors)),
            ("diagnostics", DiagnosticJSON.json(result.diagnostics, in: parsed.source)),
        ])
        if let mismatch = Golden.check(json.pretty() + "\n", against: golden, ext: "json") {
            Issue.record("\(mismatch)")
        }
    }

    /// Every code the checker emits appears in at least one golden case.
    @Test func everyCheckerCodeHasAGoldenCase() {
        let checkerCodes: Set<DiagnosticCode> = [
            .integrationNotInStore, .unknownField, .unknownProperty, .unknownSegment, .typeMismatch, .testNotAllowed,
            .nonIntegralNumber, .bareFieldNotBool, .reversedRange, .invalidWithin, .untypedProperty, .caseMismatch,
            .negationIncludesUnlinked, .valueMatchesNoFriend, .alwaysTrueCondition, .alwaysFalseCondition,
        ]
        var seen: Set<DiagnosticCode> = []
        for golden in Self.cases {
            guard let checker = Self.checker(for: golden.input) else { continue }
            seen.formUnion(checker.check(golden.input).diagnostics.map(\.code))
        }
        #expect(checkerCodes.subtracting(seen).isEmpty, "no golden case for \(checkerCodes.subtracting(seen))")
    }
}
