/// What the segment editor's preview shows for one query, as the engine
/// computed it. `PreviewRenderer` turns it into text.
public struct Preview: Equatable, Sendable {
    /// The normal form: an OR of groups, each an AND of conditions, every
    /// condition already printed as query text (`shopify.purchases >= 3`).
    /// No groups: the query matches nobody; an empty group: everybody.
    public var groups: [[String]]
    /// The plain-language reading ("Friends who …"); empty when none.
    public var summary: String
    /// Total number of matching friends.
    public var count: Int
    /// The first matching friends (at most the requested row limit).
    public var rows: [PreviewRow]
    /// Time the engine took; nil lets the REPL show the time it measured.
    public var elapsed: Duration?
    /// Warnings, already rendered (carets and suggestions); empty when none.
    public var diagnostics: String

    public init(groups: [[String]], summary: String, count: Int, rows: [PreviewRow],
                elapsed: Duration? = nil, diagnostics: String = "") {
        self.groups = groups
        self.summary = summary
        self.count = count
        self.rows = rows
        self.elapsed = elapsed
        self.diagnostics = diagnostics
    }
}

/// One friend in a preview table.
public struct PreviewRow: Equatable, Sendable {
    public var id: String
    /// Empty when the friend has no name.
    public var name: String
    /// When the friend was added, already formatted in the store's time zone.
    public var added: String
    public var tags: [String]

    public init(id: String, name: String, added: String, tags: [String]) {
        self.id = id
        self.name = name
        self.added = added
        self.tags = tags
    }
}
