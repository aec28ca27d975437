import Foundation
import SegqBasics

/// How the value hints compare spellings: values "differing only in case
/// or width" share a key (compatibility-normalised, NFKC, then case-folded:
/// `VIP`, `vip`, `ＶＩＰ`); near values are within the typo distance of
/// `NearestName`. Different scripts are never near (`Osaka`, `大阪`).
enum ValueSpelling {
    static func key(_ s: String) -> String {
        CaseFolding.fold(s.precomposedStringWithCompatibilityMapping)
    }

    /// The values other than `s` with the same key, sorted.
    static func variants(of s: String, in known: Set<String>) -> [String] {
        let k = key(s)
        return known.filter { $0 != s && key($0) == k }.sorted()
    }

    /// Up to `limit` values near `s` by `NearestName`'s rule, nearest
    /// first, ties by value.
    static func nearest(to s: String, in known: Set<String>, limit: Int) -> [String] {
        Array(NearestName.ranked(near: s, in: known.filter { $0 != s }.sorted()).prefix(limit))
    }
}
