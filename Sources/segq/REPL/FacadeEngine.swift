import Foundation
import Segq
import SegqREPLCore

/// The REPL's engine: the `Segq` facade behind the `REPLEngine` door. One
/// `Session` (store, `now`, time zone) and one `QueryRunner` per open
/// store, with the repeated-evaluation policy (a SQLite store is loaded
/// into memory on first use, then every query runs on bitmaps).
final class FacadeEngine: REPLEngine {
    let session: Session
    private var runner: QueryRunner?
    private let colour: Bool
    /// The last compilation, so `evaluate` after `compile` does not redo it.
    private var last: (text: String, compilation: Compilation)?

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
        let c = compilation(of: query)
        let diagnostics = c.diagnostics.isEmpty ? ""
            : DiagnosticRenderer.render(c.diagnostics, in: c.source, color: colour)
        guard c.ok, let form = c.normalForm else { return .failed(query, diagnostics: diagnostics) }
        return CompiledQuery(text: query, hasErrors: false, diagnostics: diagnostics, normalized: c.normalized,
                             hash: c.hash,
                             groups: form.groups.map { $0.conditions.map { QueryPrinter.text(of: $0) } },
                             summary: Summary.text(of: form, context: session.context))
    }

    private func currentRunner() -> QueryRunner? {
        if let runner { return runner }
        runner = session.store?.runner(policy: .repeatedEvaluation)
        return runner
    }

    /// Forgets cached state after the store changed.
    func storeChanged() {
        runner = nil
        last = nil
    }

    func evaluate(_ query: CompiledQuery, rowLimit: Int?, cancellation: CancellationFlag) -> EvaluationOutcome {
        let c = compilation(of: query.text)
        guard let form = c.normalForm else { return .failed("error: the query has errors") }
        guard let runner = currentRunner() else {
            return .failed("error: no store is open: use .open PATH (a .sqlite/.db store or .jsonl/.csv friends)")
        }
        runner.isCancelled = { cancellation.isCancelled }
        do {
            let preview = try runner.preview(form, context: session.context, limit: rowLimit ?? Int.max)
            let formatter = addedFormatter()
            let rows = preview.friends.map {
                PreviewRow(id: $0.id, name: $0.name ?? "",
                           added: formatter.string(from: Date(timeIntervalSince1970: Double($0.addedAt) / 1000)),
                           addedInstant: RFC3339.format($0.addedAt), tags: $0.tags)
            }
            // No time of its own: the session shows the time from compiling
            // to the last row, what the person waited for (normalising a
            // large query can take longer than running it).
            return .result(QueryResult(count: preview.count, rows: rows, elapsed: nil))
        } catch EvaluationError.cancelled {
            return .cancelled
        } catch {
            if let diagnostics = queryDiagnostics(of: error) {
                return .failed(DiagnosticRenderer.render(diagnostics, in: c.source, color: colour))
            }
            return .failed("error: \(error)")
        }
    }

    private func addedFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = session.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }

    func syntaxTree(of query: String) -> CommandResult {
        let parsed = QueryParser.parse(query)
        var text = SyntaxTreePrinter.dump(parsed)
        if !parsed.diagnostics.isEmpty {
            text += DiagnosticRenderer.render(parsed.diagnostics, in: parsed.source, color: colour)
        }
        return parsed.diagnostics.contains { $0.severity == .error } ? .failed(text) : .ok(text)
    }

    func explain(_ query: String) -> CommandResult {
        let c = compilation(of: query)
        guard let form = c.normalForm else {
            return .failed(DiagnosticRenderer.render(c.diagnostics, in: c.source, color: colour))
        }
        guard let runner = currentRunner() else { return .failed("error: no store is open") }
        do {
            return .ok(try runner.explain(form, context: session.context, analyze: false))
        } catch {
            if let diagnostics = queryDiagnostics(of: error) {
                return .failed(DiagnosticRenderer.render(diagnostics, in: c.source, color: colour))
            }
            return .failed("error: \(error)")
        }
    }

    // MARK: Names

    /// The built-in fields of the integrations the store has, each
    /// integration's properties (sorted) right after its built-ins.
    func fields() -> [FieldInfo] {
        let schema = session.store?.schema ?? Schema.default
        var result: [FieldInfo] = []
        for field in Field.builtIns {
            if let integration = field.integration, !schema.integrations.contains(integration) { continue }
            guard let type = field.builtInType else { continue }
            result.append(FieldInfo(path: field.path, type: FieldType(type)))
            if let integration = field.integration,
               Field.builtIns.last(where: { $0.integration == integration }) == field {
                for (name, type) in (schema.properties(of: integration) ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let property: Field = integration == .hubspot ? .hubspotProperty(name) : .klaviyoProperty(name)
                    if result.contains(where: { $0.path == property.path }) { continue }
                    result.append(FieldInfo(path: property.path, type: FieldType(type)))
                }
            }
        }
        return result
    }

    func values(of field: String, limit: Int) -> [String] {
        guard let store = session.store else { return [] }
        let target: Field?
        if let builtIn = Field.builtIns.first(where: { $0.path == field }) {
            target = builtIn
        } else if field.hasPrefix("hubspot.") {
            target = .hubspotProperty(Self.propertyName(String(field.dropFirst(8))))
        } else if field.hasPrefix("klaviyo.") {
            target = .klaviyoProperty(Self.propertyName(String(field.dropFirst(8))))
        } else {
            target = nil
        }
        guard let target, let values = store.catalog.knownValues(of: target) else { return [] }
        return Array(values.sorted().prefix(max(0, limit)))
    }

    private static func propertyName(_ segment: String) -> String {
        if segment.hasPrefix("`") && segment.hasSuffix("`") && segment.count >= 2 {
            return String(segment.dropFirst().dropLast())
        }
        return segment
    }

    // MARK: The store

    func tags() -> CommandResult {
        if case .memory(let store, _)? = session.store {
            return .ok(Self.tagTable(store))
        }
        return catalogResult {
            let tags = try TagCatalog(session: session).list()
            if tags.isEmpty { return "no tags" }
            return TextTable.render(header: ["name", "folder", "friends", "last updated"], rows: tags.map { t in
                [t.name, t.folder ?? "", String(t.friendCount), t.updatedAt.map(RFC3339.format) ?? ""]
            })
        }
    }

    /// Tags of a store loaded from files: names and friend counts (no
    /// folders or update times: those live in a SQLite store's catalogue).
    private static func tagTable(_ store: InMemoryStore) -> String {
        let names = (store.knownValues(of: .tag) ?? []).sorted()
        if names.isEmpty { return "no tags" }
        let rows = names.map { name -> [String] in
            let count = store.evaluate(Atom(.tag, .equals(.string(name)))).cardinality
            return [name, String(count)]
        }
        return TextTable.render(header: ["name", "friends"], rows: rows)
    }

    func segments() -> CommandResult {
        catalogResult {
            let listings = try SegmentCatalog(session: session).list()
            if listings.isEmpty { return "no saved segments" }
            return TextTable.render(
                header: ["name", "folder", "kind", "count", "used by", "last updated"],
                rows: listings.map { l in
                    [l.segment.name, l.segment.folder ?? "", l.segment.kind.rawValue, l.count.map(String.init) ?? "error",
                     l.usedBy.joined(separator: ", "), RFC3339.format(l.segment.updatedAt)]
                })
        }
    }

    func storeDescription() -> CommandResult {
        guard let store = session.store else { return .ok("no store is open (built-in schema)") }
        let friends = (try? currentRunner()?.count(.everybody, context: session.context)) ?? nil
        let kind: String
        let path: String
        switch store {
        case .memory(_, let p): kind = "friend file loaded in memory"; path = p
        case .sqlite(let s): kind = "SQLite store"; path = s.path
        }
        let integrations = store.schema.integrations.map(\.rawValue).sorted().joined(separator: ", ")
        return .ok("""
            store:        \(path) (\(kind))
            friends:      \(friends.map(String.init) ?? "?")
            time zone:    \(Self.zoneName(session.timeZone))
            integrations: \(integrations.isEmpty ? "none" : integrations)
            """)
    }

    func openStore(at path: String) -> CommandResult {
        do {
            let opened = try OpenedStore.open(path: path)
            session.replaceStore(opened)
            storeChanged()
            return storeDescription()
        } catch {
            return .failed("error: cannot open \(path): \(error)")
        }
    }

    func importFiles(_ paths: [String]) -> CommandResult {
        guard case .sqlite(let store)? = session.store else {
            return .failed("error: import needs a SQLite store: .open a .sqlite/.db file first (or `segq import --store X.sqlite FILE`)")
        }
        do {
            let outcome = try FriendImport.run(files: paths.map { URL(fileURLWithPath: $0) }, into: store, strict: false)
            session.replaceStore(.sqlite(store))
            storeChanged()
            var text = outcome.report.problems.map(\.description).joined(separator: "\n")
            if !text.isEmpty { text += "\n" }
            if let s = outcome.summary {
                text += "imported \(s.inserted + s.updated) friend(s): \(s.inserted) new, \(s.updated) updated"
                if !outcome.report.problems.isEmpty { text += "; \(outcome.report.problems.count) bad record(s) skipped" }
            }
            return outcome.report.problems.isEmpty ? .ok(text) : .failed(text)
        } catch {
            return .failed("error: \(error)")
        }
    }

    // MARK: Saved segments

    func saveSegment(named name: String, query: String) -> CommandResult {
        catalogResult {
            let (saved, _) = try SegmentCatalog(session: session).save(name: name, query: query, replace: true)
            storeChanged()
            return "saved segment \(QueryPrinter.stringText(saved.name)): \(saved.canonicalText)"
        }
    }

    func showSegment(named name: String) -> CommandResult {
        catalogResult {
            let catalog = try SegmentCatalog(session: session)
            let segment = try catalog.segment(named: name)
            let usedBy = try catalog.usedBy(name)
            let count = try catalog.list().first { $0.segment.name == segment.name }?.count
            return """
                name:       \(segment.name)
                folder:     \(segment.folder ?? "-")
                kind:       \(segment.kind.rawValue)
                query:      \(segment.queryText)
                canonical:  \(segment.canonicalText)
                count:      \(count.map(String.init) ?? "error")
                used by:    \(usedBy.isEmpty ? "-" : usedBy.joined(separator: ", "))
                updated:    \(RFC3339.format(segment.updatedAt))
                provenance: \(try ProposalBook(session: session).provenanceText(of: segment))
                """
        }
    }

    func dropSegment(named name: String, force: Bool) -> CommandResult {
        catalogResult {
            try SegmentCatalog(session: session).drop(name: name, force: force)
            storeChanged()
            return "dropped segment \(QueryPrinter.stringText(name))"
        }
    }

    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult {
        catalogResult {
            var lines: [String] = format == .csv ? [FriendCSV.header] : []
            try SegmentCatalog(session: session).forEachMember(of: name) { friend in
                lines.append(format == .csv ? FriendCSV.row(friend) : FriendJSONLWriter.line(friend))
            }
            let text = lines.joined(separator: "\n") + "\n"
            guard let path else { return text }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return "wrote \(lines.count - (format == .csv ? 1 : 0)) member(s) to \(path)"
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
        return "the current time (\(RFC3339.format(session.context.now)))"
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

    func timeZone() -> String { Self.zoneName(session.timeZone) }

    /// The zone's IANA name, the zero-offset zones (which Foundation calls
    /// `GMT`) as `UTC`, as the command line and the summaries write it.
    static func zoneName(_ zone: TimeZone) -> String {
        let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"]
        return utcNames.contains(zone.identifier) ? "UTC" : zone.identifier
    }

    func setTimeZone(_ identifier: String) -> CommandResult {
        guard let zone = TimeZone(identifier: identifier) else {
            return .failed("error: unknown time zone `\(identifier)` (use an IANA name such as Asia/Tokyo)")
        }
        session.timeZoneOverride = zone
        return .ok("time zone is \(Self.zoneName(zone))")
    }
}

extension FieldType {
    init(_ type: ValueType) {
        switch type {
        case .string: self = .string
        case .int: self = .int
        case .number: self = .number
        case .bool: self = .bool
        case .time: self = .time
        case .stringSet: self = .stringSet
        case .untyped: self = .untyped
        }
    }
}
