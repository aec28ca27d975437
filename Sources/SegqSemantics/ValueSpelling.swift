import Foundation
import SegqBasics

/// How the value hints compare spellings: values "differing only in case
/// or width" share a key (compatibility-normalised, NFKC, then case-folded:
/// `VIP`, `vip`, `ＶＩＰ`). A value is *near* another when it is within the
/// typo distance of `NearestName` (sharing at least one character, so a
/// short word is never near one in another script), or when they share
/// most of their words (`Trade show leads`, `Trade Show 2026`: two of three
/// each; `VIP`, `VIP list`). Different scripts are never near (`Osaka`, `大阪`).
enum ValueSpelling {
    static func key(_ s: String) -> String {
        CaseFolding.fold(s.precomposedStringWithCompatibilityMapping)
    }

    /// The values other than `s` with the same key, sorted.
    static func variants(of s: String, in known: Set<String>) -> [String] {
        let k = key(s)
        return known.filter { $0 != s && key($0) == k }.sorted()
    }

    /// How near `candidate` is to `s`, smaller is nearer; nil when not near.
    /// The same key ranks first, then typo distance, then shared words.
    static func nearness(of candidate: String, to s: String) -> Nearness? {
        let (a, b) = (key(s), key(candidate))
        if a == b { return Nearness(rank: 0, distance: 0) }
        if !Set(a.unicodeScalars).isDisjoint(with: b.unicodeScalars) {
            let distance = NearestName.distance(a, b)
            if distance <= NearestName.threshold(for: s) { return Nearness(rank: 1, distance: distance) }
        }
        let (wa, wb) = (words(a), words(b))
        let shared = wa.intersection(wb).count
        guard shared > 0, 2 * shared >= wa.count, 2 * shared >= wb.count else { return nil }
        return Nearness(rank: 2, distance: wa.union(wb).count - shared)
    }

    /// Up to `limit` values near `s` other than `s` itself and its
    /// case/width variants, nearest first; ties go to the value closer in
    /// exact spelling, then by value.
    static func nearest(to s: String, in known: Set<String>, limit: Int) -> [String] {
        let k = key(s)
        return known.compactMap { v in key(v) == k ? nil : nearness(of: v, to: s).map { (v, $0, NearestName.distance(s, v)) } }
            .sorted { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }
            .prefix(limit).map(\.0)
    }

    /// The words of a key: runs of letters and digits.
    private static func words(_ key: String) -> Set<Substring> {
        Set(key.split { !($0.isLetter || $0.isNumber) })
    }

    struct Nearness: Comparable {
        var rank: Int
        var distance: Int
        static func < (x: Nearness, y: Nearness) -> Bool { (x.rank, x.distance) < (y.rank, y.distance) }
    }
}
