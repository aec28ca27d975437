import Foundation

/// How the value hints compare spellings: values "differing only in case
/// or width" share a key (compatibility-normalised, NFKC, then case-folded:
/// `VIP`, `vip`, `ＶＩＰ`); near values are within the typo distance of
/// `EditDistance`. Different scripts are never near (`Osaka`, `大阪`).
enum ValueSpelling {
    static func key(_ s: String) -> String {
        CaseFolding.fold(s.precomposedStringWithCompatibilityMapping)
    }

    /// The values other than `s` with the same key, sorted.
    static func variants(of s: String, in known: Set<String>) -> [String] {
        let k = key(s)
        return known.filter { $0 != s && key($0) == k }.sorted()
    }

    /// Up to `limit` values within the typo distance of `s`, nearest first
    /// (ignoring case, then exact), ties by value.
    static func nearest(to s: String, in known: Set<String>, limit: Int) -> [String] {
        let threshold = EditDistance.threshold(for: s)
        let folded = CaseFolding.fold(s)
        var found: [(value: String, folded: Int, exact: Int)] = []
        for v in known where v != s {
            let f = EditDistance.distance(folded, CaseFolding.fold(v))
            guard f <= threshold else { continue }
            found.append((v, f, EditDistance.distance(s, v)))
        }
        found.sort { ($0.folded, $0.exact, $0.value) < ($1.folded, $1.exact, $1.value) }
        return found.prefix(limit).map(\.value)
    }
}
