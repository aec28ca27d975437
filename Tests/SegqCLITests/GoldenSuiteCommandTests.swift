import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `segq test DIR`: a folder of cases passes, a mismatch prints a unified
/// diff (exit 1), `--update` rewrites only the cases that differ, and the
/// TAP and JUnit reports are valid by their formats.
struct GoldenSuiteCommandTests {
    /// A fresh folder with three passing cases: parse, normalize on the
    /// sample store, eval on it at a fixed `now`.
    static func suite() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segq-suite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path
        try write(dir, "tag_equals.segq", #"tag = "a""# + "\n")
        try write(dir, "or_of_tags.segq", "# store: \(sample)\n" + #"tag = "VIP" or tag = "Wholesale""# + "\n")
        try write(dir, "vip_count.segq", "# store: \(sample)\n# now: 2026-11-23T09:00:00Z\n# limit: 2\n"
            + #"tag = "VIP" and shopify.purchases >= 3"# + "\n")
        try write(dir, "tag_equals.parse", "")
        try write(dir, "or_of_tags.normalize", "")
        try write(dir, "vip_count.eval", "")
        // Record the expectations, then they must pass.
        let recorded = try CLIRunner.run(["test", dir.path, "--update"])
        #expect(recorded.status == 0, "\(recorded.combined)")
        return dir
    }

    static func write(_ dir: URL, _ name: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    static func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func recordedSuitePasses() throws {
        let dir = try Self.suite()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIRunner.run(["test", dir.path])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout == "3 cases: 3 passed\n")
        #expect(try Self.read(dir, "or_of_tags.normalize") == "tag in (\"VIP\", \"Wholesale\")\n"
            + "warning[W0102]: `\"VIP\"` (240 friends) has spellings that differ only in case or width: `\"vip\"` (19 friends)\n"
            + " --> query:2:7\n  |\n2 | tag = \"VIP\" or tag = \"Wholesale\"\n  |       ^^^^^\n"
            + "  = help: every spelling: `tag in (\"VIP\", \"vip\")`\n  = help: `\"vip\"` (19 friends)\n"
            + "  = note: `=` compares exactly; to match every spelling, list them with `in (…)`\n\n")
        let eval = try Self.read(dir, "vip_count.eval").split(separator: "\n")
        #expect(eval.count == 3 && eval[0].hasSuffix(" friends"), "\(eval)")
        #expect(try Self.read(dir, "tag_equals.parse").hasSuffix("--- diagnostics\nnone\n"))
    }

    @Test func mismatchPrintsAUnifiedDiffAndUpdateRewritesOnlyIt() throws {
        let dir = try Self.suite()
        defer { try? FileManager.default.removeItem(at: dir) }
        let untouched = dir.appendingPathComponent("tag_equals.parse")
        let before = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        try Self.write(dir, "or_of_tags.segq", "# store: \(CLIRunner.repositoryRoot.path)/samples/friends.jsonl\n"
            + #"tag = "Wholesale""# + "\n")
        let failed = try CLIRunner.run(["test", dir.path])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("FAIL or_of_tags\n--- or_of_tags.normalize (expected)\n+++ or_of_tags.normalize (actual)\n@@ -1"),
                "\(failed.stdout)")
        #expect(failed.stdout.contains("@@ -1,10 +1 @@\n-tag in (\"VIP\", \"Wholesale\")\n-warning[W0102]"), "\(failed.stdout)")
        #expect(failed.stdout.contains("\n-\n+tag = \"Wholesale\"\n3 cases"), "\(failed.stdout)")
        #expect(failed.stdout.hasSuffix("3 cases: 2 passed, 1 failed\n"))

        Thread.sleep(forTimeInterval: 0.05)
        let updated = try CLIRunner.run(["test", dir.path, "--update"])
        #expect(updated.status == 0, "\(updated.combined)")
        #expect(updated.stdout == "updated or_of_tags\n3 cases: 2 passed, rewrote 1 expectation\n")
        #expect(try Self.read(dir, "or_of_tags.normalize") == "tag = \"Wholesale\"\n")
        let after = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        #expect(before == after, "a passing case's expectation was rewritten")
        #expect(try CLIRunner.run(["test", dir.path]).status == 0)
    }

    @Test func tapReportIsVersion13WithAPlanAndOneLinePerCase() throws {
        let dir = try Self.suite()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(dir, "tag_equals.parse", "stale\n")
        let result = try CLIRunner.run(["test", dir.path, "--format", "tap"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "TAP version 13")
        #expect(lines[1] == "1..3")
        let results = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
        #expect(results == ["ok 1 - or_of_tags", "not ok 2 - tag_equals", "ok 3 - vip_count"])
        // The YAML block of the failure: indented by two, between `---` and `...`.
        let start = lines.firstIndex(of: "  ---")!, end = lines.firstIndex(of: "  ...")!
        #expect(start == lines.firstIndex(of: "not ok 2 - tag_equals")! + 1 && start < end)
        #expect(lines[(start + 1)..<end].allSatisfy { $0.hasPrefix("  ") })
        #expect(lines.contains("    -stale"))
    }

    @Test func junitReportIsWellFormedXMLWithTheFailure() throws {
        let dir = try Self.suite()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(dir, "tag_equals.parse", "<stale & wrong>\n")
        try Self.write(dir, "no_command.segq", "tag = \"b\"\n")
        let result = try CLIRunner.run(["test", dir.path, "--format", "junit"])
        #expect(result.status == 1)
        let document = try XMLDocument(data: Data(result.stdout.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        let cases = try root.nodes(forXPath: "testsuite/testcase").compactMap { $0 as? XMLElement }
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue ?? "" }
            == ["no_command", "or_of_tags", "tag_equals", "vip_count"])
        let failure = try #require(try root.nodes(forXPath: "testsuite/testcase/failure").first)
        #expect(failure.stringValue?.contains("-<stale & wrong>") == true)
        #expect(try root.nodes(forXPath: "testsuite/testcase/error").count == 1)
    }

    @Test func folderWithoutCasesFails() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segq-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIRunner.run(["test", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no cases"))
    }
}
