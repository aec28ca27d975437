/// Byte classification for the lexer. Everything the grammar gives meaning
/// to is ASCII, so the lexer works on UTF-8 bytes and decodes a scalar only
/// where non-ASCII text needs a name in a diagnostic.
enum ByteClass {
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
    static let hash: UInt8 = 0x23, doubleQuote: UInt8 = 0x22, singleQuote: UInt8 = 0x27, backtick: UInt8 = 0x60
    static let backslash: UInt8 = 0x5C, plus: UInt8 = 0x2B, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A, underscore: UInt8 = 0x5F

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    @inline(__always) static func isIdentifierStart(_ b: UInt8) -> Bool { isLetter(b) || b == underscore }

    @inline(__always) static func isIdentifierContinue(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == underscore
    }

    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == space || b == tab || b == lineFeed || b == carriageReturn
    }

    @inline(__always) static func isLineBreak(_ b: UInt8) -> Bool { b == lineFeed || b == carriageReturn }

    /// Bytes that may continue a numeric literal (`2026-06-01T09:30:00.5+09:00`, `-3mo`).
    @inline(__always) static func isNumericContinue(_ b: UInt8) -> Bool {
        isIdentifierContinue(b) || b == dot || b == colon || b == plus || b == minus
    }

    /// ASCII bytes with no meaning in the language; they are reported as
    /// invalid characters and glue onto adjacent word characters so one
    /// mistake gives one diagnostic (`@VIP`, `a/b`).
    @inline(__always) static func isStrayASCII(_ b: UInt8) -> Bool {
        switch b {
        case 0x24, 0x25, 0x2A, 0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x7B, 0x7D, 0x7E,
             plus, minus, 0x7F:
            return true
        default:
            return b < 0x20 && !isWhitespace(b)
        }
    }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }
}

/// One decoded scalar and its length in bytes; `scalar` is nil for a byte
/// that does not start a valid UTF-8 sequence.
struct DecodedScalar {
    var scalar: Unicode.Scalar?
    var length: Int
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Decodes the UTF-8 scalar at `i`; never reads past the end.
    func decodeScalar(at i: Int) -> DecodedScalar {
        let b0 = self[i]
        if b0 < 0x80 { return DecodedScalar(scalar: Unicode.Scalar(b0), length: 1) }
        let need: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: need = 1; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: need = 2; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: need = 3; value = UInt32(b0 & 0x07)
        default: return DecodedScalar(scalar: nil, length: 1)
        }
        guard i + need < count else { return DecodedScalar(scalar: nil, length: 1) }
        for k in 1...need {
            let c = self[i + k]
            guard c & 0xC0 == 0x80 else { return DecodedScalar(scalar: nil, length: 1) }
            value = value << 6 | UInt32(c & 0x3F)
        }
        let minimum: UInt32 = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else {
            return DecodedScalar(scalar: nil, length: 1)
        }
        return DecodedScalar(scalar: scalar, length: need + 1)
    }
}

/// Unicode scalars that look like something the language knows; the lexer
/// reports them with a hint rather than as bare invalid characters.
enum LookAlike {
    /// Spaces other than the four the language accepts (no-break space,
    /// ideographic space, zero-width space, byte order mark, …).
    static func isUnicodeSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Curly quotes as pasted from word processors: `“…”`, `‘…’`.
    static func isCurlyQuote(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x201C || s.value == 0x201D || s.value == 0x2018 || s.value == 0x2019
    }

    static func isCurlyDouble(_ s: Unicode.Scalar) -> Bool { s.value == 0x201C || s.value == 0x201D }
}
