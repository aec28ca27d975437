import SegqSQLiteStore
import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Saved segments of a SQLite store: list with counts and
/// usage, save (dynamic or static, optionally only with the approved
/// hash), drop (refused while others use it), export of members.
/// Usage between segments is read from their syntax trees.
public struct SegmentCatalog {
    public let session: Session
    public let store: SQLiteStore

    public init(session: Session) throws {
        guard case .sqlite(let store)? = session.store else { throw CatalogError.needsDatabase }
        self.session = session
        self.store = store
    }

    /// A row of the segment list screen.
    public struct Listing {
        public var segment: SavedSegment
        /// Nil when the segment cannot be evaluated (a broken reference).
        public var count: Int?
        /// Segments whose queries refer to this one.
        public var usedBy: [String]
    }

    public func list() throws -> [Listing] {
        let segments = try store.segments()
        let runner = session.store!.runner()
        return try segments.map { segment in
            let count = try? runner.count(try membershipForm(segment.name), context: session.context)
            return Listing(segment: segment, count: count, usedBy: try usedBy(segment.name, among: segments))
        }
    }

    public func segment(named name: String) throws -> SavedSegment {
        guard let segment = try store.segment(named: name) else {
            let suggestion = NearestName.nearest(to: name, in: try store.segmentNames())
            throw CatalogError.refused("no segment named \(QueryPrinter.stringText(name))"
                + (suggestion.map { "; did you mean \(QueryPrinter.stringText($0))?" } ?? ""))
        }
        return segment
    }

    /// Names of the dynamic segments whose queries (as written) refer to
    /// `name`. A static segment uses nothing: its members are stored, and
    /// the query it was saved from is history.
    public func usedBy(_ name: String) throws -> [String] {
        try usedBy(name, among: store.segments())
    }

    func usedBy(_ name: String, among segments: [SavedSegment]) throws -> [String] {
        segments.filter { other in
            other.name != name && other.kind == .dynamic
                && QueryReferences(QueryParser.parse(other.queryText), field: .segment).names.contains(name)
        }.map(\.name)
    }

    /// Saves `query` as segment `name`. With `approvedHash`, saves only
    /// when it equals the query's normalized hash, so what is saved is
    /// exactly what a person approved. A static segment stores its members
    /// now. Refuses cycles through other segments and, unless `replace`,
    /// an existing name.
    @discardableResult
    public func save(name: String, query: String, folder: String? = nil, kind: SegmentKind = .dynamic,
                     approvedHash: String? = nil, replace: Bool = false) throws -> (SavedSegment, Compilation) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CatalogError.refused("a segment needs a name") }
        // Every check below (the name is free, no cycle through other
        // segments, the members) is made under the write lock the save holds.
        return try session.writing(to: store) {
            if !replace, try store.segment(named: trimmed) != nil {
                throw CatalogError.refused("a segment named \(QueryPrinter.stringText(trimmed)) already exists (use --replace to update it)")
            }
            let compilation = session.compile(query)
            guard compilation.ok, let form = compilation.normalForm, let canonical = compilation.normalized,
                  let hash = compilation.hash else {
                throw CatalogError.query(compilation, "the query has errors; nothing was saved")
            }
            if let approvedHash, approvedHash.lowercased() != hash {
                throw CatalogError.refused("""
                    not saved: the approved hash \(approvedHash) does not match this query's normalized hash \(hash); \
                    the query changed after it was proposed — propose it again
                    """)
            }
            // Evaluate with the new definition in place: finds cycles through it.
            let overlay = OverlaySegments(base: store, name: trimmed, query: canonical)
            let compiler = Compiler(schema: store.schema, catalog: store)
            let runner = QueryRunner(sqlite: store, path: store.path, policy: .singleEvaluation,
                                     segments: overlay, compile: { text, _ in try compiler.compileSavedQuery(text) })
            var members: [String] = []
            do {
                _ = try runner.count(try membershipForm(trimmed), context: session.context)
                if kind == .static { members = try runner.friendIDs(form, context: session.context) }
            } catch {
                guard var diagnostics = queryDiagnostics(of: error) else { throw error }
                let cycle = diagnostics.contains { $0.code == .segmentCycle }
                if cycle { diagnostics = Self.locatingCycle(diagnostics, in: form, runner: runner, context: session.context) }
                throw CatalogError(kind: .query,
                                   message: cycle ? "not saved: the segment refers to itself"
                                       : "not saved: the segment's query cannot be evaluated",
                                   diagnostics: diagnostics, source: compilation.source)
            }
            let saved = try store.saveSegment(
                SavedSegment(name: trimmed, folder: folder, queryText: query, canonicalText: canonical, kind: kind),
                members: members)
            return (saved, compilation)
        }
    }

    /// Drops a segment; refused while other segments use it unless `force`
    /// (checked in the dropping transaction).
    public func drop(name: String, force: Bool = false) throws {
        try session.writing(to: store) {
            _ = try segment(named: name)
            let users = try usedBy(name)
            if !users.isEmpty && !force {
                throw CatalogError.refused("segment \(QueryPrinter.stringText(name)) is used by "
                    + users.map(QueryPrinter.stringText).joined(separator: ", ") + "; drop those first or use --force")
            }
            _ = try store.dropSegment(named: name)
        }
    }

    /// Members of a segment, in store order (the audience of a broadcast).
    public func forEachMember(of name: String, _ body: (Friend) throws -> Void) throws {
        _ = try segment(named: name)
        try session.store!.runner().forEachFriend(try membershipForm(name), context: session.context, body)
    }

    /// The normal form of `segment = "name"`.
    /// A cycle found through the segment's own name has no place in the
    /// query; running the query itself reports it at the reference that
    /// starts the cycle (`segment = "B"`), where the caret then points.
    static func locatingCycle(_ diagnostics: [Diagnostic], in form: NormalForm, runner: QueryRunner,
                              context: EvaluationContext) -> [Diagnostic] {
        do {
            _ = try runner.count(form, context: context)
        } catch {
            guard let located = queryDiagnostics(of: error)?.first(where: { $0.code == .segmentCycle }),
                  located.span.length > 0 else { return diagnostics }
            return diagnostics.map { d in
                guard d.code == .segmentCycle else { return d }
                var moved = d
                moved.span = located.span
                return moved
            }
        }
        return diagnostics
    }

    func membershipForm(_ name: String) throws -> NormalForm {
        let field = Field.segment
        let condition = Condition(field: field, type: .stringSet, test: .equals(.string(name)))
        return NormalForm([Group([condition])])
    }
}

/// The store's saved segments with one definition replaced (or added), to
/// evaluate a segment before it is saved.
struct OverlaySegments: SavedSegmentSource {
    let base: SQLiteStore
    let name: String
    let query: String

    func savedSegmentNames() throws -> [String] {
        Array(Set(try base.savedSegmentNames() + [name])).sorted()
    }

    func segmentDefinition(named other: String) throws -> SegmentDefinition? {
        if other == name { return SegmentDefinition(name: name, kind: .dynamic(query: query)) }
        return try base.segmentDefinition(named: other)
    }
}
