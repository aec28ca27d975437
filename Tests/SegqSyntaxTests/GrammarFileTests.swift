import Foundation
import Testing
@testable import SegqSyntax

/// `Grammar/segq.ebnf` is the grammar the parser implements: these checks
/// keep its word lists equal to the lexer's and every rule defined.
@Suite struct GrammarFileTests {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Grammar/segq.ebnf")

    /// Rule name → right-hand side, with comments removed.
    static func rules() -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var stripped = ""
        var rest = Substring(text)
        while let open = rest.range(of: "(*") {
            stripped += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*)") else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        stripped += rest
        var rules: [String: String] = [:]
        for statement in stripped.components(separatedBy: ";") {
            guard let equals = statement.firstIndex(of: "=") else { continue }
            let name = statement[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { continue }
            rules[name] = String(statement[statement.index(after: equals)...])
        }
        return rules
    }

    /// The double-quoted terminals of a rule's right-hand side.
    static func terminals(_ rhs: String) -> Set<String> {
        let parts = rhs.components(separatedBy: "\"")
        return Set(stride(from: 1, to: parts.count, by: 2).map { parts[$0] })
    }

    @Test func fileExistsWithTheParserRules() {
        let rules = Self.rules()
        for name in ["query", "or_expr", "and_expr", "unary", "primary", "condition", "field", "test", "cmp_op", "value"] {
            #expect(rules[name] != nil, "rule \(name) missing")
        }
    }

    @Test func everyRuleUsedIsDefined() {
        let rules = Self.rules()
        for (name, rhs) in rules {
            // Drop quoted terminals and special sequences, then look at the words left.
            var bare = ""
            var quote: Character?
            for ch in rhs {
                if let q = quote { if ch == q { quote = nil }; continue }
                if ch == "\"" || ch == "'" || ch == "?" { quote = ch; continue }
                bare.append(ch)
            }
            let words = bare.split { !($0.isLetter || $0 == "_") }.map(String.init)
            for word in words where word != "EOF" && word.first?.isLowercase == true {
                #expect(rules[word] != nil, "rule \(name) uses undefined \(word)")
            }
        }
    }

    @Test func keywordsAreTheLexersKeywords() {
        let listed = Self.terminals(Self.rules()["keyword"] ?? "")
        #expect(listed == Set(Keyword.allCases.map(\.rawValue)))
    }

    @Test func comparisonOperatorsAndUnitsMatch() {
        #expect(Self.terminals(Self.rules()["cmp_op"] ?? "") == Set(ComparisonOperator.allCases.map(\.rawValue)))
        #expect(Self.terminals(Self.rules()["unit"] ?? "") == Set(TimeUnit.allCases.map(\.rawValue)))
    }
}
