import SegqSemantics

/// The candidate closest to a misspelt name, for "did you mean" messages:
/// smallest edit distance after case folding, ties broken by candidate
/// order. Nil when nothing is reasonably close (more than half the name differs).
func nearestName(to name: String, in candidates: [String]) -> String? {
    let target = Array(CaseFolding.fold(name).unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let d = editDistance(target, Array(CaseFolding.fold(candidate).unicodeScalars))
        if let current = best, current.distance <= d { continue }
        best = (candidate, d)
    }
    guard let found = best else { return nil }
    let limit = max(2, max(target.count, found.name.unicodeScalars.count) / 2)
    return found.distance <= limit ? found.name : nil
}

/// Levenshtein distance over Unicode scalars, two rows of memory.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
