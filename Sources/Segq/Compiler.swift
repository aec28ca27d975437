import SegqSyntax
import SegqSemantics
import SegqNormalForm

/// The front end in one call: parse, check against a schema, normalise
/// (cel-go's `Compile` in spirit). Checking still runs when parsing
/// reported errors, so independent mistakes (a syntax error and an
/// unknown field) are reported together; normalising runs only on an
/// error-free typed query.
public struct Compiler {
    public var schema: Schema
    public var catalog: (any ValueCatalog)?
    public var limits: Limits
    /// Whether each replacement a diagnostic offers is applied and compiled
    /// before it is shown (`SuggestionChecks`); off for those compilations.
    public var checksSuggestions = true

    public init(schema: Schema = .default, catalog: (any ValueCatalog)? = nil,
                limits: Limits = .default) {
        self.schema = schema
        self.catalog = catalog
        self.limits = limits
    }

    public func compile(_ text: String) -> Compilation {
        let parsed = QueryParser.parse(text, limits: limits)
        var diagnostics = parsed.diagnostics
        let parseFailed = parsed.diagnostics.contains { $0.severity == .error }
        // A tree the parser gave up on early (limits) is not worth checking.
        let limitCodes: Set<DiagnosticCode> = [.queryTooLong, .nestingTooDeep, .tooManyConditions]
        let tooBroken = parsed.diagnostics.contains { limitCodes.contains($0.code) }
        var typed: TypedQuery?
        if !tooBroken {
            let checked = Checker(schema: schema, catalog: catalog, maxDiagnostics: limits.maxDiagnostics).check(parsed)
            diagnostics += checked.diagnostics
            typed = checked.query
        }
        var normalForm: NormalForm?
        if !parseFailed, let query = typed, !diagnostics.contains(where: { $0.severity == .error }) {
            let normalized = Normalizer(limits: limits).normalize(query)
            diagnostics += normalized.diagnostics
            if !normalized.diagnostics.contains(where: { $0.severity == .error }) {
                normalForm = normalized.normalForm
            }
        }
        var shown = Compiler.ordered(diagnostics)
        if checksSuggestions, shown.contains(where: { $0.suggestion?.replacement != nil }) {
            var plain = self
            plain.checksSuggestions = false
            SuggestionChecks.verify(&shown, source: parsed.source, recheck: { plain.compile($0).diagnostics },
                                    withdrawn: { SuggestionChecks.choices(for: $0, in: parsed.source, schema: schema) })
        }
        return Compilation(source: parsed.source, parsed: parsed, typed: typed, normalForm: normalForm,
                           diagnostics: shown)
    }

    /// Source order, errors before warnings at the same place; a second
    /// diagnostic with the same code and span is dropped.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        var unique: [Diagnostic] = []
        for d in diagnostics {
            // Two phases may notice the same thing (the checker and the
            // normaliser both warn about negations): one report per code and span.
            let key = "\(d.code.rawValue)@\(d.span.offset)+\(d.span.length)"
            if seen.insert(key).inserted { unique.append(d) }
        }
        return unique.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.span.offset != y.span.offset { return x.span.offset < y.span.offset }
            if x.severity != y.severity { return x.severity == .error }
            return a.offset < b.offset
        }.map(\.element)
    }
}
