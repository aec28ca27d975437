/// How query results are printed (`.format`, alias `.mode`).
public enum OutputFormat: String, CaseIterable, Equatable, Sendable {
    /// The preview: groups, summary, count, a table of friends, time.
    case table
    /// One integer: the number of matching friends.
    case count
    /// One friend id a line.
    case ids
    /// One JSON object a friend: id, name, added, tags.
    case jsonl
    /// A header row, then one row a friend; tags joined by `|`.
    case csv
}

/// The session's adjustable settings (dot-commands change them).
public struct REPLSettings: Equatable, Sendable {
    public var format: OutputFormat = .table
    /// Friends shown per query; nil shows all of them.
    public var rowLimit: Int? = 10
    /// Whether the time taken is shown after each query (`.timer`).
    public var showsTiming: Bool
    public var style: Style
    /// Columns available for tables, or nil when unknown (not a terminal).
    public var terminalWidth: Int?
    /// Whether standard output is a terminal (`.clear` only acts then).
    public var outputIsTerminal: Bool

    /// Interactive sessions show timing by default; scripts do not, so
    /// that their output is reproducible (`.timer on` turns it on).
    public init(interactive: Bool, style: Style = .plain, terminalWidth: Int? = nil, outputIsTerminal: Bool = false) {
        self.showsTiming = interactive
        self.style = style
        self.terminalWidth = terminalWidth
        self.outputIsTerminal = outputIsTerminal
    }
}
