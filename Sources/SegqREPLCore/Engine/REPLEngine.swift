/// Everything the REPL needs from the query engine, the store and the saved
/// segments: the REPL's only door to them. The REPL owns prompts, input,
/// completion, dot-commands and the rendering of previews; the engine owns
/// the language and the data. Tests use fakes.
///
/// The `segq` program's implementation (`FacadeEngine`) is an adapter:
/// each method is one call of the `Segq` facade (`Session.compile`,
/// `QueryEvaluator`, `Session.fields`/`suggestValues`/`describeStore`/
/// `tagListing`, `SegmentCatalog`, `StoreImport`), its value rendered by
/// the facade's renderers (`CatalogRendering`, `FriendFormat`), the same
/// ones the `segq segment|tag` subcommands print with.
///
/// Contracts for implementers:
/// - Text the engine returns (`CommandResult`, `CompiledQuery.diagnostics`)
///   is already rendered for people: diagnostics with carets and
///   suggestions, listings as tables. The REPL prints it as given, adding a
///   final newline when missing. It may hold ANSI colour only when the
///   engine was told to use colour (the REPL never strips it).
/// - No method may crash on any input; problems are reported as
///   `.failed` (or as diagnostics).
/// - Methods are called on one thread, one at a time.
/// - Long evaluations should poll `cancellation.isCancelled` (the REPL
///   sets it on Ctrl-C, from a signal handler) and then return
///   `.cancelled`; an engine that cannot stop early just finishes.
/// - A query is given as the user typed it (several lines joined by `\n`).
public protocol REPLEngine: AnyObject {
    // MARK: Queries

    /// Parses, checks and normalises a query (no evaluation): its rendered
    /// diagnostics and, when it has no errors, its groups, plain-language
    /// summary, canonical text and hash.
    func compile(_ query: String) -> CompiledQuery

    /// The same for a query read from a script: its diagnostics, and those
    /// of its evaluation, are located in the script (`origin`).
    func compile(_ query: String, at origin: QueryOrigin) -> CompiledQuery

    /// Evaluates a query compiled by `compile` (without errors) against the
    /// store: the number of matching friends and the first `rowLimit` of
    /// them in the store's order (nil: all; 0: count only).
    func evaluate(_ query: CompiledQuery, rowLimit: Int?, cancellation: CancellationFlag) -> EvaluationOutcome

    /// As `evaluate(_:rowLimit:cancellation:)`, each row also holding its
    /// values of `columns` (canonical field paths other than id, name,
    /// added and tag) in `PreviewRow.values`, for the preview's columns.
    func evaluate(_ query: CompiledQuery, rowLimit: Int?, columns: [String],
                  cancellation: CancellationFlag) -> EvaluationOutcome

    /// The syntax tree of a query in its debug form (`.ast`); diagnostics
    /// are included when the query has errors.
    func syntaxTree(of query: String) -> CommandResult

    /// How the engine would run a query: in memory or pushed down to SQL,
    /// and why (`.explain`).
    func explain(_ query: String) -> CommandResult

    // MARK: Names, for completion and `.schema`

    /// The fields a query may use with this store, in the order to list
    /// them: the built-in fields of the integrations the store has (not the
    /// others) and every known HubSpot/Klaviyo property, each as its
    /// canonical path (`shopify.purchases`, `` hubspot.`lead status` ``).
    func fields() -> [FieldInfo]

    /// Known values of a field, at most `limit`, most useful first:
    /// `tag` → tag names, `segment` → saved segment names, `hubspot.segment`
    /// / `klaviyo.list` → list names, `shopify.tag` → Shopify tags, a
    /// property → its string values. Empty when none are known or the
    /// field is not a string or set field. `field` is a canonical path.
    func values(of field: String, limit: Int) -> [String]

    /// The folders saved segments or tags are filed in, sorted, for Tab
    /// after `.save --folder`, `.move NAME` and `.tag folder NAME`; empty
    /// when the store keeps no catalogue.
    func folderNames(of kind: FolderKind) -> [String]

    // MARK: The store

    /// The tags in the store: name, folder, friend count, last updated (`.tags`).
    func tags() -> CommandResult

    /// The saved segments: name, count, where used, last updated (`.segments`).
    func segments() -> CommandResult

    /// Which store is open: its path, kind, friend count, time zone (`.store`).
    func storeDescription() -> CommandResult

    /// Opens another store (`.sqlite`/`.db` file, or friend files loaded in
    /// memory) in place of the current one; on failure the current one stays.
    func openStore(at path: String) -> CommandResult

    /// Imports friend records from JSONL/CSV files into the open store,
    /// all or nothing; the result reports counts and bad lines (`.import`).
    func importFiles(_ paths: [String]) -> CommandResult

    /// Notices whether another process changed the open store since the
    /// engine last read it and, if so, reads it again. Returns the one line
    /// to tell the person ("store changed on disk: reloaded, 20,000
    /// friends"), or nil when nothing changed. Called before each query
    /// and each command that reads the store; must be cheap when nothing
    /// changed.
    func reloadIfStoreChanged() -> String?

    /// Renames a tag on every friend and in every segment that uses it
    /// (`.rename-tag`); the result lists each segment whose audience the
    /// rename can move, with its count before and after.
    func renameTag(_ old: String, to new: String, merge: Bool) -> CommandResult

    /// Deletes a tag from every friend, refused while segments name it
    /// unless `force` (`.delete-tag`); the result lists each affected
    /// segment's count before and after.
    func deleteTag(_ name: String, force: Bool) -> CommandResult

    /// Adds the tag `name` to the friends `query` matches, or removes it
    /// from them (`.tag add|remove`); the result says how many friends
    /// changed and lists each segment whose audience moved, before and after.
    func applyTag(_ name: String, query: String, remove: Bool) -> CommandResult

    // MARK: Saved segments

    /// Saves a segment: a person's own save (`.save`); an agent's change
    /// goes through a proposal (`ProposalEngine`). Dynamic unless
    /// `options.isStatic` (the members are stored now), in `options.folder`
    /// when given. An existing segment of the same name is replaced only
    /// with `options.replace` (keeping its folder unless one is given, and
    /// the result says what it was); otherwise the save is `.failed`,
    /// saying what the segment holds and who uses it.
    func saveSegment(named name: String, query: String, options: SegmentSaveOptions) -> CommandResult

    /// Moves a saved segment into `folder`, or out of its folder when nil,
    /// in one write; the result names the old and the new folder (`.move`).
    func moveSegment(named name: String, toFolder folder: String?) -> CommandResult

    /// A saved segment: its query as written and canonical, kind, count,
    /// folder, where it is used, times (`.show`).
    func showSegment(named name: String) -> CommandResult

    /// Drops a saved segment; refused, naming the users, while other
    /// segments refer to it, unless `force` (`.drop`).
    func dropSegment(named name: String, force: Bool) -> CommandResult

    /// Why the friend with `friendID` is or is not matched by `query`:
    /// each group and condition with the friend's value and its verdict
    /// (`.why`); a query with errors or an unknown friend is `.failed`.
    func why(friendID: String, query: String) -> CommandResult

    /// Puts a tag in a folder, or takes it out of its folder when `folder`
    /// is nil; the result says where the tag is now (`.tag folder`).
    func setTagFolder(_ name: String, folder: String?) -> CommandResult

    /// Exports a segment's members as CSV or JSONL to the file at `path`
    /// (the result says how many were written), or, when `path` is nil,
    /// returns the members as the result text (`.export`).
    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult

    // MARK: Evaluation settings

    /// The evaluation instant as RFC 3339 text, or a phrase such as
    /// "the current time (2026-11-23T11:00:00Z)" when it follows the clock.
    func evaluationInstant() -> String

    /// Fixes the evaluation instant (RFC 3339 text); nil follows the clock
    /// again. A bad instant is `.failed` and changes nothing (`.now`).
    func setEvaluationInstant(_ instant: String?) -> CommandResult

    /// The time zone used for calendar days (an IANA name).
    func timeZone() -> String

    /// Sets the time zone for this session (an IANA name); an unknown zone
    /// is `.failed` and changes nothing (`.tz`).
    func setTimeZone(_ identifier: String) -> CommandResult
}

extension REPLEngine {
    /// Engines that locate nothing compile as from a terminal.
    public func compile(_ query: String, at origin: QueryOrigin) -> CompiledQuery { compile(query) }

    /// Engines without a tag catalogue refuse tag changes.
    public func renameTag(_ old: String, to new: String, merge: Bool) -> CommandResult {
        .failed("error: this store has no tag catalogue")
    }

    public func deleteTag(_ name: String, force: Bool) -> CommandResult {
        .failed("error: this store has no tag catalogue")
    }

    /// Engines that cannot give field values leave those columns empty.
    public func evaluate(_ query: CompiledQuery, rowLimit: Int?, columns: [String],
                         cancellation: CancellationFlag) -> EvaluationOutcome {
        evaluate(query, rowLimit: rowLimit, cancellation: cancellation)
    }

    public func applyTag(_ name: String, query: String, remove: Bool) -> CommandResult {
        .failed("error: this store has no tag catalogue")
    }

    /// Engines without saved segments refuse to move one.
    public func moveSegment(named name: String, toFolder folder: String?) -> CommandResult {
        .failed("error: this store has no saved segments")
    }

    /// Engines whose data no other process changes never reload.
    public func reloadIfStoreChanged() -> String? { nil }

    /// Engines without a catalogue file nothing in folders.
    public func folderNames(of kind: FolderKind) -> [String] { [] }
}

/// What the front end says about one query.
///
/// Invariant: `normalized` and `hash` are non-nil exactly when `hasErrors`
/// is false.
public struct CompiledQuery: Equatable, Sendable {
    /// The query as typed.
    public var text: String
    /// True when any diagnostic is an error; the query cannot be evaluated.
    public var hasErrors: Bool
    /// Errors, warnings and notes rendered for people (carets, suggestions);
    /// empty when there are none.
    public var diagnostics: String
    /// The canonical text of the normal form.
    public var normalized: String?
    /// The hash of `normalized` that an approval must quote.
    public var hash: String?
    /// The normal form: an OR of groups, each an AND of conditions, every
    /// condition printed as query text (`shopify.purchases >= 3`). No
    /// groups: the query matches nobody; one empty group: everybody.
    public var groups: [[String]]
    /// The plain-language reading ("Friends who …"); empty when none.
    public var summary: String
    /// The fields the conditions test, as canonical paths in the order
    /// they first appear (derived fields as written); empty with errors.
    public var fields: [String]

    public init(text: String, hasErrors: Bool, diagnostics: String, normalized: String? = nil,
                hash: String? = nil, groups: [[String]] = [], summary: String = "", fields: [String] = []) {
        self.text = text
        self.hasErrors = hasErrors
        self.diagnostics = diagnostics
        self.normalized = normalized
        self.hash = hash
        self.groups = groups
        self.summary = summary
        self.fields = fields
    }

    /// A query with errors, as rendered diagnostics.
    public static func failed(_ text: String, diagnostics: String) -> CompiledQuery {
        CompiledQuery(text: text, hasErrors: true, diagnostics: diagnostics)
    }
}

/// The result of evaluating one query.
public enum EvaluationOutcome: Equatable, Sendable {
    case result(QueryResult)
    /// The evaluation failed (e.g. the store could not be read); rendered text.
    case failed(String)
    /// The evaluation stopped because the cancellation flag was set.
    case cancelled
}

/// The friends a query matches.
public struct QueryResult: Equatable, Sendable {
    /// Total number of matching friends.
    public var count: Int
    /// The first matching friends (at most the requested row limit).
    public var rows: [PreviewRow]
    /// The evaluation time the engine measured; nil lets the REPL show the
    /// time it measured around the call.
    public var elapsed: Duration?
    /// How many friends the store holds, for the share that match; nil
    /// when unknown.
    public var total: Int?

    public init(count: Int, rows: [PreviewRow], elapsed: Duration? = nil, total: Int? = nil) {
        self.count = count
        self.rows = rows
        self.elapsed = elapsed
        self.total = total
    }
}

/// One friend in a preview table.
public struct PreviewRow: Equatable, Sendable {
    public var id: String
    /// Empty when the friend has no name.
    public var name: String
    /// When the friend was added, formatted in the session's time zone
    /// (e.g. `2025-03-14 18:21`), for the table.
    public var added: String
    /// The same instant in RFC 3339 (`2025-03-14T09:21:00Z`), for the
    /// machine formats (`.format jsonl|csv`); nil to use `added` there too.
    public var addedInstant: String?
    public var tags: [String]
    /// The friend's JSON Lines record as the engine writes it (`segq eval
    /// --format jsonl`, no newline), for `.format jsonl`; nil writes the
    /// four columns above.
    public var record: String?
    /// Values of other fields by canonical path (`shopify.purchases` →
    /// `3`), as asked for with `evaluate(_:rowLimit:columns:cancellation:)`;
    /// a field the friend has no value of is absent.
    public var values: [String: String]

    public init(id: String, name: String, added: String, addedInstant: String? = nil, tags: [String],
                record: String? = nil, values: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.added = added
        self.addedInstant = addedInstant
        self.tags = tags
        self.record = record
        self.values = values
    }
}

/// A field offered for completion and listed by `.schema`.
public struct FieldInfo: Equatable, Sendable {
    /// The canonical path: `tag`, `shopify.purchases`, `` hubspot.`lead status` ``.
    public var path: String
    public var type: FieldType

    public init(path: String, type: FieldType) {
        self.path = path
        self.type = type
    }
}

/// A field's type as the language knows it (Grammar/README.md "Fields").
public enum FieldType: String, CaseIterable, Equatable, Sendable {
    case string
    case int
    case number
    case bool
    case time
    case stringSet = "set<string>"
    /// A property of unknown type (no store to say).
    case untyped
}

/// The result of a command that only reports: rendered text either way.
public enum CommandResult: Equatable, Sendable {
    case ok(String)
    case failed(String)
}

/// How `.save` saves: `--folder F`, `--static`, `--replace`.
public struct SegmentSaveOptions: Equatable, Sendable {
    /// The folder to save into; nil keeps a replaced segment's folder (a new one has none).
    public var folder: String?
    /// Store today's members instead of the query's live result.
    public var isStatic: Bool
    /// Replace a segment of the same name.
    public var replace: Bool

    public init(folder: String? = nil, isStatic: Bool = false, replace: Bool = false) {
        self.folder = folder
        self.isStatic = isStatic
        self.replace = replace
    }
}

/// Formats for exported segment members.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    case csv
    case jsonl
}

/// What a folder holds: saved segments or tags (each has folders of its own).
public enum FolderKind: Sendable {
    case segment, tag
}
