import Testing
import Segq
import SegqBasics
import TestSupport

/// ARCHITECTURE.md: a `Compilation` has a normal form (and a hash) exactly
/// when no phase reported an error — for generated queries, the same texts
/// cut short or with a stray word, and queries past the group limit.
@Suite struct CompilationInvariantTests {
    static func expectInvariant(_ compilation: Compilation, _ text: String) {
        let failed = compilation.diagnostics.contains { $0.severity == .error }
        #expect((compilation.normalForm != nil) == !failed, "\(text)")
        #expect((compilation.hash != nil) == !failed, "\(text)")
        #expect(compilation.ok == !failed, "\(text)")
    }

    @Test func aNormalFormExactlyWhenNoPhaseFailed() {
        var texts = RandomQueryText(seed: 23)
        var queries = RandomQueries(seed: 23)
        var random = SplitMix64(seed: 23)
        let compiler = Compiler(schema: RandomVocabulary.schema)
        let fewGroups = Compiler(schema: RandomVocabulary.schema, limits: Limits(maxGroups: 2))
        var outcomes: Set<Bool> = []
        for _ in 0..<150 {
            let text = texts.text(of: queries.query())
            let cut = String(text.prefix(Int(random.next() % UInt64(text.count + 1))))
            for variant in [text, cut, text + " and zz", "(" + text] {
                for compiling in [compiler, fewGroups] {
                    let compilation = compiling.compile(variant)
                    Self.expectInvariant(compilation, variant)
                    outcomes.insert(compilation.ok)
                }
            }
        }
        #expect(outcomes == [true, false])
    }
}
