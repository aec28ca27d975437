import SegqSyntax

/// Builds a syntax tree and its query text together, so checker tests do
/// not depend on the parser: each call appends a piece of text (separated
/// by one space) and returns the node for it with its true span.
struct TreeBuilder {
    private(set) var text = ""

    /// Appends `piece` and returns its span.
    @discardableResult
    mutating func put(_ piece: String) -> Span {
        if !text.isEmpty, !text.hasSuffix("("), piece != ")", piece != "," { text += " " }
        let span = Span(offset: text.utf8.count, length: piece.utf8.count)
        text += piece
        return span
    }

    /// A field path; a segment wrapped in backticks is a quoted segment.
    mutating func field(_ written: String) -> FieldPath {
        let start = text.isEmpty ? 0 : text.utf8.count + 1
        let whole = put(written)
        var segments: [PathSegment] = []
        var offset = start
        for part in written.split(separator: ".", omittingEmptySubsequences: false) {
            let raw = String(part)
            let quoted = raw.hasPrefix("`") && raw.hasSuffix("`") && raw.count >= 2
            let name = quoted ? String(raw.dropFirst().dropLast()) : raw
            segments.append(PathSegment(name: name, quoted: quoted, span: Span(offset: offset, length: raw.utf8.count)))
            offset += raw.utf8.count + 1
        }
        return FieldPath(segments: segments, span: whole)
    }

    mutating func value(_ written: String, _ kind: ValueSyntaxKind) -> ValueSyntax {
        ValueSyntax(kind, put(written))
    }

    mutating func string(_ s: String) -> ValueSyntax { value("\"\(s)\"", .string(s)) }
    mutating func int(_ i: Int64) -> ValueSyntax { value(String(i), .integer(i)) }
    mutating func number(_ d: Double) -> ValueSyntax { value(String(d), .number(d)) }

    mutating func relative(_ count: Int, _ unit: TimeUnit, signed: Bool = true) -> ValueSyntax {
        let r = RelativeTime(count: count, unit: unit, explicitSign: signed)
        let written = signed ? r.description : String(abs(count)) + unit.rawValue
        return value(written, .relative(r))
    }

    /// `field op value` for a comparison.
    mutating func compare(_ path: String, _ op: ComparisonOperator,
                          _ operand: (inout TreeBuilder) -> ValueSyntax) -> Expr {
        let f = field(path)
        let opSpan = put(op.rawValue)
        let v = operand(&self)
        return .condition(ConditionSyntax(field: f, test: .compare(op, v), operatorSpan: opSpan,
                                          span: f.span.union(v.span)))
    }

    /// `field <keywords> [operands]` for any other test; `test` receives the operands built by `operands`.
    mutating func condition(_ path: String, _ keywords: String?,
                            operands: (inout TreeBuilder) -> [ValueSyntax] = { _ in [] },
                            test: ([ValueSyntax]) -> TestSyntax?) -> Expr {
        let f = field(path)
        let opSpan = keywords.map { put($0) }
        let vs = operands(&self)
        let end = vs.last?.span ?? opSpan ?? f.span
        return .condition(ConditionSyntax(field: f, test: test(vs), operatorSpan: opSpan, span: f.span.union(end)))
    }

    /// `a and b …` from already built parts (build them in order, separated by `put("and")`).
    static func and(_ parts: [Expr]) -> Expr { .and(parts, Self.cover(parts)) }
    static func or(_ parts: [Expr]) -> Expr { .or(parts, Self.cover(parts)) }

    private static func cover(_ parts: [Expr]) -> Span {
        parts.dropFirst().reduce(parts.first?.span ?? Span(offset: 0, length: 0)) { $0.union($1.span) }
    }

    func parsed(_ tree: Expr) -> ParseResult {
        ParseResult(source: SourceFile(text), tree: tree, diagnostics: [])
    }
}
