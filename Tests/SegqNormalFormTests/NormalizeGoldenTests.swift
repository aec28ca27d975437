import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import TestSupport
import Segq

/// Golden files for normalising: `Golden/normalize/<case>.segq` holds a
/// query (checked against `RandomVocabulary.schema`: HubSpot `stage`,
/// `score` (number), `vip` (bool), Klaviyo `city`, `orders` (number));
/// `<case>.normal` is its normal form printed as a query, followed by the
/// checker's warnings and the normaliser's diagnostics rendered for people.
/// Every case also checks that the printed normal form is a fixpoint.
/// The cases run through `segq test`'s engine (`GoldenSuite`) with this
/// output, the schema being a test vocabulary rather than a store.
@Suite struct NormalizeGoldenTests {
    static let directory = Golden.directory("normalize")
    static let cases = (try? GoldenSuite(directory: directory, expectation: "normal").cases) ?? []
    static let checker = Checker(schema: RandomVocabulary.schema)

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 80, "\(Self.directory.path) holds \(Self.cases.count) cases")
    }

    @Test(arguments: cases)
    func golden(_ golden: GoldenCaseFile) {
        let verdict = GoldenSuite.verdict(golden, update: Golden.isRecording) { Self.output($0.fileText) }
        #expect(verdict == .passed || verdict == .updated, "\(golden.name): \(verdict)")
    }

    /// The normal form printed as a query, then the diagnostics; checks
    /// that the printed normal form is a fixpoint.
    static func output(_ input: String) -> String {
        let parsed = QueryParser.parse(input)
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
                #expect(again == form, "the printed normal form is not a fixpoint: \(printed)")
            }
        } else {
            text = "--- does not check\n" + DiagnosticRenderer.render(checked.diagnostics, in: parsed.source) + "\n"
        }
        return text
    }
}
