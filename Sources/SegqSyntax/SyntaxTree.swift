/// The syntax tree: what the user wrote, with spans, before any typing.
/// `and`/`or` chains are n-ary so long chains do not nest deeply.
public indirect enum Expr: Hashable, Sendable {
    case or([Expr], Span)
    case and([Expr], Span)
    /// `not x`; the span covers the `not` keyword and its operand.
    case not(Expr, Span)
    /// `( x )`; kept so printing and the mixed-and/or warning see it.
    case parenthesized(Expr, Span)
    case condition(ConditionSyntax)
    /// A part that failed to parse; its diagnostic is already recorded.
    case error(Span)

    public var span: Span {
        switch self {
        case .or(_, let s), .and(_, let s), .not(_, let s), .parenthesized(_, let s), .error(let s): return s
        case .condition(let c): return c.span
        }
    }
}

public struct PathSegment: Hashable, Sendable {
    public var name: String
    /// Written in backticks: always a property, never a built-in name.
    public var quoted: Bool
    public var span: Span

    public init(name: String, quoted: Bool, span: Span) {
        self.name = name
        self.quoted = quoted
        self.span = span
    }
}

/// `shopify.purchases`, `` hubspot.`lead status` ``.
public struct FieldPath: Hashable, Sendable {
    public var segments: [PathSegment]
    public var span: Span

    public init(segments: [PathSegment], span: Span) {
        self.segments = segments
        self.span = span
    }

    /// The path as written in canonical form (backticks where needed).
    public var text: String {
        segments.map { $0.quoted || !Self.isIdentifier($0.name) ? "`\($0.name)`" : $0.name }
            .joined(separator: ".")
    }

    public static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        func alpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        guard alpha(first) else { return false }
        return s.utf8.allSatisfy { alpha($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

public enum TextMatch: String, Hashable, Sendable {
    case contains = "contains", startsWith = "starts with", endsWith = "ends with"
}

public enum ValueSyntaxKind: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case date(CalendarDate)
    case instant(InstantLiteral)
    case relative(RelativeTime)
    /// `this month`, `last week`, `2026-11`.
    case period(CalendarPeriod)
    case today, yesterday, now
    /// A value that failed to parse; its diagnostic is already recorded.
    case error
}

public struct ValueSyntax: Hashable, Sendable {
    public var kind: ValueSyntaxKind
    public var span: Span

    public init(_ kind: ValueSyntaxKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public enum TestSyntax: Hashable, Sendable {
    case compare(ComparisonOperator, ValueSyntax)
    case `in`(negated: Bool, [ValueSyntax])
    case between(negated: Bool, ValueSyntax, ValueSyntax)
    case text(negated: Bool, TextMatch, ValueSyntax)
    case isNull(negated: Bool)
    case isEmpty(negated: Bool)
    case within(ValueSyntax)
    /// `tag all ("A", "B")`: the set has every one of the values.
    case all([ValueSyntax])
}

/// `field [test]`. A bare field (no test) must be a bool.
public struct ConditionSyntax: Hashable, Sendable {
    public var field: FieldPath
    public var test: TestSyntax?
    /// Span of the test's operator keyword(s) (`>=`, `not in`, `is not null`), if any.
    public var operatorSpan: Span?
    public var span: Span

    public init(field: FieldPath, test: TestSyntax?, operatorSpan: Span?, span: Span) {
        self.field = field
        self.test = test
        self.operatorSpan = operatorSpan
        self.span = span
    }
}

/// The result of parsing: always a tree (possibly with `.error` parts) and
/// the diagnostics found. The parser never throws.
public struct ParseResult: Sendable {
    public var source: SourceFile
    public var tree: Expr
    public var diagnostics: [Diagnostic]
    /// True when the text ends before the query does: an unclosed `(`, an
    /// unterminated string (strings may span lines), or a field, test or
    /// value missing at the very end (`tag =`, `a and`, `not`). The REPL
    /// reads another line when this is set; the diagnostics still say what
    /// is missing if the input really ends there.
    public var isIncomplete: Bool = false

    public init(source: SourceFile, tree: Expr, diagnostics: [Diagnostic]) {
        self.source = source
        self.tree = tree
        self.diagnostics = diagnostics
    }
}

/// Documented limits (Grammar/README.md "Limits"); every one can be raised,
/// the nesting depth up to `deepestNesting`.
public struct Limits: Hashable, Sendable {
    /// Maximum query length in UTF-8 bytes.
    public var maxQueryBytes: Int
    /// Maximum nesting of parentheses and `not`.
    public var maxDepth: Int
    /// Maximum number of conditions in one query.
    public var maxConditions: Int
    /// Maximum number of groups in the normal form.
    public var maxGroups: Int
    /// Maximum number of diagnostics the parser reports; past it, one E0305
    /// at the first one left out (as clang's `-ferror-limit`), so binary
    /// garbage gives a readable report, not a million lines.
    public var maxDiagnostics: Int

    public init(maxQueryBytes: Int = 1 << 20, maxDepth: Int = 256,
                maxConditions: Int = 10_000, maxGroups: Int = 1024, maxDiagnostics: Int = 100) {
        self.maxQueryBytes = maxQueryBytes
        self.maxDepth = maxDepth
        self.maxConditions = maxConditions
        self.maxGroups = maxGroups
        self.maxDiagnostics = maxDiagnostics
    }

    public static let `default` = Limits()

    /// The deepest nesting any setting allows: every phase (parser, checker,
    /// normaliser, printer, summary) recurses once per level, and this many
    /// levels stay far inside the main thread's stack. A larger `maxDepth`
    /// counts as this one.
    public static let deepestNesting = 1024

    /// The nesting depth in force: `maxDepth`, at most `deepestNesting`.
    public var effectiveMaxDepth: Int { Swift.min(maxDepth, Self.deepestNesting) }
}
