/// A deterministic, indented dump of a syntax tree with the byte span of
/// every node, for `segq parse` and the parse goldens.
///
/// One node a line, children indented by two spaces, each line ending in
/// the node's half-open byte range `start..end`:
///
///     or 0..40
///       condition 0..11
///         field tag 0..3
///         compare = 4..5
///           string "VIP" 6..11
///       not 15..40
///         …
///
/// Values are printed in their canonical spelling (`LiteralSpelling`), so a
/// dump shows what the lexer understood (`2026-06-01T18:30:00+09:00`, `-7d`),
/// not merely what was typed. A field of more than one segment, or with a
/// backtick segment, lists its segments. Iterative, so any depth prints.
public enum SyntaxTreePrinter {
    /// The dump of `tree`, one line per node, each line ending in `\n`.
    public static func dump(_ tree: Expr) -> String {
        var out = ""
        // Explicit stack of (node, depth); children are pushed in reverse.
        var stack: [(Line, Int)] = [(.expr(tree), 0)]
        while let (line, depth) = stack.popLast() {
            let (text, children) = describe(line)
            out += String(repeating: "  ", count: depth) + text + "\n"
            for child in children.reversed() { stack.append((child, depth + 1)) }
        }
        return out
    }

    /// The same tree as JSON: each node an object with `node` (its line of
    /// the dump without the range, e.g. `field tag`, `compare =`,
    /// `string "VIP"`), `offset` and `length` in UTF-8 bytes (null for a
    /// test without an operator span), and `children`. The parser bounds
    /// the depth (Grammar/README.md "Limits"), so recursion is safe here.
    public static func json(_ tree: Expr) -> JSONValue {
        json(.expr(tree))
    }

    private static func json(_ line: Line) -> JSONValue {
        let (text, children) = describe(line)
        var label = text
        var offset: JSONValue = .null
        var length: JSONValue = .null
        if let space = text.lastIndex(of: " "), let span = spanOf(line) {
            label = String(text[..<space])
            offset = .int(Int64(span.offset))
            length = .int(Int64(span.end - span.offset))
        }
        return .object([("node", .string(label)), ("offset", offset), ("length", length),
                        ("children", .array(children.map(json)))])
    }

    /// The span a dump line ends with, when it has one.
    private static func spanOf(_ line: Line) -> Span? {
        switch line {
        case .expr(let expr): return expr.span
        case .field(let path): return path.span
        case .segment(let segment): return segment.span
        case .test(_, let span): return span
        case .value(let value): return value.span
        }
    }

    /// The dump of a parse result's tree, followed by `incomplete` when the
    /// REPL would read another line.
    public static func dump(_ result: ParseResult) -> String {
        dump(result.tree) + (result.isIncomplete ? "incomplete\n" : "")
    }

    /// One printable line of the dump and what hangs under it.
    private enum Line {
        case expr(Expr)
        case field(FieldPath)
        case segment(PathSegment)
        case test(TestSyntax, Span?)
        case value(ValueSyntax)
    }

    private static func describe(_ line: Line) -> (String, [Line]) {
        switch line {
        case .expr(let expr):
            return describe(expr)
        case .field(let path):
            let listsSegments = path.segments.count > 1 || path.segments.contains(where: \.quoted)
            return ("field \(LiteralSpelling.fieldPath(path)) \(range(path.span))",
                    listsSegments ? path.segments.map(Line.segment) : [])
        case .segment(let segment):
            let kind = segment.quoted ? "quoted name" : "name"
            return ("\(kind) \(LiteralSpelling.pathSegment(segment.name, quoted: segment.quoted, isFirst: false)) "
                    + range(segment.span), [])
        case .test(let test, let span):
            let (name, values) = describe(test)
            return (name + (span.map { " " + range($0) } ?? ""), values.map(Line.value))
        case .value(let value):
            return (describe(value.kind) + " " + range(value.span), [])
        }
    }

    private static func describe(_ expr: Expr) -> (String, [Line]) {
        switch expr {
        case .or(let operands, let span): return ("or " + range(span), operands.map(Line.expr))
        case .and(let operands, let span): return ("and " + range(span), operands.map(Line.expr))
        case .not(let operand, let span): return ("not " + range(span), [.expr(operand)])
        case .parenthesized(let inner, let span): return ("parentheses " + range(span), [.expr(inner)])
        case .error(let span): return ("error " + range(span), [])
        case .condition(let condition):
            var children: [Line] = [.field(condition.field)]
            if let test = condition.test { children.append(.test(test, condition.operatorSpan)) }
            let name = condition.test == nil ? "condition (bare) " : "condition "
            return (name + range(condition.span), children)
        }
    }

    private static func describe(_ test: TestSyntax) -> (String, [ValueSyntax]) {
        func not(_ negated: Bool) -> String { negated ? "not " : "" }
        switch test {
        case .compare(let op, let value): return ("compare " + op.rawValue, [value])
        case .in(let negated, let values): return (not(negated) + "in", values)
        case .between(let negated, let low, let high): return (not(negated) + "between", [low, high])
        case .text(let negated, let match, let value): return (not(negated) + match.rawValue, [value])
        case .isNull(let negated): return ("is " + not(negated) + "null", [])
        case .isEmpty(let negated): return ("is " + not(negated) + "empty", [])
        case .within(let value): return ("within", [value])
        case .all(let values): return ("all", values)
        }
    }

    private static func describe(_ kind: ValueSyntaxKind) -> String {
        switch kind {
        case .string: return "string " + LiteralSpelling.value(kind)
        case .integer: return "integer " + LiteralSpelling.value(kind)
        case .number: return "number " + LiteralSpelling.value(kind)
        case .bool: return "bool " + LiteralSpelling.value(kind)
        case .date: return "date " + LiteralSpelling.value(kind)
        case .instant: return "instant " + LiteralSpelling.value(kind)
        case .relative: return "relative " + LiteralSpelling.value(kind)
        case .period: return "period " + LiteralSpelling.value(kind)
        case .today, .yesterday, .now: return LiteralSpelling.value(kind)
        case .error: return "error"
        }
    }

    /// `start..end`, a half-open range of UTF-8 byte offsets.
    private static func range(_ span: Span) -> String { "\(span.offset)..\(span.end)" }
}
