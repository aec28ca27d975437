import Foundation
import SegqBasics

/// A golden suite's result for people (`text`), for TAP consumers (`tap`,
/// TAP version 13 with a YAML block per failure) and for CI dashboards
/// (`junit`, JUnit XML: one `<testsuite>` of `<testcase>` elements).
public enum GoldenSuiteFormat: String, CaseIterable, Sendable {
    case text, tap, junit
}

public enum GoldenSuiteRendering {
    public static func render(_ result: GoldenSuite.Result, as format: GoldenSuiteFormat) -> String {
        switch format {
        case .text: return text(result)
        case .tap: return tap(result)
        case .junit: return junit(result)
        }
    }

    /// A line per case that did not pass (with its diff), then the totals.
    public static func text(_ result: GoldenSuite.Result) -> String {
        var out = ""
        for outcome in result.outcomes {
            switch outcome.verdict {
            case .passed: break
            case .updated: out += "updated \(outcome.name)\n"
            case .failed(let diff): out += "FAIL \(outcome.name)\n" + diff
            case .error(let message): out += "ERROR \(outcome.name): \(message)\n"
            }
        }
        var totals = [CountedNoun.grouped(result.passed, "passed", plural: "passed")]
        if result.failed > 0 { totals.append(CountedNoun.grouped(result.failed, "failed", plural: "failed")) }
        if result.errors > 0 { totals.append(CountedNoun.grouped(result.errors, "error")) }
        if result.updated > 0 { totals.append("rewrote " + CountedNoun.grouped(result.updated, "expectation")) }
        out += CountedNoun.grouped(result.outcomes.count, "case") + ": " + totals.joined(separator: ", ") + "\n"
        return out
    }

    /// `TAP version 13`, the plan `1..N`, then `ok`/`not ok` per case; a
    /// failure's diff and an error's message in a YAML block.
    public static func tap(_ result: GoldenSuite.Result) -> String {
        var out = "TAP version 13\n1..\(result.outcomes.count)\n"
        for (index, outcome) in result.outcomes.enumerated() {
            let number = index + 1
            switch outcome.verdict {
            case .passed: out += "ok \(number) - \(outcome.name)\n"
            case .updated: out += "ok \(number) - \(outcome.name) # updated\n"
            case .failed(let diff):
                out += "not ok \(number) - \(outcome.name)\n  ---\n  message: output differs from the expectation\n"
                out += "  diff: |\n" + indented(diff, by: "    ") + "  ...\n"
            case .error(let message):
                out += "not ok \(number) - \(outcome.name)\n  ---\n  message: |\n" + indented(message + "\n", by: "    ")
                out += "  ...\n"
            }
        }
        return out
    }

    /// JUnit XML: `<testsuites>` holding one `<testsuite>` named after the
    /// folder; a mismatch is a `<failure>` with the diff, a case that
    /// cannot run an `<error>`.
    public static func junit(_ result: GoldenSuite.Result) -> String {
        let suite = xml(URL(fileURLWithPath: result.directory).lastPathComponent)
        let total = result.outcomes.reduce(0) { $0 + $1.seconds }
        let counts = "tests=\"\(result.outcomes.count)\" failures=\"\(result.failed)\" errors=\"\(result.errors)\""
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"segq test\" \(counts) time=\"\(seconds(total))\">\n"
        out += "  <testsuite name=\"\(suite)\" \(counts) time=\"\(seconds(total))\">\n"
        for outcome in result.outcomes {
            let open = "    <testcase name=\"\(xml(outcome.name))\" classname=\"\(suite)\" time=\"\(seconds(outcome.seconds))\""
            switch outcome.verdict {
            case .passed, .updated: out += open + "/>\n"
            case .failed(let diff):
                out += open + ">\n      <failure message=\"output differs from the expectation\" type=\"mismatch\">"
                out += xml(diff) + "</failure>\n    </testcase>\n"
            case .error(let message):
                out += open + ">\n      <error message=\"\(xml(message))\" type=\"error\"/>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    static func indented(_ text: String, by prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { prefix + $0 + "\n" }.joined()
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// Text escaped for XML content and attribute values; characters XML 1.0
    /// cannot hold at all are replaced with U+FFFD.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
