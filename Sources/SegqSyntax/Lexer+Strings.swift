/// Strings and backtick names.
///
///     string      = '"' { char | escape } '"' | "'" { char | escape } "'"
///     escape      = "\" ( '"' | "'" | "\" | "n" | "t" | "u{" hex { hex } "}" )
///     quoted_name = "`" { char | "\`" | "\\" } "`"
///
/// A string may span lines (a raw line break is part of its text, as in
/// SQL); an unterminated string runs to the end of the input, which the
/// REPL reads as "keep reading" (`ParseResult.isIncomplete`). A backtick
/// name may not span lines: an unterminated one ends at the end of its
/// line, so the rest of a multi-line query still lexes normally.
extension Lexer {
    mutating func lexString() {
        let start = position
        let (value, terminated) = scanDelimited(closing: bytes[start], allowsTextEscapes: true, spansLines: true)
        emit(.string(value), from: start)
        if !terminated {
            // Point at the opening quote and the rest of its line, not at everything after it.
            var lineEnd = start + 1
            while lineEnd < position, !ByteClass.isLineBreak(bytes[lineEnd]) { lineEnd += 1 }
            let span = Span(offset: start, length: lineEnd - start)
            let quote = bytes[start] == ByteClass.doubleQuote ? "\"" : "'"
            report(.unterminatedString, LexicalMessage.unterminatedString, at: span,
                   notes: [LexicalMessage.unterminatedStringNote(quote)])
        }
    }

    mutating func lexBacktickName() {
        let start = position
        let (value, terminated) = scanDelimited(closing: ByteClass.backtick, allowsTextEscapes: false, spansLines: false)
        let span = Span(offset: start, length: position - start)
        emit(.quotedIdentifier(value), from: start)
        if !terminated {
            report(.unterminatedBacktick, LexicalMessage.unterminatedBacktick, at: span,
                   notes: [LexicalMessage.unterminatedBacktickNote])
        }
    }

    /// Reads from the opening delimiter at `position` to the closing one (or
    /// the end of the input, or of the line unless `spansLines`), decoding
    /// escapes; leaves `position` after it.
    /// Text escapes (`\n \t \u{…}` and both quotes) are for strings; backtick
    /// names know only `` \` `` and `\\`.
    private mutating func scanDelimited(closing: UInt8, allowsTextEscapes: Bool,
                                        spansLines: Bool) -> (String, terminated: Bool) {
        let count = bytes.count
        let contentStart = position + 1
        var p = contentStart
        var decoded: [UInt8] = []
        var hasEscapes = false
        var runStart = p
        while p < count {
            let b = bytes[p]
            if b == closing {
                let value = finish(&decoded, hasEscapes: hasEscapes, runStart: runStart, end: p, contentStart: contentStart)
                position = p + 1
                return (value, true)
            }
            if !spansLines, ByteClass.isLineBreak(b) { break }
            if b != ByteClass.backslash {
                p += 1
                continue
            }
            hasEscapes = true
            decoded.append(contentsOf: bytes[runStart..<p])
            p = decodeEscape(at: p, closing: closing, allowsTextEscapes: allowsTextEscapes, spansLines: spansLines,
                             into: &decoded)
            runStart = p
        }
        let value = finish(&decoded, hasEscapes: hasEscapes, runStart: runStart, end: p, contentStart: contentStart)
        position = p
        return (value, false)
    }

    private func finish(_ decoded: inout [UInt8], hasEscapes: Bool, runStart: Int, end: Int, contentStart: Int) -> String {
        guard hasEscapes else { return text(contentStart, end) }
        decoded.append(contentsOf: bytes[runStart..<end])
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Decodes the escape whose backslash is at `p`; returns where scanning goes on.
    /// A backslash at the end of the input, or of the line in a backtick
    /// name, decodes to nothing (the text is unterminated anyway); one
    /// before a line break inside a string is an unknown escape.
    private mutating func decodeEscape(at p: Int, closing: UInt8, allowsTextEscapes: Bool, spansLines: Bool,
                                       into decoded: inout [UInt8]) -> Int {
        let count = bytes.count
        guard p + 1 < count else { return p + 1 }
        if ByteClass.isLineBreak(bytes[p + 1]) {
            guard spansLines else { return p + 1 }
            decoded.append(ByteClass.backslash)
            report(.unknownEscape, LexicalMessage.backslashAtEndOfLine, at: Span(offset: p, length: 1),
                   suggestion: Suggestion(message: "write `\\\\` for a backslash", replacement: "\\\\"),
                   notes: [LexicalMessage.stringEscapesNote])
            return p + 1
        }
        let next = bytes[p + 1]
        switch next {
        case ByteClass.backslash, closing:
            decoded.append(next)
            return p + 2
        case ByteClass.doubleQuote where allowsTextEscapes, ByteClass.singleQuote where allowsTextEscapes:
            decoded.append(next)
            return p + 2
        case UInt8(ascii: "n") where allowsTextEscapes:
            decoded.append(ByteClass.lineFeed)
            return p + 2
        case UInt8(ascii: "t") where allowsTextEscapes:
            decoded.append(ByteClass.tab)
            return p + 2
        case UInt8(ascii: "u") where allowsTextEscapes:
            return decodeUnicodeEscape(at: p, into: &decoded)
        default:
            let length = 1 + bytes.decodeScalar(at: p + 1).length
            let escape = text(p, p + length)
            decoded.append(contentsOf: bytes[p..<(p + length)])
            let span = Span(offset: p, length: length)
            if allowsTextEscapes {
                report(.unknownEscape, LexicalMessage.unknownEscape(escape), at: span,
                       suggestion: Suggestion(message: "write `\\\\` for a backslash", replacement: "\\" + escape),
                       notes: [LexicalMessage.stringEscapesNote])
            } else {
                report(.unknownEscape, LexicalMessage.unknownNameEscape(escape), at: span,
                       suggestion: Suggestion(message: "write `\\\\` for a backslash", replacement: "\\" + escape),
                       notes: [LexicalMessage.nameEscapesNote])
            }
            return p + length
        }
    }

    /// `\u{1F600}`: one to six hex digits naming a Unicode scalar value.
    private mutating func decodeUnicodeEscape(at p: Int, into decoded: inout [UInt8]) -> Int {
        let count = bytes.count
        var q = p + 2
        guard q < count, bytes[q] == UInt8(ascii: "{") else {
            report(.unknownEscape, LexicalMessage.malformedUnicodeEscape(text(p, q)), at: Span(offset: p, length: q - p),
                   notes: [LexicalMessage.unicodeEscapeNote])
            return q
        }
        q += 1
        var value: UInt32 = 0
        var digits = 0
        while q < count, let digit = ByteClass.hexValue(bytes[q]) {
            if digits < 8 { value = value << 4 | digit }
            digits += 1
            q += 1
        }
        let closed = q < count && bytes[q] == UInt8(ascii: "}")
        if closed { q += 1 }
        let escape = text(p, q)
        let span = Span(offset: p, length: q - p)
        guard closed, digits >= 1, digits <= 6 else {
            report(.unknownEscape, LexicalMessage.malformedUnicodeEscape(escape), at: span,
                   notes: [LexicalMessage.unicodeEscapeNote])
            return q
        }
        guard let scalar = Unicode.Scalar(value) else {
            report(.unknownEscape, LexicalMessage.invalidScalarEscape(escape), at: span,
                   notes: [LexicalMessage.unicodeEscapeNote])
            return q
        }
        decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
        return q
    }
}
