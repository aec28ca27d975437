/// Turns query text into tokens. Hand-written over UTF-8 bytes; allocation
/// happens only for token payloads (names, string contents).
///
/// Contract:
/// - Never fails and never stops early: every problem becomes a diagnostic,
///   the offending text becomes an `.invalid` token (or, where the intent is
///   clear, the intended token: an unterminated string is still a `.string`),
///   and lexing goes on. The last token is always `.endOfInput`, with a
///   zero-length span at the end of the text.
/// - Token spans are in order, do not overlap and lie within the text.
/// - Works on truncated input (the REPL lexes what has been typed so far):
///   an unterminated string runs to the end of the input (strings may span
///   lines), an unterminated backtick name to the end of its line.
public struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// All tokens of `source` (ending with `.endOfInput`) and the lexical diagnostics.
    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        source.bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer)
            lexer.run()
            return (lexer.tokens, lexer.diagnostics)
        }
    }

    /// Convenience for `tokenize(SourceFile(text))`.
    public static func tokenize(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        tokenize(SourceFile(text))
    }

    mutating func run() {
        let count = bytes.count
        tokens.reserveCapacity(count / 5 + 2)
        // A byte order mark at the very start is an encoding artefact, not text.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        while position < count {
            let b = bytes[position]
            if ByteClass.isIdentifierStart(b) {
                lexIdentifier()
            } else if ByteClass.isDigit(b) {
                lexNumericWord()
            } else if ByteClass.isWhitespace(b) {
                position += 1
            } else {
                lexPunctuation(b)
            }
        }
        tokens.append(Token(.endOfInput, Span(offset: count, length: 0)))
    }

    /// Everything that does not start with a letter, digit or whitespace.
    private mutating func lexPunctuation(_ b: UInt8) {
        switch b {
        case ByteClass.hash:
            skipComment()
        case ByteClass.doubleQuote, ByteClass.singleQuote:
            lexString()
        case ByteClass.backtick:
            lexBacktickName()
        case ByteClass.plus, ByteClass.minus:
            if position + 1 < bytes.count, ByteClass.isDigit(bytes[position + 1]) {
                lexNumericWord()
            } else {
                lexInvalidWord(from: position)
            }
        case ByteClass.dot:
            if position + 1 < bytes.count, ByteClass.isDigit(bytes[position + 1]), !previousTokenEndsName {
                lexLeadingDotNumber()
            } else {
                emit(.dot, length: 1)
            }
        case 0x28: emit(.leftParen, length: 1)
        case 0x29: emit(.rightParen, length: 1)
        case 0x2C: emit(.comma, length: 1)
        case 0x3D, 0x21, 0x3C, 0x3E, 0x26, 0x7C:
            lexOperator(b)
        case 0x80...:
            lexNonASCII()
        default:
            lexInvalidWord(from: position)
        }
    }

    /// `# …` up to the end of the line.
    private mutating func skipComment() {
        let count = bytes.count
        while position < count, bytes[position] != ByteClass.lineFeed { position += 1 }
    }

    /// True when the last token is a name, so a following `.` is a path separator.
    private var previousTokenEndsName: Bool {
        guard let last = tokens.last, last.span.end == position else { return false }
        switch last.kind {
        case .identifier, .quotedIdentifier, .keyword: return true
        default: return false
        }
    }

    // MARK: - Emitting

    mutating func emit(_ kind: TokenKind, length: Int) {
        tokens.append(Token(kind, Span(offset: position, length: length)))
        position += length
    }

    mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(Token(kind, Span(offset: start, length: position - start)))
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: Span,
                         suggestion: Suggestion? = nil, notes: [String] = []) {
        diagnostics.append(.error(code, message, at: span, suggestion: suggestion, notes: notes))
    }

    /// The text of `start..<end`, decoded (lossy only for invalid UTF-8, which a `SourceFile` never holds).
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
