import Foundation
import Testing
import TestSupport

/// Every ```console example in Grammar/README.md (and the README) runs
/// against the built binary and must print what the page shows.
/// `SEGQ_RECORD=1` rewrites the outputs in place (read the diff!).
struct DocumentationExampleTests {
    static let pages = ["Grammar/README.md", "README.md"]

    @Test(arguments: pages)
    func examplesBehaveAsWritten(page: String) throws {
        let url = CLIRunner.repositoryRoot.appendingPathComponent(page)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        // The import example shows a first import (every friend new): it starts from no store.
        try? FileManager.default.removeItem(at: CLIRunner.repositoryRoot.appendingPathComponent(".build/readme-example.sqlite"))
        var failures: [String] = []
        let rewritten = try ConsoleExamples.rewrite(text) { command in
            let result = try CLIRunner.run(Array(CLIRunner.words(command).dropFirst()), merged: true)
            var output = result.combined
            if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
            if result.status != 0 { output += "[exit status \(result.status)]\n" }
            return output
        } mismatch: { command, expected, actual in
            failures.append("\(page): `\(command)`\n--- expected\n\(expected)--- actual\n\(actual)")
        }
        if Golden.isRecording {
            try rewritten.write(to: url, atomically: true, encoding: .utf8)
        } else {
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        }
    }

    @Test func grammarPageHasExamples() throws {
        let url = CLIRunner.repositoryRoot.appendingPathComponent("Grammar/README.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(ConsoleExamples.commands(in: text).count >= 10)
    }
}

/// ```console blocks: a `$ segq …` line, then the expected output.
enum ConsoleExamples {
    static func commands(in text: String) -> [String] {
        var result: [String] = []
        _ = try? rewrite(text, run: { result.append($0); return "" }, mismatch: { _, _, _ in })
        return result
    }

    /// Walks the blocks; for each, runs the command and returns the page
    /// with the block's output replaced by what actually ran.
    static func rewrite(_ text: String, run: (String) throws -> String,
                        mismatch: (String, String, String) -> Void) rethrows -> String {
        let lines = text.components(separatedBy: "\n")
        var out: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            out.append(line)
            i += 1
            guard line == "```console", i < lines.count, lines[i].hasPrefix("$ segq") else { continue }
            let command = String(lines[i].dropFirst(2))
            out.append(lines[i])
            i += 1
            var expected: [String] = []
            while i < lines.count && lines[i] != "```" {
                expected.append(lines[i])
                i += 1
            }
            let expectedText = expected.isEmpty ? "" : expected.joined(separator: "\n") + "\n"
            let actual = try run(command)
            if actual != expectedText { mismatch(command, expectedText, actual) }
            out.append(contentsOf: actual.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init))
        }
        return out.joined(separator: "\n")
    }
}
