import Foundation
import SegqBasics
import SegqStore

/// How friend strings are stored: NFC, with a folded copy (`CaseFolding.fold`)
/// beside each where folding changes it, as the SQLite store does.
enum PostgresText {
    /// `s` in NFC; ASCII is returned untouched.
    static func nfc(_ s: String) -> String { UnicodeNormalization.nfc(s) }

    /// The folded copy to store beside `normalized`, or nil when folding changes nothing.
    static func foldedCopy(_ normalized: String) -> String? {
        if normalized.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) { return nil }
        let folded = CaseFolding.fold(normalized)
        return folded.utf8.elementsEqual(normalized.utf8) ? nil : folded
    }
}
