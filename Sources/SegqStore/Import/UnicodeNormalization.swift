import Foundation

/// NFC normalisation of imported and queried strings (Grammar/README.md "Tests by type":
/// string equality is exact after NFC). Most text is already NFC; a scan
/// for scalars that can never change under NFC keeps the common case free
/// of Foundation.
public enum UnicodeNormalization {
    /// What one pass over a string's UTF-8 bytes found.
    enum Scan {
        /// Not valid UTF-8 (a stray or missing continuation byte, an
        /// overlong form, a surrogate, a scalar past U+10FFFF).
        case invalid
        /// Valid, and every scalar is one NFC leaves alone in any context
        /// (Latin below U+0300, kana except the combining voicing marks,
        /// CJK ideographs and punctuation, Hangul syllables, full/half-width
        /// forms, emoji): the bytes are NFC as they are.
        case nfc
        /// Valid, with a scalar NFC may change: Foundation decides.
        case mayChange
    }

    /// Validates UTF-8 and checks the NFC quick cases in the same pass, so
    /// an imported string is read once for both.
    static func scan(_ p: UnsafeBufferPointer<UInt8>) -> Scan {
        var i = 0
        let n = p.count
        // ASCII runs eight bytes at a time.
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
        }
        var result = Scan.nfc
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xC2 { return .invalid }
            if b0 < 0xE0 {
                // Two bytes: U+0080…U+07FF; safe below U+0300 (lead byte < 0xCC).
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return .invalid }
                if b0 >= 0xCC { result = .mayChange }
                i += 2
                continue
            }
            if b0 < 0xF0 {
                guard i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return .invalid }
                let v = (UInt32(b0 & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
                guard v >= 0x800, v < 0xD800 || v > 0xDFFF else { return .invalid }
                if !isSafeBMP(v) { result = .mayChange }
                i += 3
                continue
            }
            guard b0 < 0xF5, i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80,
                  p[i + 3] & 0xC0 == 0x80 else { return .invalid }
            let v = (UInt32(b0 & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12)
                | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F)
            guard v >= 0x10000, v <= 0x10FFFF else { return .invalid }
            if v < 0x1F300 || v >= 0x1FB00 { result = .mayChange }
            i += 4
        }
        return result
    }

    /// True when the (valid UTF-8) bytes are NFC by the quick cases of
    /// `scan`; anything else is checked by Foundation.
    static func isTriviallyNFC(_ p: UnsafeBufferPointer<UInt8>) -> Bool { scan(p) == .nfc }

    @inline(__always)
    private static func isSafeBMP(_ v: UInt32) -> Bool {
        switch v {
        case 0x3000..<0x302A, 0x3030..<0x3099, 0x309B..<0x3100: return true   // CJK punctuation, kana
        case 0x3400..<0x4DC0, 0x4E00..<0xA000: return true                     // CJK ideographs
        case 0xAC00..<0xD7A4: return true                                      // Hangul syllables
        case 0xFF00..<0xFFF0: return true                                      // full/half-width forms
        default: return false
        }
    }

    /// The NFC form of `s`.
    public static func nfc(_ s: String) -> String {
        var s = s
        let trivial = s.withUTF8 { isTriviallyNFC($0) }
        return trivial ? s : s.precomposedStringWithCanonicalMapping
    }

    /// A string from valid UTF-8 bytes, in NFC.
    static func nfcString(_ p: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: p, as: UTF8.self)
        return isTriviallyNFC(p) ? s : s.precomposedStringWithCanonicalMapping
    }
}

extension String {
    /// This string in Unicode NFC (the form every store keeps).
    public var nfcNormalized: String { UnicodeNormalization.nfc(self) }
}
