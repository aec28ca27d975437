import SegqStore
import SegqNormalForm

/// The one rule for segment and tag names, applied when a name is saved,
/// renamed and looked up: a name is stored and compared in NFC, and a name
/// that is empty or begins or ends with whitespace is refused — never
/// trimmed, since a trimmed name would silently differ from the one typed.
enum CatalogName {
    enum Kind: String {
        case segment, tag
    }

    /// `name` in NFC, or a refusal saying what is wrong with it.
    static func checked(_ name: String, _ kind: Kind) throws -> String {
        guard let first = name.first, let last = name.last else {
            throw CatalogError.refused("a \(kind.rawValue) needs a name")
        }
        if first.isWhitespace || last.isWhitespace {
            throw CatalogError.refused("\(kind.rawValue) name \(QueryPrinter.stringText(name)) begins or ends with "
                + "whitespace; \(kind.rawValue) names may not (write it without the spaces)")
        }
        return name.nfcNormalized
    }
}
