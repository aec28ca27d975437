/// The reserved words of the query language (Grammar/README.md, "Lexical
/// rules"), matched case-insensitively. The lexer reads words against
/// this list and the REPL's completion never offers one as a field.
public enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `in`, between, `is`, null, empty, `true`, `false`
    case contains, starts, ends, with, within, today, yesterday, now
    case this, last, week, month, year
}
