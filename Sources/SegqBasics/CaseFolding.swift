/// The one case-insensitive comparison key used by every engine
/// (reference evaluator, in-memory store, SQLite folded columns), so they
/// agree exactly: upper-casing then lower-casing approximates Unicode full
/// case folding (`ß` → `ss`, final sigma → `σ`).
public enum CaseFolding {
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.uppercased().lowercased()
    }
}
