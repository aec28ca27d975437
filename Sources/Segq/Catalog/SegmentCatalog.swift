import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Saved segments of a database store (SQLite, or a PostgreSQL account): list with counts and
/// usage, save (dynamic or static), drop (refused while others use it), export of members.
/// Usage between segments is read from their syntax trees.
public struct SegmentCatalog {
    public let session: Session
    public let store: any CatalogStore

    public init(session: Session) throws {
        store = try session.catalogDatabase()
        self.session = session
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

    /// The folders segments are filed in, sorted, each once.
    public func folders() throws -> [String] {
        Set(try store.segments().compactMap(\.folder)).sorted()
    }

    public func segment(named name: String) throws -> SavedSegment {
        let name = try CatalogName.checked(name, .segment)
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

    /// Saves `query` as segment `name` (see `saveReporting`).
    @discardableResult
    public func save(name: String, query: String, folder: String? = nil, kind: SegmentKind = .dynamic,
                     replace: Bool = false) throws -> (SavedSegment, Compilation) {
        let outcome = try saveReporting(name: name, query: query, folder: folder, kind: kind,
                                        replace: replace)
        return (outcome.saved, outcome.compilation)
    }

    /// Saves `query` as segment `name`, directly (a person's own save; an
    /// agent's goes through `ProposalBook`). A static segment stores its members
    /// now. Refuses cycles through other segments and, unless `replace`,
    /// an existing name (`checkOverwrite`). A replaced segment keeps its
    /// folder unless `folder` is given (`""`: no folder).
    public func saveReporting(name: String, query: String, folder: String? = nil, kind: SegmentKind = .dynamic,
                              replace: Bool = false) throws -> SegmentSave {
        let trimmed = try CatalogName.checked(name, .segment)
        // Every check below (the name is free, no cycle through other
        // segments, the members) is made under the write lock the save holds.
        return try session.writing(to: store) {
            let replaced = try checkOverwrite(of: trimmed, replace: replace)
            let folder = folder.map { $0.isEmpty ? nil : $0 } ?? replaced?.segment.folder
            let compilation = session.compile(query)
            guard compilation.ok, let form = compilation.normalForm, let canonical = compilation.normalized else {
                throw CatalogError.query(compilation, "the query has errors; nothing was saved")
            }
            // Evaluate with the new definition in place: finds cycles through it.
            let overlay = OverlaySegments(base: store, name: name, query: canonical)
            let runner = session.pushDownRunner(on: store, segments: overlay)
            var members: [String] = []
            do {
                _ = try runner.count(try membershipForm(name), context: session.context)
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
                SavedSegment(name: name, folder: folder, queryText: query, canonicalText: canonical, kind: kind),
                members: members, now: nil)
            return SegmentSave(saved: saved, compilation: compilation, replaced: replaced)
        }
    }

    /// The one rule for saving over a name, whoever saves (`segment save`,
    /// `.save`, an approved proposal): without `replace` an existing
    /// segment is kept and the refusal says what it holds and who uses it;
    /// with `replace` the segment about to be replaced is returned, so the
    /// caller can say what it replaced. Nil when no segment has the name.
    /// Call it inside the saving write transaction.
    public func checkOverwrite(of name: String, replace: Bool) throws -> SegmentReplacement? {
        guard let existing = try store.segment(named: name) else { return nil }
        let replacement = SegmentReplacement(segment: existing, usedBy: try usedBy(existing.name))
        guard replace else {
            throw CatalogError.refused("a segment named \(QueryPrinter.stringText(existing.name)) already exists: "
                + CatalogRendering.replacementDescription(replacement) + "; add --replace to replace it")
        }
        return replacement
    }

    /// Drops a segment; refused while other segments use it unless `force`
    /// (checked in the dropping transaction).
    public func drop(name: String, force: Bool = false) throws {
        let name = try CatalogName.checked(name, .segment)
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

    /// Moves a segment into `folder`, or out of its folder when nil, in one
    /// write transaction that also finds the segment; returns the folder it
    /// was in and the one it is in now.
    public func move(name: String, toFolder folder: String?) throws -> SegmentMove {
        let folder = folder?.trimmingCharacters(in: .whitespacesAndNewlines)
        if folder?.isEmpty == true {
            throw CatalogError.refused("a folder needs a name (to take the segment out of its folder, use --none)")
        }
        return try session.writing(to: store) {
            let existing = try segment(named: name)
            try store.setSegmentFolder(existing.name, folder: folder, now: nil)
            return SegmentMove(segment: existing.name, from: existing.folder, to: folder)
        }
    }

    /// Members of a segment, in store order (the audience of a broadcast).
    public func forEachMember(of name: String, _ body: (Friend) throws -> Void) throws {
        let name = try segment(named: name).name
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

/// What a save did: the segment as saved, its compilation (warnings, hash)
/// and the segment it replaced, if any.
public struct SegmentSave {
    public var saved: SavedSegment
    public var compilation: Compilation
    public var replaced: SegmentReplacement?
}

/// What moving a segment between folders did (nil: no folder).
public struct SegmentMove: Hashable, Sendable {
    public var segment: String
    public var from: String?
    public var to: String?
}

/// A saved segment that a save would replace, with the segments using it.
public struct SegmentReplacement: Hashable, Sendable {
    public var segment: SavedSegment
    public var usedBy: [String]
}

/// The store's saved segments with one definition replaced (or added), to
/// evaluate a segment before it is saved.
struct OverlaySegments: SavedSegmentSource {
    let base: any CatalogStore
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
