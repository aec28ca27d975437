import SegqBasics
import Foundation
import Segq
import SegqREPLCore

/// The REPL's `REPLEngine` door onto the `Segq` facade: each method is one
/// facade call, its value rendered with the renderers the command line
/// uses. One `Session` (store, `now`, time zone) and one `QueryEvaluator`
/// per open store, for interactive evaluation (a SQLite store answers by
/// push-down while its memory image loads in the background).
final class FacadeEngine: REPLEngine {
    let session: Session
    private var cachedEvaluator: QueryEvaluator?
    private let colour: Bool
    /// The last compilation, so `evaluate` after `compile` does not redo it.
    private var last: (text: String, compilation: Compilation)?
    /// The store's friend count for the preview's share, until the store changes.
    private var cachedTotal: Int?
    /// Where the query being compiled and evaluated was read from in a
    /// script; nil for a query typed at the terminal.
    private var origin: QueryOrigin?

    init(session: Session, colour: Bool) {
        self.session = session
        self.colour = colour
    }

    // MARK: Queries

    private func compilation(of text: String) -> Compilation {
        if let last, last.text == text { return last.compilation }
        let compilation = session.compile(text)
        last = (text, compilation)
        return compilation
    }

    func compile(_ query: String) -> CompiledQuery {
        origin = nil
        return compiled(compilation(of: query), text: query)
    }

    func compile(_ query: String, at origin: QueryOrigin) -> CompiledQuery {
        self.origin = origin
        return compiled(compilation(of: query), text: query)
    }

    private func compiled(_ c: Compilation, text query: String) -> CompiledQuery {
        let diagnostics = renderedDiagnostics(of: c)
        guard c.ok else { return .failed(query, diagnostics: diagnostics) }
        return CompiledQuery(text: query, hasErrors: false, diagnostics: diagnostics, normalized: c.normalized,
                             hash: c.hash, groups: c.groupTexts, summary: c.summaryNow(in: session) ?? "",
                             fields: c.fieldPaths)
    }

    private var evaluator: QueryEvaluator? {
        if let cachedEvaluator { return cachedEvaluator }
        cachedEvaluator = QueryEvaluator(session: session, use: .interactive)
        return cachedEvaluator
    }

    /// Forgets cached state after the store changed.
    func storeChanged() {
        cachedEvaluator = nil
        last = nil
        cachedTotal = nil
    }

    func evaluate(_ query: CompiledQuery, rowLimit: Int?, cancellation: CancellationFlag) -> EvaluationOutcome {
        evaluate(query, rowLimit: rowLimit, columns: [], cancellation: cancellation)
    }

    func evaluate(_ query: CompiledQuery, rowLimit: Int?, columns: [String],
                  cancellation: CancellationFlag) -> EvaluationOutcome {
        let c = compilation(of: query.text)
        guard c.ok else { return .failed("error: the query has errors") }
        guard let evaluator else {
            return .failed("error: no store is open: use .open PATH (a .sqlite/.db store or .jsonl/.csv friends)")
        }
        evaluator.isCancelled = { cancellation.isCancelled }
        do {
            let preview = try evaluator.preview(c, limit: rowLimit ?? Int.max)
            let rows = preview.friends.map { PreviewRow($0, in: session, columns: columns) }
            if cachedTotal == nil { cachedTotal = try evaluator.friendCount() }
            // No time of its own: the session shows the time from compiling
            // to the last row, what the person waited for (normalising a
            // large query can take longer than running it).
            return .result(QueryResult(count: preview.count, rows: rows, elapsed: nil, total: cachedTotal))
        } catch is EvaluationCancelled {
            return .cancelled
        } catch {
            return .failed(rendered(error, source: c.source))
        }
    }

    func syntaxTree(of query: String) -> CommandResult {
        let tree = SyntaxTreeText(of: query, color: colour)
        return tree.ok ? .ok(tree.tree + tree.diagnostics) : .failed(tree.tree + tree.diagnostics)
    }

    func explain(_ query: String) -> CommandResult {
        origin = nil
        let c = compilation(of: query)
        guard c.ok else { return .failed(renderedDiagnostics(of: c)) }
        guard let evaluator else { return .failed("error: no store is open") }
        do {
            return .ok(try evaluator.explain(c))
        } catch {
            return .failed(rendered(error, source: c.source))
        }
    }

    func why(friendID: String, query: String) -> CommandResult {
        origin = nil
        let c = compilation(of: query)
        guard c.ok else { return .failed(renderedDiagnostics(of: c)) }
        guard let evaluator else { return .failed("error: no store is open") }
        do {
            return .ok(ExplanationRendering.text(try evaluator.explanation(of: friendID, in: c)))
        } catch {
            return .failed(rendered(error, source: c.source))
        }
    }

    private func rendered(_ error: Error, source: SourceFile) -> String {
        if let diagnostics = queryDiagnostics(of: error) {
            let located = origin.map { SourceFile(source.text, name: $0.name, firstLine: $0.line) } ?? source
            return DiagnosticRenderer.render(diagnostics, in: located, color: colour)
        }
        return "error: \(error)"
    }

    /// A compilation's diagnostics, located in the script when the query came from one.
    private func renderedDiagnostics(of c: Compilation) -> String {
        guard let origin else { return c.renderedDiagnostics(color: colour) }
        return c.renderedDiagnostics(color: colour, file: origin.name, firstLine: origin.line)
    }

    // MARK: Names

    func fields() -> [FieldInfo] {
        session.fields().map { FieldInfo(path: $0.path, type: FieldType(rawValue: $0.type) ?? .untyped) }
    }

    func values(of field: String, limit: Int) -> [String] {
        session.suggestValues(for: field, limit: limit).map(\.value)
    }

    func folderNames(of kind: FolderKind) -> [String] {
        switch kind {
        case .segment: return (try? SegmentCatalog(session: session).folders()) ?? []
        case .tag: return (try? TagCatalog(session: session).folders()) ?? []
        }
    }

    // MARK: The store

    func tags() -> CommandResult {
        catalogResult { CatalogRendering.tagTable(try session.tagListing(counting: evaluator)) }
    }

    func segments() -> CommandResult {
        catalogResult { CatalogRendering.segmentTable(try SegmentCatalog(session: session).list()) }
    }

    func storeDescription() -> CommandResult {
        catalogResult {
            guard let description = try session.describeStore(counting: evaluator) else {
                return "no store is open (built-in schema)"
            }
            return StoreRendering.summary(description)
        }
    }

    func openStore(at path: String) -> CommandResult {
        do {
            let loaded = try OpenedStore.load(path: path)
            session.replaceStore(loaded)
            storeChanged()
            guard let skipped = SkippedRecords.report(loaded.problems, path: path, strict: false) else {
                return storeDescription()
            }
            switch storeDescription() {
            case .ok(let text): return .ok(skipped + text)
            case .failed(let text): return .failed(skipped + text)
            }
        } catch {
            return .failed("error: cannot open \(OpenedStore.shownName(of: path)): \(error)")
        }
    }

    func reloadIfStoreChanged() -> String? {
        do {
            guard let reload = try session.reloadIfChangedOnDisk() else { return nil }
            storeChanged()
            return "store changed \(reload.origin): reloaded, " + CountedNoun.grouped(reload.friends, "friend")
        } catch {
            return "warning: the store changed on disk and could not be read again: \(error)"
        }
    }

    func importFiles(_ paths: [String]) -> CommandResult {
        do {
            let outcome = try StoreImport.run(files: paths, into: session)
            storeChanged()
            let text = ImportRendering.problems(outcome.report.problems) + ImportRendering.summary(outcome, store: nil)
            return outcome.report.problems.isEmpty ? .ok(text) : .failed(text)
        } catch {
            return .failed("error: \(error)")
        }
    }

    func renameTag(_ old: String, to new: String, merge: Bool) -> CommandResult {
        catalogResult {
            let change = try TagCatalog(session: session).rename(old, to: new, merge: merge)
            storeChanged()
            return CatalogRendering.tagRenamed(old, to: new, change)
        }
    }

    func deleteTag(_ name: String, force: Bool) -> CommandResult {
        catalogResult {
            let change = try TagCatalog(session: session).deleteReporting(name, force: force)
            storeChanged()
            return CatalogRendering.tagDeleted(name, change)
        }
    }

    // MARK: Saved segments

    func saveSegment(named name: String, query: String, options: SegmentSaveOptions) -> CommandResult {
        catalogResult {
            let outcome = try SegmentCatalog(session: session).saveReporting(
                name: name, query: query, folder: options.folder, kind: options.isStatic ? .static : .dynamic,
                replace: options.replace)
            storeChanged()
            var text = "saved " + (options.isStatic ? "static " : "")
                + "segment \(CatalogRendering.quoted(outcome.saved.name)): \(outcome.saved.canonicalText)"
                + (outcome.saved.folder.map { " (folder " + CatalogRendering.quoted($0) + ")" } ?? "")
            if let replaced = outcome.replaced { text += "\n" + CatalogRendering.replacedNotice(replaced) }
            return text
        }
    }

    func showSegment(named name: String) -> CommandResult {
        catalogResult { CatalogRendering.segmentDetail(try SegmentCatalog(session: session).detail(named: name)) }
    }

    func dropSegment(named name: String, force: Bool) -> CommandResult {
        catalogResult {
            try SegmentCatalog(session: session).drop(name: name, force: force)
            storeChanged()
            return "dropped segment \(CatalogRendering.quoted(name))"
        }
    }

    func moveSegment(named name: String, toFolder folder: String?) -> CommandResult {
        catalogResult {
            let move = try SegmentCatalog(session: session).move(name: name, toFolder: folder)
            storeChanged()
            return CatalogRendering.segmentMoved(move)
        }
    }

    func applyTag(_ name: String, query: String, remove: Bool) -> CommandResult {
        catalogResult {
            let change = try TagCatalog(session: session).applyReporting(name, query: query, remove: remove)
            storeChanged()
            return CatalogRendering.tagApplied(name, removed: remove, change)
        }
    }

    func setTagFolder(_ name: String, folder: String?) -> CommandResult {
        catalogResult {
            let tag = try TagCatalog(session: session).setFolder(name, folder: folder)
            return CatalogRendering.tagFolder(tag)
        }
    }

    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult {
        let format: FriendFormat = format == .csv ? .csv : .jsonl
        return catalogResult {
            let (text, members) = try SegmentCatalog(session: session).export(name, format: format)
            guard let path else { return text }
            do {
                try OutputFile.write(Array(text.utf8), to: path)
            } catch {
                throw WriteFailed(description: WriteFailureText.message(error, path: path))
            }
            return "wrote \(CountedNoun.text(members, "member")) to \(path)"
        }
    }

    func catalogResult(_ body: () throws -> String) -> CommandResult {
        do {
            return .ok(try body())
        } catch let error as CatalogError {
            var text = ""
            if let source = error.source, !error.diagnostics.isEmpty {
                text = DiagnosticRenderer.render(error.diagnostics, in: source, color: colour)
            }
            return .failed(text + "error: " + error.message)
        } catch {
            return .failed("error: \(error)")
        }
    }

    // MARK: Evaluation settings

    func evaluationInstant() -> String {
        if let fixed = session.fixedNow { return RFC3339.format(fixed) }
        return "the current time (\(RFC3339.format(session.currentInstant)))"
    }

    func setEvaluationInstant(_ instant: String?) -> CommandResult {
        guard let instant else {
            session.fixedNow = nil
            return .ok("now follows the clock")
        }
        guard let ms = RFC3339.parse(instant) else {
            return .failed("error: `\(instant)` is not an RFC 3339 instant (e.g. 2026-11-23T09:00:00Z)")
        }
        session.fixedNow = ms
        return .ok("now is \(RFC3339.format(ms))")
    }

    func timeZone() -> String { session.timeZoneName }

    func setTimeZone(_ identifier: String) -> CommandResult {
        guard let zone = TimeZone(identifier: identifier) else {
            return .failed("error: unknown time zone `\(identifier)` (use an IANA name such as Asia/Tokyo)")
        }
        session.timeZoneOverride = zone
        return .ok("time zone is \(session.timeZoneName)")
    }
}

/// A file the REPL could not write, said in the program's words.
private struct WriteFailed: Error, CustomStringConvertible {
    let description: String
}
