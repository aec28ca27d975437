/// A forgiving tokenizer for completion: splits query text before the
/// cursor into the few token kinds the completion state machine needs.
/// It is not the language's lexer (the REPL does not depend on the front
/// end); it only has to agree with it on where words, strings and
/// operators are. Total: any bytes give tokens, in one pass.
struct QueryTokenizer {
    struct Token: Equatable {
        enum Kind: Equatable {
            /// A keyword, field path or bare word: letters, digits, `_`, `.`
            /// and backtick segments (`` hubspot.`lead status` ``).
            case word
            /// A quoted string; `closed` is false when it runs to the end.
            case string(quote: UInt8, closed: Bool)
            /// A number, date, instant or relative time (`3`, `-7d`, `2026-06-01`).
            case number
            /// `= != < <= > >= ( ) ,`
            case symbol
            /// Anything else (a stray byte).
            case other
        }

        var kind: Kind
        /// UTF-8 byte range in the text.
        var start: Int
        var end: Int
        /// The token's text; for a string, its content with escapes resolved.
        var text: String
    }

    /// The tokens of `text`, and whether the text ends inside a comment.
    static func tokens(_ text: String) -> (tokens: [Token], endsInComment: Bool) {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let start = index
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                if index == bytes.count { return (tokens, true) }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                var content: [UInt8] = []
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        content.append(bytes[index + 1])
                        index += 2
                        continue
                    }
                    if bytes[index] == byte {
                        closed = true
                        index += 1
                        break
                    }
                    content.append(bytes[index])
                    index += 1
                }
                tokens.append(Token(kind: .string(quote: byte, closed: closed), start: start, end: index,
                                    text: String(decoding: content, as: UTF8.self)))
                continue
            case UInt8(ascii: "="), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
                if byte == UInt8(ascii: "!") && index == start + 1 {
                    tokens.append(Token(kind: .other, start: start, end: index, text: "!"))
                    continue
                }
            default:
                if byte.isDigit || ((byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"))
                                    && index + 1 < bytes.count && bytes[index + 1].isDigit) {
                    index += 1
                    while index < bytes.count, bytes[index].isNumberContinue { index += 1 }
                    tokens.append(Token(kind: .number, start: start, end: index,
                                        text: String(decoding: bytes[start..<index], as: UTF8.self)))
                    continue
                }
                if byte.isWordStart || byte == UInt8(ascii: "`") {
                    index = wordEnd(bytes, from: index)
                    tokens.append(Token(kind: .word, start: start, end: index,
                                        text: String(decoding: bytes[start..<index], as: UTF8.self)))
                    continue
                }
                index += 1
                tokens.append(Token(kind: .other, start: start, end: index,
                                    text: String(decoding: bytes[start..<index], as: UTF8.self)))
                continue
            }
            tokens.append(Token(kind: .symbol, start: start, end: index,
                                text: String(decoding: bytes[start..<index], as: UTF8.self)))
        }
        return (tokens, false)
    }

    /// The end of a word or path starting at `index`: identifier characters,
    /// dots, and backtick segments (which may hold anything up to the next backtick).
    private static func wordEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") {
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "`") { index += 1 }
                if index < bytes.count { index += 1 }
            } else if byte.isWordStart || byte.isDigit || byte == UInt8(ascii: ".") {
                index += 1
            } else {
                break
            }
        }
        return index
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isWordStart: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || self == 0x5F }
    /// Digits, letters (units, `T`, `Z`) and the punctuation of dates and instants.
    var isNumberContinue: Bool {
        isDigit || isWordStart || self == UInt8(ascii: "-") || self == UInt8(ascii: ":")
            || self == UInt8(ascii: "+") || self == UInt8(ascii: ".")
    }
}
