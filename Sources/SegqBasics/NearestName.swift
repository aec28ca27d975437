/// "Did you mean …?" for every name segq suggests (fields, values, tags,
/// segments, REPL commands, test words): one distance and one rule for
/// what counts as near.
///
/// The distance is optimal string alignment (Levenshtein plus adjacent
/// transpositions, each edit costing 1) over Unicode scalars, compared
/// after `CaseFolding`. A candidate is near when it is at most
/// `threshold(for:)` edits away: one edit per three scalars of the word
/// (rounded up), at least one and at most three.
public enum NearestName {
    /// The number of single-scalar insertions, deletions, substitutions and
    /// adjacent transpositions that turn `a` into `b` (case counts).
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: Int.max)
    }

    /// The largest distance at which a candidate still counts as a likely
    /// typo of `word`.
    public static func threshold(for word: String) -> Int {
        max(1, min(3, (word.unicodeScalars.count + 2) / 3))
    }

    /// The candidate nearest to `word` ignoring case (a case-only difference
    /// always qualifies), within `maxDistance` (by default
    /// `threshold(for:)`; a caller may only ask for fewer edits, as field
    /// resolution does to prefer a one-edit typo). Ties go to the candidate closer in exact case,
    /// then to the earlier one. Nil when none is near enough or the only
    /// match is `word` itself.
    public static func nearest<C: Sequence>(to word: String, in candidates: C,
                                            maxDistance: Int? = nil) -> String? where C.Element == String {
        let limit = maxDistance ?? threshold(for: word)
        let folded = Array(CaseFolding.fold(word).unicodeScalars)
        let exact = Array(word.unicodeScalars)
        var best: (candidate: String, folded: Int, exact: Int)?
        for candidate in candidates where candidate != word {
            let f = distance(folded, Array(CaseFolding.fold(candidate).unicodeScalars),
                             limit: best.map { $0.folded } ?? limit)
            guard f <= limit else { continue }
            let e = distance(exact, Array(candidate.unicodeScalars), limit: Int.max)
            if let b = best, (b.folded, b.exact) <= (f, e) { continue }
            best = (candidate, f, e)
        }
        return best?.candidate
    }

    /// The distance the rule compares: `distance` after case folding.
    public static func foldedDistance(_ a: String, _ b: String) -> Int {
        distance(CaseFolding.fold(a), CaseFolding.fold(b))
    }

    /// Every candidate near `word` (same rule as `nearest`), nearest first;
    /// ties go to the candidate closer in exact case, then keep the
    /// candidates' order.
    public static func ranked(near word: String, in candidates: [String]) -> [String] {
        let limit = threshold(for: word)
        let folded = Array(CaseFolding.fold(word).unicodeScalars)
        let exact = Array(word.unicodeScalars)
        return candidates.enumerated()
            .map { (offset: $0.offset, name: $0.element,
                    distance: distance(folded, Array(CaseFolding.fold($0.element).unicodeScalars), limit: limit)) }
            .filter { $0.distance <= limit }
            .map { ($0.offset, $0.name, $0.distance, distance(exact, Array($0.name.unicodeScalars), limit: Int.max)) }
            .sorted { ($0.2, $0.3, $0.0) < ($1.2, $1.3, $1.0) }
            .map(\.1)
    }

    /// Distance with an early exit: returns a value greater than `limit` as
    /// soon as every alignment exceeds it.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if limit != Int.max, abs(a.count - b.count) > limit { return limit + 1 }
        let width = b.count + 1
        var before = [Int](repeating: 0, count: width)   // row i - 2
        var previous = Array(0..<width)                     // row i - 1
        var current = [Int](repeating: 0, count: width)     // row i
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, before[j - 2] + 1)
                }
                current[j] = d
                rowMinimum = min(rowMinimum, d)
            }
            if limit != Int.max, rowMinimum > limit { return limit + 1 }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
