/// Decides whether typed query text is finished or continues on the next
/// line, without the real lexer: a small scanner over UTF-8 bytes that only
/// knows what can be left open at the end of a line.
///
/// A query is incomplete while a parenthesis, a string (`"…"` or `'…'`,
/// backslash escapes honoured) or a backtick path segment is open, or while
/// its last word is `and`, `or` or `not` (any case, not as a path segment,
/// ignoring a trailing `#` comment). Everything else — including text the
/// lexer would reject — is complete, so that the engine reports the error.
///
/// The scanner is total: any byte sequence gives an answer in one pass.
public enum QueryContinuationScanner {
    /// What keeps a query open at the end of the text.
    public enum OpenConstruct: Equatable, Sendable {
        /// `depth` parentheses are still open.
        case parenthesis(depth: Int)
        /// A string opened by `quote` (`"` or `'`) is not closed.
        case string(quote: Character)
        /// A backtick path segment is not closed.
        case backtickPath
        /// The text ends with the keyword `and`, `or` or `not` (lower-cased).
        case trailingKeyword(String)
    }

    /// The construct left open at the end of `text`, or nil when the query is complete.
    public static func openConstruct(in text: String) -> OpenConstruct? {
        var scan = Scan()
        if let open = text.utf8.withContiguousStorageIfAvailable({ scan.run($0) }) { return open }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { scan.run($0) }
    }

    /// True when `text` continues on the next line.
    public static func needsContinuation(_ text: String) -> Bool {
        openConstruct(in: text) != nil
    }
}

/// The scanner's state; one pass, no allocation except for the final keyword.
private struct Scan {
    private enum Mode { case code, string(UInt8), backtick, comment }

    private var mode = Mode.code
    private var depth = 0
    /// Byte range of the last bare word in code (not after `.`), if it is the last token.
    private var lastWord: Range<Int>?

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> QueryContinuationScanner.OpenConstruct? {
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            switch mode {
            case .comment:
                if byte == .lineFeed { mode = .code }
                index += 1
            case .string(let quote):
                if byte == .backslash {
                    index += 2  // an escape never closes the string
                    continue
                }
                if byte == quote { mode = .code }
                index += 1
            case .backtick:
                if byte == .backtick { mode = .code }
                index += 1
            case .code:
                index = scanCode(bytes, at: index)
            }
        }
        switch mode {
        case .string(let quote): return .string(quote: Character(Unicode.Scalar(quote)))
        case .backtick: return .backtickPath
        case .code, .comment: break
        }
        if depth > 0 { return .parenthesis(depth: depth) }
        if let word = lastWord {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[word]), as: UTF8.self).lowercased()
            if text == "and" || text == "or" || text == "not" { return .trailingKeyword(text) }
        }
        return nil
    }

    /// Scans one token in code mode starting at `index`; returns the next index.
    private mutating func scanCode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case .space, .tab, .lineFeed, .carriageReturn:
            return index + 1
        case .hash:
            mode = .comment
            return index + 1
        case .doubleQuote, .singleQuote:
            mode = .string(byte)
            lastWord = nil
            return index + 1
        case .backtick:
            mode = .backtick
            lastWord = nil
            return index + 1
        case .openParen:
            depth += 1
            lastWord = nil
            return index + 1
        case .closeParen:
            depth = max(0, depth - 1)
            lastWord = nil
            return index + 1
        default:
            break
        }
        if byte.isDigit {  // numbers, dates, relative times: never a keyword
            var next = index + 1
            while next < bytes.count, bytes[next].isIdentifierContinue { next += 1 }
            lastWord = nil
            return next
        }
        if byte.isIdentifierStart {
            var next = index + 1
            while next < bytes.count, bytes[next].isIdentifierContinue { next += 1 }
            let afterDot = index > 0 && bytes[index - 1] == .dot
            lastWord = afterDot ? nil : index..<next
            return next
        }
        lastWord = nil
        return index + 1
    }
}

private extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let doubleQuote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let singleQuote: UInt8 = 0x27
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let dot: UInt8 = 0x2E
    static let backslash: UInt8 = 0x5C
    static let backtick: UInt8 = 0x60

    var isIdentifierStart: Bool {
        (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || self == 0x5F
    }

    var isDigit: Bool { self >= 0x30 && self <= 0x39 }

    var isIdentifierContinue: Bool { isIdentifierStart || isDigit }
}
