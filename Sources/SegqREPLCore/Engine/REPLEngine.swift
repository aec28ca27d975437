/// Everything the REPL needs from the query engine, store and saved
/// segments. The REPL owns prompts, input, completion of dot-commands and
/// rendering of previews; the engine owns the language and the data.
///
/// Contracts for implementers:
/// - Text in results (`CommandResult`, diagnostics) is already rendered for
///   people: carets, suggestions, tables. The REPL prints it as given,
///   adding a final newline when missing.
/// - No method may crash on bad input; report the problem as `.failed`.
/// - Methods are called on one thread, one at a time.
/// - Long evaluations poll `cancellation.isCancelled` (say every few
///   thousand rows) and return `.cancelled` when it is set (Ctrl-C).
public protocol REPLEngine: AnyObject {
    // MARK: Queries

    /// Evaluates a complete query for the preview: its groups, summary,
    /// count and the first `rowLimit` matching friends (nil: all of them).
    func evaluate(_ query: String, rowLimit: Int?, cancellation: CancellationFlag) -> QueryOutcome

    /// Counts the friends a query matches (`.count`, `.format count`).
    func count(_ query: String, cancellation: CancellationFlag) -> CountOutcome

    /// The syntax tree of a query in its debug form (`.ast`).
    func syntaxTree(of query: String) -> CommandResult

    /// The normal form of a query as groups of AND (`.groups`).
    func groups(of query: String) -> CommandResult

    /// The plan the engine would run for a query (`.explain`).
    func explain(_ query: String) -> CommandResult

    // MARK: Completion

    /// Completes query text at `cursor` (a UTF-8 byte offset into `text`):
    /// keywords, fields, property names, values. `text` holds every line of
    /// the query typed so far, the current one last.
    func completeQuery(_ text: String, cursor: Int) -> Completion

    /// Names offered when completing a dot-command argument.
    func names(_ kind: NameKind) -> [String]

    // MARK: The store

    /// The fields this store offers, with their types (`.schema`).
    func schema() -> CommandResult

    /// The tags in the store with their friend counts (`.tags`).
    func tags() -> CommandResult

    /// The saved segments with their counts (`.segments`).
    func segments() -> CommandResult

    /// Which store is open: its path, kind and size (`.store`).
    func storeDescription() -> CommandResult

    /// Opens another store in place of the current one (`.open`).
    func openStore(at path: String) -> CommandResult

    /// Imports friend records from JSONL/CSV files into the store (`.import`).
    func importFiles(_ paths: [String]) -> CommandResult

    // MARK: Saved segments

    /// Saves (or replaces) a segment (`.save`).
    func saveSegment(named name: String, query: String) -> CommandResult

    /// Shows a saved segment: its query, kind, count, use (`.show`).
    func showSegment(named name: String) -> CommandResult

    /// Drops a saved segment; refused while others use it unless `force` (`.drop`).
    func dropSegment(named name: String, force: Bool) -> CommandResult

    /// Exports a segment's members to `path`, or, when `path` is nil,
    /// returns them as the result text (`.export`).
    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult

    /// Prepares a proposal for review: the text to show and the hash that
    /// approving it must match (`.propose`).
    func propose(segmentNamed name: String, query: String) -> ProposalOutcome

    /// Saves exactly what was proposed (after the user approved it).
    func approve(_ proposal: Proposal) -> CommandResult

    // MARK: Evaluation settings

    /// The evaluation instant as RFC 3339 text, or a phrase such as "the current time".
    func evaluationInstant() -> String

    /// Fixes the evaluation instant (RFC 3339 text), or with nil follows the clock again.
    func setEvaluationInstant(_ instant: String?) -> CommandResult

    /// The time zone used for calendar days (an IANA name).
    func timeZone() -> String

    /// Sets the time zone for this session (an IANA name).
    func setTimeZone(_ identifier: String) -> CommandResult
}

/// The result of evaluating one query.
public enum QueryOutcome: Equatable, Sendable {
    case preview(Preview)
    /// The query has errors; `diagnostics` is rendered text.
    case failed(diagnostics: String)
    /// The evaluation stopped because the cancellation flag was set.
    case cancelled
}

/// The result of counting one query.
public enum CountOutcome: Equatable, Sendable {
    /// `diagnostics` holds rendered warnings, empty when none.
    case count(Int, diagnostics: String)
    case failed(diagnostics: String)
    case cancelled
}

/// The result of a command that only reports: rendered text either way.
public enum CommandResult: Equatable, Sendable {
    case ok(String)
    case failed(String)
}

/// A proposal awaiting the user's approval.
public struct Proposal: Equatable, Sendable {
    public var segmentName: String
    public var query: String
    /// The hash of the normalized query; approving saves only when it still matches.
    public var hash: String
    /// What to show the reviewer (groups, summary, count, sample, warnings).
    public var text: String

    public init(segmentName: String, query: String, hash: String, text: String) {
        self.segmentName = segmentName
        self.query = query
        self.hash = hash
        self.text = text
    }
}

public enum ProposalOutcome: Equatable, Sendable {
    case proposal(Proposal)
    /// The query has errors; nothing to approve.
    case failed(String)
}

/// Kinds of names the engine completes for dot-command arguments.
public enum NameKind: Equatable, Sendable {
    case segment
    case tag
}

/// Formats for exported segment members.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    case csv
    case jsonl
}
