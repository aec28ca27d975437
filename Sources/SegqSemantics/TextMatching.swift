import SegqBasics
import Foundation

/// The text tests of Grammar/README.md "Tests by type": `contains`, `starts with`, `ends with`
/// ignore case. Both sides are case-folded with `CaseFolding.fold` and
/// compared as UTF-8 bytes (so at Unicode scalar level, never by grapheme),
/// the comparison a store can reproduce with folded byte columns.
public enum TextMatching {
    public static func contains(_ value: String, _ pattern: String) -> Bool {
        bytesContain(Array(CaseFolding.fold(value).utf8), Array(CaseFolding.fold(pattern).utf8))
    }

    public static func startsWith(_ value: String, _ pattern: String) -> Bool {
        Array(CaseFolding.fold(value).utf8).starts(with: Array(CaseFolding.fold(pattern).utf8))
    }

    public static func endsWith(_ value: String, _ pattern: String) -> Bool {
        Array(CaseFolding.fold(value).utf8).reversed().starts(with: Array(CaseFolding.fold(pattern).utf8).reversed())
    }

    /// Byte-level substring search on already folded text.
    public static func bytesContain(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Unicode NFC, the form in which strings compare for `=`, `!=` and `in`.
    public static func nfc(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }
}
