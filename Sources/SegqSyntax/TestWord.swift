/// Words people write where a test belongs, and the segq test they meant:
/// used for "did you mean" on E0016 (`tag contain "x"`, `name startswith "A"`).
enum TestWord {
    /// The segq spelling of the test closest to `word`, if one is close enough.
    static func nearest(to word: String) -> String? {
        let folded = String(word.lowercased().filter { $0 != "_" && $0 != "-" })
        if let known = synonyms[folded] { return known }
        guard folded.count >= 4 else { return nil }
        var best: (String, Int)?
        for candidate in ["contains", "between", "within", "starts", "ends", "empty", "null"] {
            let distance = editDistance(folded, candidate)
            if distance <= 2, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let found = best?.0 else { return nil }
        switch found {
        case "starts": return "starts with"
        case "ends": return "ends with"
        case "empty": return "is empty"
        case "null": return "is null"
        default: return found
        }
    }

    private static let synonyms: [String: String] = [
        "startswith": "starts with", "beginswith": "starts with", "begins": "starts with",
        "endswith": "ends with", "end": "ends with", "start": "starts with",
        "contain": "contains", "includes": "contains", "include": "contains", "like": "contains", "ilike": "contains",
        "has": "=", "eq": "=", "ne": "!=", "neq": "!=", "lt": "<", "le": "<=", "lte": "<=", "gt": ">", "ge": ">=", "gte": ">=",
        "notin": "not in", "isnull": "is null", "isnotnull": "is not null", "isempty": "is empty", "isnotempty": "is not empty",
    ]

    /// Levenshtein distance over Unicode scalars (short words only).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var row = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            row[0] = i
            for j in 1...y.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[y.count]
    }
}
