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

    /// `segq import --json` (docs/schemas/import.schema.json): the store,
    /// friends imported (new and updated; null when nothing was written),
    /// why nothing was (`strict`, `empty_replacement`), and every skipped
    /// record with its file and line. `problems` are the outcome's, with
    /// files named as the caller gave them.
    public static func json(_ outcome: FriendImport.Outcome, store: String, problems: [ImportProblem]) -> JSONValue {
        let refusal: JSONValue
        switch outcome.refusal {
        case nil: refusal = .null
        case .strict?: refusal = .string("strict")
        case .emptyReplacement?: refusal = .string("empty_replacement")
        }
        return .object([
            ("store", .string(store)),
            ("imported", outcome.summary.map { .int(Int64($0.inserted + $0.updated)) } ?? .null),
            ("inserted", outcome.summary.map { .int(Int64($0.inserted)) } ?? .null),
            ("updated", outcome.summary.map { .int(Int64($0.updated)) } ?? .null),
            ("refused", refusal),
            ("skipped", .array(problems.map { p in
                .object([("file", p.file.map(JSONValue.string) ?? .null), ("line", .int(Int64(p.line))),
                         ("message", .string(p.message))])
            })),
        ])
    }

    /// The records a load or an import skipped, one line each
    /// (`friends.jsonl:12: …`), in file order; empty when there are none.
    public static func problems(_ problems: [ImportProblem]) -> String {
        problems.map { "\($0)\n" }.joined()
    }
}
