import Foundation
import Testing
import TestSupport

/// Script mode of the real `segq` binary on the real engine, as golden
/// files: each `<case>.segq` is piped into the REPL; `<case>.out` holds
/// standard output and error interleaved as written, then the exit status.
///
/// - `Golden/script-real/`: `segq --store samples/friends.jsonl --now 2026-11-23T09:00:00Z`
///   (the sample's 2,000 friends, in memory; the store's zone, UTC).
/// - `Golden/script-sqlite/`: `segq --store friends.sqlite --now …` in a
///   fresh folder where the sample was just imported, for saved segments
///   and the approval flow. Times the store records (when a segment was
///   saved) are shown as `<time>`.
@Suite struct ScriptRealGoldenTests {
    static let now = "2026-11-23T09:00:00Z"

    @Test(arguments: Golden.cases("script-real", minimum: 9))
    func sampleStore(_ golden: GoldenCase) throws {
        let run = try CLIRunner.run(["--store", "samples/friends.jsonl", "--now", Self.now],
                                    stdin: golden.input, merged: true)
        let actual = run.combined + "[exit status \(run.status)]\n"
        if let mismatch = Golden.check(actual, against: golden, ext: "out") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test(arguments: Golden.cases("script-sqlite", minimum: 4))
    func sqliteStore(_ golden: GoldenCase) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("segq-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path
        let imported = try CLIRunner.run(["import", "--store", "friends.sqlite", "--replace", sample], directory: folder)
        try #require(imported.status == 0, Comment(rawValue: imported.combined))

        let run = try CLIRunner.run(["--store", "friends.sqlite", "--now", Self.now],
                                    stdin: golden.input, directory: folder, merged: true)
        let actual = Self.maskingRecordedTimes(run.combined) + "[exit status \(run.status)]\n"
        if let mismatch = Golden.check(actual, against: golden, ext: "out") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    /// Every RFC 3339 instant after the fixed `now` becomes `<time>`: the
    /// sample's own times are all before it, while the times the store
    /// records (a segment saved) come from the clock as the test runs.
    static func maskingRecordedTimes(_ text: String) -> String {
        text.replacing(#/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/#) { match in
            let instant = String(match.output.0)
            return instant.prefix(19) > now.prefix(19) ? "<time>" : instant
        }
    }

    @Test func thereAreCases() {
        #expect(Golden.cases("script-real", minimum: 9).count >= 6)
        #expect(Golden.cases("script-sqlite", minimum: 4).count >= 2)
    }
}
