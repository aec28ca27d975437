import SegqREPLCore

/// A `REPLEngine` for unit tests: answers from tables the test fills in and
/// records every call, so tests can check what the REPL asked for.
///
/// Defaults: a query containing `error` fails to compile; any other query
/// compiles to one group holding the query text (hash `hash:` + text) and
/// matches `count` friends, of which the first `rowLimit` are returned.
final class FakeEngine: REPLEngine {
    var fieldList: [FieldInfo] = [
        FieldInfo(path: "id", type: .string), FieldInfo(path: "name", type: .string),
        FieldInfo(path: "added", type: .time), FieldInfo(path: "tag", type: .stringSet),
        FieldInfo(path: "segment", type: .stringSet),
        FieldInfo(path: "shopify.linked", type: .bool), FieldInfo(path: "shopify.purchases", type: .int),
        FieldInfo(path: "shopify.tag", type: .stringSet), FieldInfo(path: "shopify.last_purchase", type: .time),
        FieldInfo(path: "hubspot.linked", type: .bool), FieldInfo(path: "hubspot.segment", type: .stringSet),
        FieldInfo(path: "hubspot.stage", type: .string), FieldInfo(path: "hubspot.`lead status`", type: .string),
    ]
    var valueTable: [String: [String]] = [
        "tag": ["VIP", "Trade Show 2026", "Vegan", "say \"hi\""],
        "segment": ["Repeat customers", "Newcomers"],
        "hubspot.segment": ["Newsletter"],
        "hubspot.stage": ["Customer", "Lead"],
    ]
    /// The folders segments and tags are filed in.
    var folderTable: [FolderKind: [String]] = [.segment: ["Campaigns", "Loyal ones", "Places"], .tag: ["Regions", "Retail"]]
    var count = 3
    var warnings = ""
    /// Evaluation result override: `.cancelled`, `.failed`.
    var evaluationOverride: EvaluationOutcome?
    /// The hash `compile` gives.
    var hashPrefix = "hash:"
    private(set) var calls: [String] = []
    private(set) var saved: [(name: String, query: String, hash: String?)] = []

    /// Called as each query compiles (e.g. to simulate Ctrl-C meanwhile).
    var onCompile: ((String) -> Void)?

    func compile(_ query: String) -> CompiledQuery {
        calls.append("compile " + query)
        onCompile?(query)
        if query.contains("error") {
            return .failed(query, diagnostics: "error[E0001]: bad query `\(query)`")
        }
        return CompiledQuery(text: query, hasErrors: false, diagnostics: warnings, normalized: query,
                             hash: hashPrefix + query, groups: [[query]], summary: "Friends who match " + query + ".")
    }

    /// Where each query compiled from a named script was read.
    private(set) var origins: [QueryOrigin] = []

    func compile(_ query: String, at origin: QueryOrigin) -> CompiledQuery {
        origins.append(origin)
        return compile(query)
    }

    func evaluate(_ query: CompiledQuery, rowLimit: Int?, cancellation: CancellationFlag) -> EvaluationOutcome {
        calls.append("evaluate \(query.text) limit \(rowLimit.map(String.init) ?? "all")")
        if let evaluationOverride { return evaluationOverride }
        let rows = (0..<min(count, rowLimit ?? count)).map {
            PreviewRow(id: "U\($0 + 1)", name: "Friend \($0 + 1)", added: "2026-01-0\($0 % 9 + 1)", tags: $0 == 0 ? ["VIP"] : [])
        }
        return .result(QueryResult(count: count, rows: rows, elapsed: .milliseconds(2)))
    }

    func syntaxTree(of query: String) -> CommandResult { calls.append("ast " + query); return .ok("(tree \(query))") }
    func explain(_ query: String) -> CommandResult { calls.append("explain " + query); return .ok("SCAN " + query) }
    func fields() -> [FieldInfo] { fieldList }
    func values(of field: String, limit: Int) -> [String] { Array((valueTable[field] ?? []).prefix(limit)) }
    func folderNames(of kind: FolderKind) -> [String] { folderTable[kind] ?? [] }
    func tags() -> CommandResult { .ok("VIP  2") }
    func segments() -> CommandResult { .ok(saved.map(\.name).joined(separator: "\n")) }
    func storeDescription() -> CommandResult { .ok("fake store") }
    func openStore(at path: String) -> CommandResult { calls.append("open " + path); return .ok("opened " + path) }
    func importFiles(_ paths: [String]) -> CommandResult { calls.append("import " + paths.joined(separator: ",")); return .ok("imported") }

    /// A person's own save: never an approval (the `approved -` of the call record).
    func saveSegment(named name: String, query: String, options: SegmentSaveOptions) -> CommandResult {
        calls.append("save \(name): \(query) approved -" + (options.replace ? " replace" : "")
                     + (options.isStatic ? " static" : "") + (options.folder.map { " folder \($0)" } ?? ""))
        saved.append((name, query, nil))
        return .ok("Saved \(name).")
    }

    func moveSegment(named name: String, toFolder folder: String?) -> CommandResult {
        calls.append("move \(name) \(folder ?? "--none")")
        return .ok("moved segment \"\(name)\"")
    }

    func applyTag(_ name: String, query: String, remove: Bool) -> CommandResult {
        calls.append("tag \(remove ? "remove" : "add") \(name): \(query)")
        return .ok("changed 3 friends")
    }

    func renameTag(_ old: String, to new: String, merge: Bool) -> CommandResult {
        calls.append("tag rename \(old) \(new) merge \(merge)")
        return .ok("renamed")
    }

    func deleteTag(_ name: String, force: Bool) -> CommandResult {
        calls.append("tag delete \(name) force \(force)")
        return .ok("deleted")
    }

    func showSegment(named name: String) -> CommandResult {
        saved.first { $0.name == name }.map { .ok($0.name + ": " + $0.query) } ?? .failed("error: no segment \(name)")
    }

    func dropSegment(named name: String, force: Bool) -> CommandResult {
        calls.append("drop \(name) force \(force)")
        return .ok("dropped")
    }

    func why(friendID: String, query: String) -> CommandResult {
        calls.append("why \(friendID): \(query)")
        return .ok("friend \"\(friendID)\" is in")
    }

    func setTagFolder(_ name: String, folder: String?) -> CommandResult {
        calls.append("tag folder \(name) \(folder ?? "--none")")
        return .ok("tag \"\(name)\" is in " + (folder.map { "folder \"\($0)\"" } ?? "no folder"))
    }

    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult {
        calls.append("export \(name) \(format.rawValue) \(path ?? "-")")
        return .ok("exported")
    }

    var instant: String?
    var zone = "UTC"
    func evaluationInstant() -> String { instant ?? "the current time" }
    func setEvaluationInstant(_ instant: String?) -> CommandResult { self.instant = instant; return .ok("") }
    func timeZone() -> String { zone }
    func setTimeZone(_ identifier: String) -> CommandResult {
        guard identifier.contains("/") || identifier == "UTC" else { return .failed("error: unknown time zone") }
        zone = identifier
        return .ok("")
    }
}

/// A console that keeps what was written, per channel and interleaved.
final class RecordingConsole: Console {
    private(set) var output = ""
    private(set) var errors = ""
    private(set) var transcript = ""

    func write(_ text: String, to channel: ConsoleChannel) {
        if channel == .output { output += text } else { errors += text }
        transcript += text
    }
}

/// Runs `script` through a session in script mode.
func runScript(_ script: String, engine: FakeEngine = FakeEngine(),
               settings: REPLSettings = REPLSettings(interactive: false)) -> (status: Int32, console: RecordingConsole, engine: FakeEngine) {
    let console = RecordingConsole()
    let session = REPLSession(engine: engine, console: console, settings: settings)
    let status = session.run(ScriptLineReader(text: script))
    return (status, console, engine)
}

/// Lines typed at a terminal, one per `readLine` (an interactive reader
/// without libedit), then the end of input.
final class TypedLines: LineReader {
    private var lines: [String]
    init(_ lines: [String]) { self.lines = lines }
    var isInteractive: Bool { true }
    var history: [String] { [] }
    func addToHistory(_ entry: String) {}
    func readLine(prompt: LinePrompt) -> LineReadResult {
        lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }
}

/// A fake engine with proposals: `p1` pending, `p2` already approved,
/// `p3` stale; every decision is recorded in `calls`.
final class FakeProposalEngine: ProposalEngine {
    private(set) var calls: [String] = []

    func proposals() -> CommandResult { .ok("p1  pending\np2  approved\np3  stale") }

    func reviewProposal(id: String) -> ProposalReview {
        calls.append("review " + id)
        switch id {
        case "p1": return .decidable("Proposal p1 — pending")
        case "p2": return .undecidable("Proposal p2 — approved", reason: "proposal p2 was already approved")
        case "p3": return .undecidable("Proposal p3 — stale", reason: "proposal p3 is stale: referenced segment \"VIP\" was redefined")
        default: return .failed("error: no proposal with id \"\(id)\"")
        }
    }

    func decideProposal(id: String, approve: Bool) -> CommandResult {
        calls.append((approve ? "approve " : "cancel ") + id)
        return .ok(approve ? "approved \(id)" : "cancelled \(id)")
    }
}

/// `FakeEngine` that also has proposals.
final class FakeEngineWithProposals: REPLEngine, ProposalEngine {
    let base = FakeEngine()
    let book = FakeProposalEngine()
    func compile(_ query: String) -> CompiledQuery { base.compile(query) }
    func evaluate(_ query: CompiledQuery, rowLimit: Int?, cancellation: CancellationFlag) -> EvaluationOutcome {
        base.evaluate(query, rowLimit: rowLimit, cancellation: cancellation)
    }
    func syntaxTree(of query: String) -> CommandResult { base.syntaxTree(of: query) }
    func explain(_ query: String) -> CommandResult { base.explain(query) }
    func fields() -> [FieldInfo] { base.fields() }
    func values(of field: String, limit: Int) -> [String] { base.values(of: field, limit: limit) }
    func folderNames(of kind: FolderKind) -> [String] { base.folderNames(of: kind) }
    func tags() -> CommandResult { base.tags() }
    func segments() -> CommandResult { base.segments() }
    func storeDescription() -> CommandResult { base.storeDescription() }
    func openStore(at path: String) -> CommandResult { base.openStore(at: path) }
    func importFiles(_ paths: [String]) -> CommandResult { base.importFiles(paths) }
    func saveSegment(named name: String, query: String, options: SegmentSaveOptions) -> CommandResult {
        base.saveSegment(named: name, query: query, options: options)
    }
    func showSegment(named name: String) -> CommandResult { base.showSegment(named: name) }
    func dropSegment(named name: String, force: Bool) -> CommandResult { base.dropSegment(named: name, force: force) }
    func why(friendID: String, query: String) -> CommandResult { base.why(friendID: friendID, query: query) }
    func setTagFolder(_ name: String, folder: String?) -> CommandResult { base.setTagFolder(name, folder: folder) }
    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult {
        base.exportSegment(named: name, format: format, to: path)
    }
    func evaluationInstant() -> String { base.evaluationInstant() }
    func setEvaluationInstant(_ instant: String?) -> CommandResult { base.setEvaluationInstant(instant) }
    func timeZone() -> String { base.timeZone() }
    func setTimeZone(_ identifier: String) -> CommandResult { base.setTimeZone(identifier) }
    func proposals() -> CommandResult { book.proposals() }
    func reviewProposal(id: String) -> ProposalReview { book.reviewProposal(id: id) }
    func decideProposal(id: String, approve: Bool) -> CommandResult { book.decideProposal(id: id, approve: approve) }
}
