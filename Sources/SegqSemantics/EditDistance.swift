/// "Did you mean …?" support shared by the checker, the REPL and saved
/// segments: optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions, each edit costing 1) over Unicode scalars.
public enum EditDistance {
    /// The number of single-scalar insertions, deletions, substitutions and
    /// adjacent transpositions that turn `a` into `b`.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: Int.max)
    }

    /// The largest distance at which a candidate still counts as a likely
    /// typo of `word`: one edit for short words, up to three for long ones.
    public static func threshold(for word: String) -> Int {
        max(1, min(3, word.unicodeScalars.count / 3))
    }

    /// The candidate nearest to `word`, compared ignoring case (a case-only
    /// difference always qualifies), within `maxDistance` (default:
    /// `threshold(for:)`). Ties go to the candidate closer in exact case,
    /// then to the earlier one. Returns nil when none is near enough or the
    /// only match is `word` itself.
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
