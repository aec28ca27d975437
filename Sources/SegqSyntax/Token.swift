import SegqBasics

/// The reserved words of the language; the list itself lives in SegqBasics
/// so the REPL's completion reads the same one.
public typealias Keyword = SegqBasics.Keyword

public enum TokenKind: Hashable, Sendable {
    case identifier(String)
    /// A backtick-quoted path segment (`` `lead status` ``), unescaped.
    case quotedIdentifier(String)
    case keyword(Keyword)
    case string(String)
    case integer(Int64)
    case number(Double)
    case date(CalendarDate)
    case instant(InstantLiteral)
    case relative(RelativeTime)
    /// A month literal (`2026-11`).
    case period(CalendarPeriod)
    case dot, comma, leftParen, rightParen
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    /// Something the lexer could not read; a diagnostic was recorded for it.
    case invalid
    case endOfInput
}

public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var span: Span

    public init(_ kind: TokenKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}
