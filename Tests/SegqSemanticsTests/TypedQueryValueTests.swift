import Testing
import SegqSyntax
import SegqSemantics
import TestSupport

/// ARCHITECTURE.md: `TypedQuery` is a value type, with no reference to the
/// syntax tree; spans survive only to name sub-expressions. Every value a
/// checked query holds, walked by reflection, is a struct, enum, tuple or
/// collection (never a class instance) and none is a syntax-tree node.
@Suite struct TypedQueryValueTests {
    static let syntaxTypes: Set<String> = ["Expr", "ConditionSyntax", "TestSyntax", "ValueSyntax", "ValueSyntaxKind",
                                           "Token", "ParseResult", "SourceFile", "FieldPath", "PathSegment"]

    /// Where a reference or a syntax node sits in `value`, as a path of labels.
    static func problems(in value: Any, at path: String = "query", into found: inout [String]) {
        let mirror = Mirror(reflecting: value)
        let typeName = String(describing: mirror.subjectType).split(separator: "<").first.map(String.init) ?? ""
        if mirror.displayStyle == .class { found.append("\(path): a reference (\(mirror.subjectType))") }
        if syntaxTypes.contains(typeName) { found.append("\(path): the syntax node \(typeName)") }
        for (index, child) in mirror.children.enumerated() {
            problems(in: child.value, at: path + "." + (child.label ?? String(index)), into: &found)
        }
    }

    @Test func checkedQueriesHoldOnlyValues() {
        var texts = RandomQueryText(seed: 5)
        var queries = RandomQueries(seed: 5)
        let checker = Checker(schema: RandomVocabulary.schema)
        var checked = 0
        for _ in 0..<200 {
            let text = texts.text(of: queries.query())
            guard let query = checker.check(QueryParser.parse(text)).query else { continue }
            var found: [String] = []
            Self.problems(in: query, into: &found)
            #expect(found.isEmpty, "\(text): \(found.prefix(3))")
            checked += 1
        }
        #expect(checked > 150)
    }

    /// The walk above does find a reference and a syntax node.
    @Test func theWalkFindsReferencesAndSyntaxNodes() {
        final class Box { let expr: Expr? = nil }
        var found: [String] = []
        Self.problems(in: (1, Box()), into: &found)
        #expect(found.count == 1)
        found = []
        let parsed = QueryParser.parse("tag = \"VIP\"")
        Self.problems(in: parsed, into: &found)
        #expect(found.contains { $0.contains("syntax node") })
    }
}
