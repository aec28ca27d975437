import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
import TestSupport
@testable import SegqPlanner

/// `explain` on a fixed small store (the first 60 friends of the sample,
/// `Fixtures/friends.jsonl`) in Asia/Tokyo at 2026-11-23T00:00:00Z:
/// `Golden/explain/<case>.segq` holds a query, `<case>.plan` its plan. A
/// case whose name contains `analyze` is run with `--analyze`; its times
/// are replaced by `…` so the expectation stays fixed.
@Suite struct ExplainGoldenTests {
    static let context = EvaluationContext(now: 1_795_392_000_000, timeZone: TimeZone(identifier: "Asia/Tokyo") ?? .current)

    static func store() throws -> InMemoryStore {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("friends.jsonl")
        let (store, report) = try InMemoryStore.load(contentsOf: [url])
        #expect(report.isClean)
        return store
    }

    /// Saved segments of the fixture: a static list and a dynamic query.
    static let segments = SavedSegmentList([
        SegmentDefinition(name: "Early adopters", kind: .static(memberIDs: [
            "U204c1d4507e975ce8ea72580e25f52b2", "U4f73cba95e065e57b1b20c0138ca1dba", "Uc05b159b2fb3d7058a2c6e78e829452c"])),
        SegmentDefinition(name: "Customers", kind: .dynamic(query: "hubspot.stage = \"Customer\"")),
    ])

    static func compile(_ text: String, schema: Schema) throws -> NormalForm {
        var named = schema
        named.segmentNames = segments.savedSegmentNames()
        let result = Checker(schema: named).check(text)
        guard let query = result.query else { throw SegmentQueryError(result.diagnostics) }
        return PlainDNF.form(query)
    }

    static func maskTimes(_ text: String) -> String {
        text.replacingOccurrences(of: #"time [0-9,.]+ (µs|ms)"#, with: "time …", options: .regularExpression)
    }

    @Test(arguments: Golden.cases("explain", minimum: 15))
    func explainMatchesGolden(_ golden: GoldenCase) throws {
        let store = try Self.store()
        let runner = QueryRunner(memory: store, files: ["friends.jsonl"], segments: Self.segments) { text, _ in
            try Self.compile(text, schema: store.schema)
        }
        let form = try Self.compile(golden.input, schema: store.schema)
        let analyze = golden.name.contains("analyze")
        var output = Self.maskTimes(try runner.explain(form, context: Self.context, analyze: analyze))
        if analyze {
            // The analyzed run must count what the engine counts.
            let count = try runner.count(form, context: Self.context)
            output += "count \(count)\n"
        }
        if let mismatch = Golden.check(output, against: golden, ext: "plan") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
