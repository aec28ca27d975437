/// The line that ends an import, in `segq import` and `.import`:
/// `imported 2001 friend(s) into S: 2001 new, 0 updated; 6 bad record(s) skipped`.
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
            return "imported nothing\(into): \(bad) bad record(s) and --strict"
        }
        return "imported \(summary.inserted + summary.updated) friend(s)\(into): "
            + "\(summary.inserted) new, \(summary.updated) updated"
            + (bad > 0 ? "; \(bad) bad record(s) skipped" : "")
    }
}
