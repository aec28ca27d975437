import Foundation
import SegqBasics

/// Runs a folder of golden cases (docs/golden-tests.md): computes each
/// case's output, compares it with the expectation beside the query, and,
/// only when asked to update, rewrites the expectations that differ or are
/// missing. `segq test` runs it with `GoldenCaseOutput`; the project's own
/// golden walkers run it with theirs.
public struct GoldenSuite {
    public enum Verdict: Equatable, Sendable {
        case passed
        /// The unified diff from the expectation to the actual output.
        case failed(diff: String)
        /// The expectation was rewritten (`--update`), or written when missing.
        case updated
        /// The case could not be run (no command, no store, unreadable file).
        case error(String)
    }

    public struct Outcome: Sendable {
        public let name: String
        public let verdict: Verdict
        /// Seconds spent computing the output.
        public let seconds: Double
    }

    public struct Result: Sendable {
        /// The folder the cases came from.
        public let directory: String
        public let outcomes: [Outcome]

        public var passed: Int { outcomes.filter { $0.verdict == .passed }.count }
        public var updated: Int { outcomes.filter { $0.verdict == .updated }.count }
        public var failed: Int { outcomes.filter { if case .failed = $0.verdict { return true } else { return false } }.count }
        public var errors: Int { outcomes.filter { if case .error = $0.verdict { return true } else { return false } }.count }
        /// True when no case failed and none had an error.
        public var ok: Bool { failed == 0 && errors == 0 }
    }

    public let cases: [GoldenCaseFile]
    public let directory: URL

    /// The cases of `directory`, each with its expectation's extension fixed
    /// when `expectation` is given.
    public init(directory: URL, expectation: String? = nil) throws {
        self.directory = directory
        self.cases = try GoldenCaseFile.cases(in: directory, expectation: expectation)
    }

    /// Runs every case through `output`; with `update`, writes the actual
    /// output over every expectation that differs or is missing and leaves
    /// the others untouched.
    public func run(update: Bool, output: (GoldenCaseFile) throws -> String) -> Result {
        let outcomes = cases.map { golden -> Outcome in
            let start = Date()
            let verdict = Self.verdict(golden, update: update, output: output)
            return Outcome(name: golden.name, verdict: verdict, seconds: Date().timeIntervalSince(start))
        }
        return Result(directory: directory.path, outcomes: outcomes)
    }

    /// `segq test`: the facade's outputs.
    public func run(update: Bool) -> Result {
        let outputs = GoldenCaseOutput()
        return run(update: update, output: outputs.output(of:))
    }

    /// One case: its output compared with (or, with `update`, written over)
    /// its expectation.
    public static func verdict(_ golden: GoldenCaseFile, update: Bool,
                        output: (GoldenCaseFile) throws -> String) -> Verdict {
        let actual: String
        do {
            actual = try output(golden)
        } catch {
            return .error("\(error)")
        }
        guard let url = golden.expectationURL, let ext = golden.expectationExtension else {
            return .error("no command: add `# command: parse|normalize|explain|eval` or an expectation file")
        }
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return .passed }
        if update {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return .updated
            } catch {
                return .error("cannot write \(url.lastPathComponent): \(error)")
            }
        }
        guard let expected else {
            return .error("no expectation \(golden.name).\(ext); run with --update to record it")
        }
        let file = golden.name + "." + ext
        return .failed(diff: UnifiedDiff.text(from: expected, to: actual,
                                              oldName: file + " (expected)", newName: file + " (actual)"))
    }
}
