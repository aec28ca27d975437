/// A dot-command line split into its name and arguments.
///
/// Arguments are words separated by blanks; a word may be quoted with `"`
/// or `'` (backslash escapes the quote and itself inside), so that names
/// with spaces can be given: `.show "Repeat customers"`. A query argument
/// is taken raw as the rest of the line (`rest(from:)`), quotes and all.
public struct DotCommandLine: Equatable, Sendable {
    /// One argument word and where it is in the line.
    public struct Word: Equatable, Sendable {
        /// The word with quotes removed and escapes resolved.
        public var text: String
        /// UTF-8 byte offsets in the whole line, quotes included.
        public var start: Int
        public var end: Int
        /// True when the word began with a quote.
        public var isQuoted: Bool
    }

    /// The line as typed.
    public let line: String
    /// The command name without the dot (may be empty: a lone `.`).
    public let name: String
    /// UTF-8 byte offset of the dot and the end of the name.
    public let nameStart: Int
    public let nameEnd: Int
    public let words: [Word]

    public init(_ line: String) {
        self.line = line
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, bytes[index].isBlank { index += 1 }
        nameStart = index
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") { index += 1 }
        let nameBegin = index
        while index < bytes.count, !bytes[index].isBlank { index += 1 }
        nameEnd = index
        name = String(decoding: bytes[nameBegin..<index], as: UTF8.self)
        words = Self.words(in: bytes, from: index)
    }

    /// The raw text from the start of word `index` to the end of the line,
    /// trailing blanks removed; empty when there is no such word.
    public func rest(from index: Int) -> String {
        guard index < words.count else { return "" }
        let bytes = Array(line.utf8)
        var end = bytes.count
        while end > words[index].start, bytes[end - 1].isBlank { end -= 1 }
        return String(decoding: bytes[words[index].start..<end], as: UTF8.self)
    }

    static func words(in bytes: [UInt8], from start: Int) -> [Word] {
        var words: [Word] = []
        var index = start
        while true {
            while index < bytes.count, bytes[index].isBlank { index += 1 }
            guard index < bytes.count else { return words }
            let wordStart = index
            var text: [UInt8] = []
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count, bytes[index] != quote {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count,
                       bytes[index + 1] == quote || bytes[index + 1] == UInt8(ascii: "\\") {
                        index += 1
                    }
                    text.append(bytes[index])
                    index += 1
                }
                if index < bytes.count { index += 1 }  // the closing quote
                words.append(Word(text: String(decoding: text, as: UTF8.self), start: wordStart, end: index, isQuoted: true))
            } else {
                while index < bytes.count, !bytes[index].isBlank { text.append(bytes[index]); index += 1 }
                words.append(Word(text: String(decoding: text, as: UTF8.self), start: wordStart, end: index, isQuoted: false))
            }
        }
    }
}

extension UInt8 {
    var isBlank: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
