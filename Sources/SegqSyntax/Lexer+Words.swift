import SegqBasics

extension Lexer {
    /// identifier = ( letter | "_" ) { letter | digit | "_" } ; keywords are
    /// identifiers spelled like a keyword in any case.
    mutating func lexIdentifier() {
        let start = position
        let count = bytes.count
        var p = start + 1
        while p < count, ByteClass.isIdentifierContinue(bytes[p]) { p += 1 }
        if p < count, gluesToWord(at: p) {
            lexInvalidWord(from: start)
            return
        }
        position = p
        if let keyword = Keyword.lookup(bytes, start: start, length: p - start) {
            emit(.keyword(keyword), from: start)
        } else {
            emit(.identifier(text(start, p)), from: start)
        }
    }

    /// True when the text at `p` is a character with no meaning in the
    /// language that should be reported together with the word before it.
    func gluesToWord(at p: Int) -> Bool {
        let b = bytes[p]
        if b < 0x80 { return ByteClass.isStrayASCII(b) }
        let decoded = bytes.decodeScalar(at: p)
        guard let scalar = decoded.scalar else { return true }
        return !LookAlike.isUnicodeSpace(scalar) && !LookAlike.isCurlyQuote(scalar)
    }

    /// A run of word characters that holds at least one invalid character
    /// (`café`, `@VIP`, `名前`): one `.invalid` token, one E0001 naming the
    /// first invalid character. The first scalar is always taken.
    mutating func lexInvalidWord(from start: Int) {
        let count = bytes.count
        var p = start
        var firstInvalid: (scalar: Unicode.Scalar?, offset: Int, length: Int)?
        var isFirst = true
        while p < count {
            let b = bytes[p]
            if b < 0x80 {
                if ByteClass.isIdentifierContinue(b) {
                    p += 1
                } else if ByteClass.isStrayASCII(b) || isFirst {
                    if firstInvalid == nil { firstInvalid = (Unicode.Scalar(b), p, 1) }
                    p += 1
                } else {
                    break
                }
            } else {
                let decoded = bytes.decodeScalar(at: p)
                if !isFirst, let s = decoded.scalar, LookAlike.isUnicodeSpace(s) || LookAlike.isCurlyQuote(s) { break }
                if firstInvalid == nil { firstInvalid = (decoded.scalar, p, decoded.length) }
                p += decoded.length
            }
            isFirst = false
        }
        position = p
        let span = Span(offset: start, length: p - start)
        emit(.invalid, from: start)
        guard let bad = firstInvalid else { return }
        let word = text(start, p)
        if bad.scalar == nil {
            report(.invalidUTF8, LexicalMessage.invalidUTF8(bytes[bad.offset]), at: span)
            return
        }
        let scalar = bad.scalar ?? "\u{FFFD}"
        report(.invalidCharacter, LexicalMessage.invalidCharacter(scalar, in: word), at: span,
               notes: LexicalMessage.invalidCharacterNotes(scalar, word: word))
    }

    /// A non-ASCII scalar where a token starts: a look-alike space or quote
    /// (reported with a hint and read as what was meant), else an invalid word.
    mutating func lexNonASCII() {
        let decoded = bytes.decodeScalar(at: position)
        guard let scalar = decoded.scalar else {
            lexInvalidWord(from: position)
            return
        }
        if LookAlike.isUnicodeSpace(scalar) {
            lexUnicodeSpaces(first: scalar)
        } else if LookAlike.isCurlyQuote(scalar) {
            lexCurlyQuotedString(opening: scalar, length: decoded.length)
        } else {
            lexInvalidWord(from: position)
        }
    }

    /// A run of look-alike spaces: one diagnostic with a plain space as the fix; no token.
    private mutating func lexUnicodeSpaces(first: Unicode.Scalar) {
        let start = position
        let count = bytes.count
        while position < count, bytes[position] >= 0x80 {
            let decoded = bytes.decodeScalar(at: position)
            guard let s = decoded.scalar, LookAlike.isUnicodeSpace(s) else { break }
            position += decoded.length
        }
        report(.invalidCharacter, LexicalMessage.unicodeSpace(first), at: Span(offset: start, length: position - start),
               suggestion: Suggestion(message: "use a plain space", replacement: " "))
    }

    /// `“VIP”` or `‘VIP’`: read as a string (so parsing goes on) and reported
    /// with straight quotes as the fix. Without a closing quote on the line
    /// the quote is just an invalid character.
    private mutating func lexCurlyQuotedString(opening: Unicode.Scalar, length: Int) {
        let start = position
        let count = bytes.count
        let double = LookAlike.isCurlyDouble(opening)
        var p = start + length
        while p < count, !ByteClass.isLineBreak(bytes[p]) {
            let decoded = bytes.decodeScalar(at: p)
            if let s = decoded.scalar {
                let closes = double ? (LookAlike.isCurlyDouble(s) || s == "\"") : (s.value == 0x2018 || s.value == 0x2019 || s == "'")
                if closes {
                    let content = text(start + length, p)
                    position = p + decoded.length
                    let span = Span(offset: start, length: position - start)
                    emit(.string(content), from: start)
                    report(.invalidCharacter, LexicalMessage.curlyQuote(opening), at: span,
                           suggestion: Suggestion(message: "use straight quotes",
                                                  replacement: QuotedText.query(content)))
                    return
                }
            }
            p += decoded.length
        }
        position = start + length
        emit(.invalid, from: start)
        report(.invalidCharacter, LexicalMessage.invalidCharacter(opening, in: nil),
               at: Span(offset: start, length: length), notes: LexicalMessage.invalidCharacterNotes(opening, word: ""))
    }
}
