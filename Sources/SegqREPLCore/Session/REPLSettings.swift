/// How query results are printed (`.format`, alias `.mode`). The first
/// four show the whole preview (groups, summary, count, friends); the
/// others write only the friends, for files and other programs.
public enum OutputFormat: String, CaseIterable, Equatable, Sendable {
    /// The preview with the friends as a psql-style table.
    case table
    /// The preview with the friends in a box of line-drawing characters.
    case box
    /// The preview with the friends as a Markdown table.
    case markdown
    /// The preview with each friend as `column = value` lines (sqlite3's line mode).
    case line
    /// One integer: the number of matching friends.
    case count
    /// One friend id a line.
    case ids
    /// One JSON object a friend: id, name, added, tags.
    case jsonl
    /// One JSON array of those objects.
    case json
    /// A header row, then one row a friend; tags joined by `|`.
    case csv

    /// Whether results in this format are the preview for people.
    public var isPreview: Bool {
        switch self {
        case .table, .box, .markdown, .line: return true
        case .count, .ids, .jsonl, .json, .csv: return false
        }
    }
}

/// A three-way switch: `.expanded` and `.pager`.
public enum AutoSwitch: String, CaseIterable, Equatable, Sendable {
    case on, off, auto
}

/// The session's adjustable settings (dot-commands change them).
public struct REPLSettings: Equatable, Sendable {
    public var format: OutputFormat = .table
    /// Friends shown per query; nil shows all of them.
    public var rowLimit: Int? = 10
    /// Whether the time taken is shown after each query (`.timer`).
    public var showsTiming: Bool
    /// Whether tables and CSV start with their column names (`.headers`).
    public var showsHeaders = true
    /// Friends as one record each instead of a table row (`.expanded`);
    /// `auto` does so when the table is wider than the terminal.
    public var expanded: AutoSwitch = .off
    /// Long results through the pager (`.pager`); `auto` only when they do
    /// not fit the screen. Never in scripts or when output is not a terminal.
    public var pager: AutoSwitch = .auto
    /// The preview's columns (`.columns`); nil: id, name, added, tags and
    /// the fields the query uses.
    public var columns: [String]?
    public var style: Style
    /// Columns available for tables, or nil when unknown (not a terminal).
    public var terminalWidth: Int?
    /// Lines on the screen, or nil when unknown (not a terminal).
    public var terminalHeight: Int?
    /// Whether standard output is a terminal (`.clear` only acts then).
    public var outputIsTerminal: Bool

    /// Interactive sessions show timing by default; scripts do not, so
    /// that their output is reproducible (`.timer on` turns it on).
    public init(interactive: Bool, style: Style = .plain, terminalWidth: Int? = nil, outputIsTerminal: Bool = false,
                terminalHeight: Int? = nil) {
        self.showsTiming = interactive
        self.style = style
        self.terminalWidth = terminalWidth
        self.terminalHeight = terminalHeight
        self.outputIsTerminal = outputIsTerminal
    }
}
