import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import TestSupport

/// Golden cases: a query, its canonical normal-form text (`print/*.print`)
/// and its plain-language summary (`summary/*.summary`), all checked
/// against `RandomVocabulary.schema` (typed HubSpot/Klaviyo properties).
private let checker = Checker(schema: RandomVocabulary.schema)

/// The pipeline's normal form of a query, or the errors that stopped it.
private func normalForm(_ text: String) -> Result<NormalForm, GoldenFailure> {
    let checked = checker.check(text)
    guard let typed = checked.query else {
        return .failure(GoldenFailure(checked.diagnostics.map { "\($0.code.rawValue) \($0.message)" }.joined(separator: "\n")))
    }
    let normalized = Normalizer().normalize(typed)
    guard let nf = normalized.normalForm else {
        return .failure(GoldenFailure(normalized.diagnostics.map { "\($0.code.rawValue) \($0.message)" }.joined(separator: "\n")))
    }
    return .success(nf)
}

private struct GoldenFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

@Test(arguments: Golden.cases("print", minimum: 25))
func printGolden(_ golden: GoldenCase) {
    let output: String
    switch normalForm(golden.input) {
    case .success(let nf): output = QueryPrinter.text(of: nf) + "\n"
    case .failure(let f): output = "error\n" + f.message + "\n"
    }
    if let mismatch = Golden.check(output, against: golden, ext: "print") { Issue.record("\(mismatch)") }
}

/// 2026-11-23T10:00:00Z, a Monday.
private let goldenNow = Int64(CalendarDate(year: 2026, month: 11, day: 23).daysSinceEpoch) * 86_400_000 + 10 * 3_600_000

@Test(arguments: Golden.cases("summary", minimum: 20))
func summaryGolden(_ golden: GoldenCase) {
    var output: String
    switch normalForm(golden.input) {
    case .success(let nf):
        output = Summary.text(of: nf) + "\n"
        for zone in ["UTC", "America/New_York"] {
            let context = EvaluationContext(now: goldenNow, timeZone: TimeZone(identifier: zone)!)
            output += "now 2026-11-23T10:00:00Z, " + zone + ": " + Summary.text(of: nf, context: context) + "\n"
        }
    case .failure(let f): output = "error\n" + f.message + "\n"
    }
    if let mismatch = Golden.check(output, against: golden, ext: "summary") { Issue.record("\(mismatch)") }
}
