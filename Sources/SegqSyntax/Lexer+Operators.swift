/// Comparison operators, and the operators of other languages that people
/// type by habit (`==`, `<>`, `&&`, `||`, `!`, `=>`): those are reported
/// with the segq spelling as the fix and read as what was meant, so the
/// rest of the query parses normally.
extension Lexer {
    mutating func lexOperator(_ b: UInt8) {
        let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
        let equals = UInt8(ascii: "="), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
        switch b {
        case equals:
            if next == equals { lookAlike(length: 2, meaning: .equal, spelling: "=") }
            else if next == greater { lookAlike(length: 2, meaning: .greaterOrEqual, spelling: ">=") }
            else if next == less { lookAlike(length: 2, meaning: .lessOrEqual, spelling: "<=") }
            else { emit(.equal, length: 1) }
        case UInt8(ascii: "!"):
            if next == equals { emit(.notEqual, length: 2) }
            else { lookAlike(length: 1, meaning: .keyword(.not), spelling: "not") }
        case less:
            if next == equals { emit(.lessOrEqual, length: 2) }
            else if next == greater { lookAlike(length: 2, meaning: .notEqual, spelling: "!=") }
            else { emit(.less, length: 1) }
        case greater:
            if next == equals { emit(.greaterOrEqual, length: 2) } else { emit(.greater, length: 1) }
        case UInt8(ascii: "&"):
            lookAlike(length: next == b ? 2 : 1, meaning: .keyword(.and), spelling: "and")
        default: // "|"
            lookAlike(length: next == b ? 2 : 1, meaning: .keyword(.or), spelling: "or")
        }
    }

    /// Emits the token the user meant and an E0010 whose fix is the segq spelling.
    private mutating func lookAlike(length: Int, meaning: TokenKind, spelling: String) {
        let start = position
        let written = text(start, start + length)
        var replacement = spelling
        // A word operator needs spaces around it where symbols did not (`a=1&&b=2`).
        if let first = spelling.utf8.first, ByteClass.isLetter(first) {
            func joinsWord(_ b: UInt8) -> Bool {
                ByteClass.isIdentifierContinue(b) || b == ByteClass.doubleQuote || b == ByteClass.singleQuote
                    || b == ByteClass.backtick || b == UInt8(ascii: ")")
            }
            if start > 0, joinsWord(bytes[start - 1]) { replacement = " " + replacement }
            if start + length < bytes.count, joinsWord(bytes[start + length]) { replacement += " " }
        }
        emit(meaning, length: length)
        report(.unexpectedToken, LexicalMessage.unknownOperator(written), at: Span(offset: start, length: length),
               suggestion: Suggestion(message: "use `\(spelling)`", replacement: replacement))
    }
}
