import Foundation
import Testing
import Segq
import SegqSyntax
import TestSupport

/// Every replacement a diagnostic offers for a query of the golden corpus
/// (Tests/*/Golden) checks: applied alone, the query has no error where it
/// was applied; the replacements of one list never overlap, and applied
/// all together they leave no error at any of them.
@Suite struct SuggestionCorpusTests {
    static let phases = ["check", "parse", "normalize", "print", "summary", "explain"]

    /// Every golden query with the schema it is checked against.
    static let corpus: [(name: String, text: String, compiler: Compiler)] = {
        let tests = CLIRunner.repositoryRoot.appendingPathComponent("Tests")
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []
        var out: [(String, String, Compiler)] = []
        for target in targets.sorted() {
            for phase in phases {
                let dir = tests.appendingPathComponent(target).appendingPathComponent("Golden").appendingPathComponent(phase)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                for name in names.sorted() where name.hasSuffix(".segq") {
                    guard let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else { continue }
                    let fixture = CheckFixtures.schema(forHeaderOf: text)
                    let compiler = Compiler(schema: fixture?.schema ?? .default, catalog: fixture?.catalog)
                    out.append(("\(target)/\(phase)/\(name)", text, compiler))
                }
            }
        }
        return out
    }()

    struct Fix {
        var span: Span
        var replacement: String
        var code: String
    }

    static func fixes(_ diagnostics: [Diagnostic]) -> [Fix] {
        diagnostics.compactMap { d in
            guard let s = d.suggestion, let r = s.replacement else { return nil }
            return Fix(span: s.span ?? d.span, replacement: r, code: d.code.rawValue)
        }
    }

    static func apply(_ fixes: [Fix], to text: String) -> (text: String, regions: [Span]) {
        var bytes = Array(text.utf8)
        var regions: [Span] = []
        for fix in fixes.sorted(by: { $0.span.offset > $1.span.offset }) {
            bytes.replaceSubrange(fix.span.offset..<fix.span.end, with: Array(fix.replacement.utf8))
            let delta = fix.replacement.utf8.count - fix.span.length
            regions = regions.map { Span(offset: $0.offset + delta, length: $0.length) }
            regions.append(Span(offset: fix.span.offset, length: fix.replacement.utf8.count))
        }
        return (String(decoding: bytes, as: UTF8.self), regions)
    }

    static func errors(touching region: Span, in diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error && $0.span.offset <= region.end && region.offset <= $0.span.end }
    }

    @Test func corpusIsThere() {
        #expect(Self.corpus.count > 300)
    }

    @Test func everyReplacementChecks() {
        var offered = 0
        for item in Self.corpus {
            let fixes = Self.fixes(item.compiler.compile(item.text).diagnostics)
            offered += fixes.count
            for fix in fixes {
                let (fixed, regions) = Self.apply([fix], to: item.text)
                let left = Self.errors(touching: regions[0], in: item.compiler.compile(fixed).diagnostics)
                #expect(left.isEmpty, "\(item.name): \(fix.code) → `\(fix.replacement)` leaves \(left.map(\.message))")
            }
        }
        #expect(offered >= 40, "only \(offered) replacements in the corpus")
    }

    @Test func replacementsOfOneListNeverOverlapAndApplyTogether() {
        for item in Self.corpus {
            let fixes = Self.fixes(item.compiler.compile(item.text).diagnostics)
            guard fixes.count > 1 else { continue }
            let sorted = fixes.sorted { $0.span.offset < $1.span.offset }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.span.end <= b.span.offset && !(a.span.length == 0 && b.span.length == 0 && a.span.offset == b.span.offset),
                        "\(item.name): \(a.code) and \(b.code) overlap")
            }
            let (fixed, regions) = Self.apply(fixes, to: item.text)
            let diagnostics = item.compiler.compile(fixed).diagnostics
            for region in regions {
                let left = Self.errors(touching: region, in: diagnostics)
                #expect(left.isEmpty, "\(item.name): all fixes applied leave \(left.map(\.message))")
            }
        }
    }
}
