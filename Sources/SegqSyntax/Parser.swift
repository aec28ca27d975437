/// The parser's state: the token stream, a cursor over it, and what has been
/// found. One grammar rule per method, in the `Parser+…` files.
///
/// Invariants:
/// - `index` never passes the final `.endOfInput` token, so `current` is always valid.
/// - Every loop consumes at least one token per turn (`ensureProgress`).
/// - Recursion happens only through `(` and `not`, and `depth` bounds it by
///   `limits.maxDepth`; deeper regions are skipped by iteration.
/// - A diagnostic is never reported for an `.invalid` token: the lexer
///   already did; the parser reads it as an erroneous value or skips it.
struct Parser {
    let source: SourceFile
    let tokens: [Token]
    let limits: Limits
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// Nesting of parentheses and `not` around the current position.
    var depth = 0
    /// Open parentheses around the current position; a `)` outside any is stray.
    var openParentheses = 0
    var conditionCount = 0
    /// Set when a region cut off by the depth limit ran to the end of the
    /// input; enclosing `(` are then not reported as unclosed as well.
    var skippedToEndUnbalanced = false
    /// Set when an error arose because the text ended too early.
    var endedEarly = false

    init(source: SourceFile, tokens: [Token], limits: Limits) {
        self.source = source
        // The lexer always ends with `.endOfInput`; guard anyway so `current` is total.
        if tokens.last?.kind == .endOfInput {
            self.tokens = tokens
        } else {
            self.tokens = tokens + [Token(.endOfInput, Span(offset: source.bytes.count, length: 0))]
        }
        self.limits = limits
    }

    // MARK: - Cursor

    var current: Token { tokens[index] }

    /// The token `n` ahead of the cursor (clamped to the end).
    func peek(_ n: Int = 1) -> Token { tokens[min(index + n, tokens.count - 1)] }

    var atEnd: Bool { current.kind == .endOfInput }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }

    func at(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    /// Consumes the current token (never the final `.endOfInput`) and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func consume(_ keyword: Keyword) -> Token? {
        at(keyword) ? advance() : nil
    }

    /// End offset of the last consumed token (0 before the first).
    var previousEnd: Int { index > 0 ? tokens[index - 1].span.end : 0 }

    /// The token before the cursor, if any.
    var previous: Token? { index > 0 ? tokens[index - 1] : nil }

    /// Loop guard: if a turn of a loop consumed nothing, consume one token.
    mutating func ensureProgress(since start: Int) {
        if index == start, !atEnd { advance() }
    }

    /// Tokens where a broken part of a condition ends: recovery stops here.
    func isSynchronising(_ token: Token) -> Bool {
        switch token.kind {
        case .keyword(.and), .keyword(.or), .rightParen, .endOfInput: return true
        default: return false
        }
    }

    /// True for tokens that can begin a value.
    func startsValue(_ token: Token) -> Bool {
        switch token.kind {
        case .string, .integer, .number, .date, .instant, .relative,
             .keyword(.true), .keyword(.false), .keyword(.today), .keyword(.yesterday), .keyword(.now):
            return true
        default:
            return false
        }
    }

    // MARK: - Reporting

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: Span,
                         suggestion: Suggestion? = nil, notes: [String] = []) {
        diagnostics.append(.error(code, message, at: span, suggestion: suggestion, notes: notes))
    }

    /// Where a "found X" diagnostic points: the token, or just after the
    /// previous token when the text has ended or the token is on a later
    /// line (so the caret sits at the gap where something is missing, on the
    /// line where it is missing). Marks the input as ended early at the end.
    mutating func foundSpan(_ token: Token) -> Span {
        if token.kind == .endOfInput {
            endedEarly = true
            return Span(offset: previousEnd, length: 0)
        }
        if index > 0, previousEnd <= token.span.offset,
           source.bytes[previousEnd..<token.span.offset].contains(ByteClass.lineFeed) {
            return Span(offset: previousEnd, length: 0)
        }
        return token.span
    }

    func text(_ token: Token) -> String { source.text(of: token.span) }

    func text(_ span: Span) -> String { source.text(of: span) }

    /// "`x`" for a token, as used after "after" in messages.
    func quoted(_ token: Token) -> String { "`\(LexicalMessage.abbreviated(text(token)))`" }

    /// How a message names a token: `` `and` ``, ``string `"VIP"` ``, `end of query`.
    func describe(_ token: Token) -> String {
        let shown = "`" + LexicalMessage.abbreviated(text(token)) + "`"
        switch token.kind {
        case .endOfInput: return "end of query"
        case .string: return "string " + shown
        case .integer, .number: return "number " + shown
        case .date: return "date " + shown
        case .instant: return "instant " + shown
        case .relative: return "relative time " + shown
        case .period: return "month " + shown
        case .quotedIdentifier(let name): return "backtick name `" + LexicalMessage.abbreviated(name) + "`"
        default: return shown
        }
    }
}
