import SegqBasics

/// Words people write where a test belongs, and the segq test they meant:
/// used for "did you mean" on E0016 (`tag contain "x"`, `name startswith "A"`).
enum TestWord {
    /// The segq spelling of the test closest to `word`, if one is close enough.
    static func nearest(to word: String) -> String? {
        let folded = String(word.lowercased().filter { $0 != "_" && $0 != "-" })
        if let known = synonyms[folded] { return known }
        guard folded.count >= 4 else { return nil }
        let candidates = ["contains", "between", "within", "starts", "ends", "empty", "null"]
        guard let found = NearestName.nearest(to: folded, in: candidates) else { return nil }
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
        "has": "=", "every": "all", "hasall": "all", "allof": "all", "eq": "=", "ne": "!=", "neq": "!=", "lt": "<", "le": "<=", "lte": "<=", "gt": ">", "ge": ">=", "gte": ">=",
        "notin": "not in", "isnull": "is null", "isnotnull": "is not null", "isempty": "is empty", "isnotempty": "is not empty",
    ]
}
