/// The entry point of parsing: text in, `ParseResult` out.
///
/// Architecture invariant: the parser never throws and never traps. Every
/// input, however broken, yields a tree (with `.error` parts where needed)
/// and diagnostics; several independent errors are all reported, sorted by
/// position. Resources are bounded by `Limits`: the text length is checked
/// before lexing, nesting depth bounds recursion, and the number of
/// diagnostics is capped.
///
/// Entry point: `QueryParser.parse(text, limits:)`. Lexing alone:
/// `Lexer.tokenize`. Output for people: `SyntaxTreePrinter`,
/// `DiagnosticRenderer`; for tools: `DiagnosticJSON`.
public enum QueryParser {
    /// Parses `text` as a query named "query".
    public static func parse(_ text: String, limits: Limits = .default) -> ParseResult {
        parse(SourceFile(text), limits: limits)
    }

    public static func parse(_ source: SourceFile, limits: Limits = .default) -> ParseResult {
        let count = source.bytes.count
        if count > max(0, limits.maxQueryBytes) {
            return tooLong(source, limit: max(0, limits.maxQueryBytes))
        }
        let (tokens, lexical) = Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: tokens, limits: limits)
        let tree = parser.parseQuery()
        var found = lexical + parser.diagnostics
        // Advice on grouping is noise while the query does not parse (and its fix would quote the broken text).
        if found.hasErrors { found.removeAll { $0.code == .mixedAndOr } }
        var sorted = sortedByPosition(found)
        if sorted.hasErrors { hintAtMissingQuote(tokens: tokens, source: source, diagnostics: &sorted) }
        let diagnostics = capped(sorted, limit: limits.maxDiagnostics)
        var result = ParseResult(source: source, tree: tree, diagnostics: diagnostics)
        // An unterminated string runs to the end of the input: the REPL reads on.
        result.isIncomplete = parser.endedEarly || lexical.contains { $0.code == .unterminatedString }
        return result
    }

    /// A string may span lines, so a forgotten closing quote shows up as
    /// errors further on (the string ends at the next quote, and what follows
    /// is out of step). The first error after the first string that holds a
    /// line break gets a note pointing at that string.
    static func hintAtMissingQuote(tokens: [Token], source: SourceFile, diagnostics: inout [Diagnostic]) {
        let bytes = source.bytes
        guard let string = tokens.first(where: { token in
            guard case .string = token.kind else { return false }
            return bytes[token.span.offset..<min(token.span.end, bytes.count)].contains(ByteClass.lineFeed)
        }), let index = diagnostics.firstIndex(where: { $0.severity == .error && $0.span.offset >= string.span.end })
        else { return }
        let (line, column) = source.location(of: string.span.offset)
        diagnostics[index].notes.append(SyntaxMessage.stringSpansLines(line: line, column: column))
    }

    /// One E0301 at the first byte past the limit; nothing is lexed.
    private static func tooLong(_ source: SourceFile, limit: Int) -> ParseResult {
        let bytes = source.bytes
        var boundary = min(limit, bytes.count)
        // Point at the start of a scalar, not inside one.
        while boundary > 0, boundary < bytes.count, bytes[boundary] & 0xC0 == 0x80 { boundary -= 1 }
        let span = Span(offset: boundary, length: bytes.count - boundary)
        let diagnostic = Diagnostic.error(.queryTooLong, SyntaxMessage.queryTooLong(bytes: bytes.count, limit: limit),
                                          at: span, notes: [SyntaxMessage.limitNote])
        return ParseResult(source: source, tree: .error(Span(offset: 0, length: bytes.count)), diagnostics: [diagnostic])
    }

    /// The first `limit` diagnostics, then one E0305 at the first one left
    /// out: an error if an error was left out, else a warning (so leaving
    /// out warnings never makes a query fail).
    static func capped(_ diagnostics: [Diagnostic], limit: Int) -> [Diagnostic] {
        let limit = max(1, limit)
        guard diagnostics.count > limit else { return diagnostics }
        let omitted = diagnostics[limit...]
        let severity: Severity = omitted.contains { $0.severity == .error } ? .error : .warning
        let summary = Diagnostic(severity, .tooManyDiagnostics,
                                 SyntaxMessage.tooManyDiagnostics(limit: limit, omitted: omitted.count),
                                 at: Span(offset: omitted[limit].span.offset, length: 0),
                                 notes: [SyntaxMessage.limitNote])
        return Array(diagnostics.prefix(limit)) + [summary]
    }

    /// Stable sort by offset: diagnostics at one place keep the order they were found in.
    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.span.offset, $0.offset) < ($1.element.span.offset, $1.offset) }
            .map(\.element)
    }
}
