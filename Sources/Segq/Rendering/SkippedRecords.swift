import SegqBasics
import SegqStore

/// What opening a friend file skipped, for standard error: the count and
/// the first few records with their lines. `segq --store FILE` and every
/// command that opens a store print it (docs/data-formats.md).
public enum SkippedRecords {
    /// How many skipped records are listed; `segq import` lists them all.
    public static let listed = 5

    /// Nil when nothing was skipped. `strict` words it as a refusal.
    public static func report(_ problems: [ImportProblem], path: String, strict: Bool) -> String? {
        guard !problems.isEmpty else { return nil }
        let count = CountedNoun.text(problems.count, "bad record")
        var out = strict
            ? "error: \(path) has \(count); --strict refuses a store with bad records\n"
            : "warning: \(path): skipped \(count); results count only the friends that were read\n"
        for problem in problems.prefix(listed) { out += "  \(problem)\n" }
        if problems.count > listed { out += "  … and \(problems.count - listed) more (`segq import` lists every one)\n" }
        return out
    }
}
