import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import TestSupport

/// Golden files for normalising: `Golden/normalize/<case>.segq` holds a
/// query (checked against `RandomVocabulary.schema`: HubSpot `stage`,
/// `score` (number), `vip` (bool), Klaviyo `city`, `orders` (number));
/// `<case>.normal` is its normal form printed as a query, followed by the
/// checker's warnings and the normaliser's diagnostics rendered for people.
/// Every case also checks that the printed normal form is a fixpoint.
@Suite struct NormalizeGoldenTests {
    static let cases = Golden.cases("normalize", minimum: 80)
    static let checker = Checker(schema: RandomVocabulary.schema)

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 50)
    }

    @Test(arguments: cases)
    func golden(_ golden: GoldenCase) {
        let parsed = QueryParser.parse(golden.input)
        let checked = Self.checker.check(parsed)
        var text: String
        if let query = checked.query {
            let result = Normalizer().normalize(query)
            text = result.normalForm.map(QueryPrinter.text) ?? "--- no normal form"
            text += "\n"
            let diagnostics = checked.diagnostics + result.diagnostics
            if !diagnostics.isEmpty { text += DiagnosticRenderer.render(diagnostics, in: parsed.source) + "\n" }
            if let form = result.normalForm {
                let printed = QueryPrinter.text(of: form)
                let again = Self.checker.check(printed).query.flatMap { Normalizer().normalize($0).normalForm }
                #expect(again == form, "\(golden.name): the printed normal form is not a fixpoint: \(printed)")
            }
        } else {
            text = "--- does not check\n" + DiagnosticRenderer.render(checked.diagnostics, in: parsed.source) + "\n"
        }
        if let failure = Golden.check(text, against: golden, ext: "normal") { Issue.record(Comment(rawValue: failure)) }
    }
}
