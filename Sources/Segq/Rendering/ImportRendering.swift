import SegqBasics

/// The line that ends an import, in `segq import` and `.import`:
/// `imported 2001 friends into S: 1990 new, 10 updated, 1 unchanged, 3 removed; 6 bad records skipped`
/// (`removed` only when the import replaced the store's friends and the store counted them).
public enum ImportRendering {
    /// `store` names the store written to; nil leaves it out (the REPL's open store).
    public static func summary(_ outcome: FriendImport.Outcome, store: String?) -> String {
        let bad = outcome.report.problems.count
        let into = store.map { " into \($0)" } ?? ""
        guard let summary = outcome.summary else {
            if outcome.refusal == .emptyReplacement {
                return "imported nothing\(into): the files hold no friend, and --replace would empty the store; "
                    + "the store is unchanged (add --allow-empty to empty it)"
            }
            return "imported nothing\(into): \(CountedNoun.text(bad, "bad record")) and --strict"
        }
        return "imported \(CountedNoun.text(summary.inserted + summary.updated + summary.unchanged, "friend"))\(into): "
            + "\(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged"
            + (summary.removed.map { ", \($0) removed" } ?? "")
            + (bad > 0 ? "; \(CountedNoun.text(bad, "bad record")) skipped" : "")
    }

    /// The records a load or an import skipped, one line each
    /// (`friends.jsonl:12: …`), in file order; empty when there are none.
    public static func problems(_ problems: [ImportProblem]) -> String {
        problems.map { "\($0)\n" }.joined()
    }
}
