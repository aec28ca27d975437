import SegqStore
import SegqBasics
import Foundation
import SegqSemantics

/// How strings are stored and compared in the SQLite store.
///
/// Strings are stored in Unicode NFC, so SQLite's byte comparison is the
/// language's "exact, NFC" equality (Grammar/README.md "Tests by type"); every bound string is
/// normalised the same way. Case-insensitive tests compare the UTF-8 bytes
/// of `CaseFolding.fold` of both sides; a column's folded copy is stored
/// only where it differs from the value (NULL otherwise), and read as
/// `coalesce(folded, value)`.
enum StoredText {
    /// `s` in NFC; ASCII (the common case) is returned untouched without Foundation.
    static func nfc(_ s: String) -> String { UnicodeNormalization.nfc(s) }

    /// Whether `s` is in NFC already (`nfc(s)` has the same bytes).
    static func isNFC(_ s: String) -> Bool {
        nfc(s).utf8.elementsEqual(s.utf8)
    }

    /// The folded comparison key of an already normalised string.
    static func fold(_ normalized: String) -> String {
        CaseFolding.fold(normalized)
    }

    /// The folded copy to store beside `normalized`, or nil when folding changes nothing.
    static func foldedCopy(_ normalized: String) -> String? {
        var ascii = true
        for byte in normalized.utf8 where byte >= 0x41 {
            if byte >= 0x80 { ascii = false; break }
            if byte <= 0x5A { return fold(normalized) }  // ASCII upper case: the copy differs
        }
        if ascii { return nil }
        let folded = fold(normalized)
        return folded.utf8.elementsEqual(normalized.utf8) ? nil : folded
    }
}
