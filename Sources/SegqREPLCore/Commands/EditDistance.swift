/// Edit distance for "did you mean" suggestions: insertions, deletions,
/// substitutions and swaps of two adjacent characters each cost 1
/// (optimal string alignment), compared case-insensitively.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, previousPrevious[j - 2] + 1)
                }
                current[j] = best
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// The candidates close enough to `word` to suggest, nearest first
    /// (ties keep the candidates' order). Close enough: at most 2 edits and
    /// fewer edits than the word has characters.
    static func suggestions(for word: String, among candidates: [String]) -> [String] {
        guard !word.isEmpty, word.count <= 64 else { return [] }
        let limit = min(2, max(1, word.count - 1))
        return candidates.enumerated()
            .map { (offset: $0.offset, name: $0.element, distance: between(word, $0.element)) }
            .filter { $0.distance <= limit }
            .sorted { ($0.distance, $0.offset) < ($1.distance, $1.offset) }
            .map(\.name)
    }
}
