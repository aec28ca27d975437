import SegqSyntax
import SegqNormalForm

extension Compilation {
    /// The normal form as the segment editor shows it: an OR of groups,
    /// each an AND of conditions printed as query text. No groups: the
    /// query matches nobody; one empty group: everybody. Empty with errors.
    public var groupTexts: [[String]] {
        normalForm.map { $0.groups.map { $0.conditions.map { QueryPrinter.text(of: $0) } } } ?? []
    }

    /// The fields the normal form's conditions test, as canonical paths in
    /// the order they first appear; empty with errors.
    public var fieldPaths: [String] {
        var seen: Set<String> = []
        return (normalForm?.groups ?? []).flatMap(\.conditions).map(\.field.path).filter { seen.insert($0).inserted }
    }

    /// The plain-language reading ("Friends who …"), times resolved at the
    /// session's fixed `now` (relative when it follows the clock); nil with errors.
    public func summary(in session: Session) -> String? {
        normalForm.map { Summary.text(of: $0, context: session.summaryContext) }
    }

    /// The summary with times resolved at the session's current instant,
    /// even when it follows the clock (what the REPL shows).
    public func summaryNow(in session: Session) -> String? {
        normalForm.map { Summary.text(of: $0, context: session.context) }
    }

    /// The diagnostics for people: carets, suggestions, optional colour.
    public func renderedDiagnostics(color: Bool = false) -> String {
        diagnostics.isEmpty ? "" : DiagnosticRenderer.render(diagnostics, in: source, color: color)
    }

    /// The same, located in the file the query was read from: `--> NAME:LINE:COLUMN`,
    /// lines counted from `firstLine`, the line the query starts on (a script's queries).
    public func renderedDiagnostics(color: Bool = false, file name: String, firstLine: Int) -> String {
        diagnostics.isEmpty ? "" : DiagnosticRenderer.render(
            diagnostics, in: SourceFile(source.text, name: name, firstLine: firstLine), color: color)
    }
}

/// A query's syntax tree in its debug form (with spans) and the parser's
/// diagnostics rendered for people; `ok` is false when it does not parse.
public struct SyntaxTreeText: Sendable {
    public var tree: String
    public var diagnostics: String
    public var ok: Bool
    /// `segq parse --json`: `ok`, the parser's diagnostics (DiagnosticJSON),
    /// the tree (`SyntaxTreePrinter.json`) and `incomplete` (the REPL would
    /// read another line).
    public var json: JSONValue

    public init(of query: String, limits: Limits = .default, color: Bool = false) {
        let parsed = QueryParser.parse(query, limits: limits)
        tree = SyntaxTreePrinter.dump(parsed)
        diagnostics = parsed.diagnostics.isEmpty ? ""
            : DiagnosticRenderer.render(parsed.diagnostics, in: parsed.source, color: color)
        ok = !parsed.diagnostics.contains { $0.severity == .error }
        json = .object([("ok", .bool(ok)), ("diagnostics", DiagnosticJSON.json(parsed.diagnostics, in: parsed.source)),
                        ("tree", SyntaxTreePrinter.json(parsed.tree)), ("incomplete", .bool(parsed.isIncomplete))])
    }
}

extension Compilation {
    /// The JSON of `check --json` and `normalize --json`: ok, diagnostics,
    /// normalized text, groups, summary (times at the session's fixed
    /// `now`) and hash.
    public func json(in session: Session) -> JSONValue {
        ProposalJSON.make(self, context: session.summaryContext)
    }
}
