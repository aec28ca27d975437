import SegqSQLiteStore
import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Tags of a SQLite store. Tags feed segments, so renaming
/// rewrites every segment that uses the tag (through its syntax tree and
/// the printer, in the same transaction) and deleting one that segments
/// use is refused unless forced.
public struct TagCatalog {
    public let session: Session
    public let store: SQLiteStore

    public init(session: Session) throws {
        guard case .sqlite(let store)? = session.store else { throw CatalogError.needsDatabase }
        self.session = session
        self.store = store
    }

    public func list() throws -> [TagInfo] { try store.tags() }

    /// How a segment uses a tag.
    public struct Usage: Hashable, Sendable {
        public var segment: String
        /// True when the segment names the tag exactly; false when only a
        /// `contains`/`starts with`/`ends with` pattern matches it.
        public var exact: Bool
    }

    public func usage(of tag: String) throws -> [Usage] {
        try store.segments().compactMap { segment in
            let refs = QueryReferences(QueryParser.parse(segment.queryText), field: .tag)
            let use = refs.uses(tag)
            if use.exact { return Usage(segment: segment.name, exact: true) }
            if use.pattern { return Usage(segment: segment.name, exact: false) }
            return nil
        }
    }

    public func requireTag(_ name: String) throws {
        guard try store.tagExists(name) else {
            let suggestion = NearestName.nearest(to: name, in: try store.tags().map(\.name))
            throw CatalogError.refused("no tag named \(QueryPrinter.stringText(name))"
                + (suggestion.map { "; did you mean \(QueryPrinter.stringText($0))?" } ?? ""))
        }
    }

    /// Renames `old` to `new` on every friend and rewrites the segments
    /// that name it, in one transaction that also makes the checks and
    /// reads the segments. Returns the friends renamed and the segments rewritten.
    public func rename(_ old: String, to new: String, merge: Bool = false) throws -> (friends: Int, segments: [String]) {
        guard !new.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CatalogError.refused("a tag needs a name")
        }
        return try session.writing(to: store) {
            try requireTag(old)
            if try store.tagExists(new), !merge, old != new {
                throw CatalogError.refused("a tag named \(QueryPrinter.stringText(new)) already exists (use --merge to merge them)")
            }
            var updates: [SegmentQueryUpdate] = []
            for segment in try store.segments() {
                // `tag.K = "V"` can follow a rename only to another value of the same key.
                let keyed = QueryReferences(QueryParser.parse(segment.queryText), field: .tag).references
                    .filter { $0.key != nil && $0.value == old }
                if let k = keyed.first?.key, TagKeys.split(new)?.key != k {
                    throw CatalogError.refused("segment \(QueryPrinter.stringText(segment.name)) names the tag as "
                        + "`tag.\(k)`; renaming it to \(QueryPrinter.stringText(new)) (another key) would change "
                        + "its meaning: edit the segment first")
                }
                guard let written = QueryReferences.rename(in: QueryParser.parse(segment.queryText), field: .tag,
                                                           from: old, to: new) else { continue }
                let compilation = session.compile(written)
                guard compilation.ok, let canonical = compilation.normalized else {
                    throw CatalogError.query(compilation, "renaming would break segment \(QueryPrinter.stringText(segment.name))")
                }
                updates.append(SegmentQueryUpdate(name: segment.name, queryText: written, canonicalText: canonical))
            }
            let friends = try store.renameTag(old, to: new, rewriting: updates, merge: merge)
            return (friends, updates.map(\.name))
        }
    }

    /// Deletes a tag from every friend; refused while segments name it
    /// unless `force` (checked in the deleting transaction). Returns the
    /// number of friends that held it.
    public func delete(_ name: String, force: Bool = false) throws -> Int {
        try session.writing(to: store) {
            try requireTag(name)
            let users = try usage(of: name).filter(\.exact).map(\.segment)
            if !users.isEmpty && !force {
                throw CatalogError.refused("tag \(QueryPrinter.stringText(name)) is used by segment(s) "
                    + users.map(QueryPrinter.stringText).joined(separator: ", ") + "; change them first or use --force")
            }
            return try store.deleteTag(name)
        }
    }

    /// Puts a tag in `folder`, or takes it out of its folder (nil), in one
    /// write transaction that also checks the tag exists. Returns the tag as
    /// `list` shows it.
    public func setFolder(_ name: String, folder: String?) throws -> TagInfo {
        let folder = folder?.trimmingCharacters(in: .whitespacesAndNewlines)
        if folder?.isEmpty == true {
            throw CatalogError.refused("a folder needs a name (to take the tag out of its folder, use --none)")
        }
        return try session.writing(to: store) {
            try requireTag(name)
            try store.setTagFolder(name, folder: folder)
            let stored = name.precomposedStringWithCanonicalMapping
            guard let info = try store.tags().first(where: { $0.name == name || $0.name == stored }) else {
                throw CatalogError.refused("no tag named \(QueryPrinter.stringText(name))")
            }
            return info
        }
    }

    /// Adds (or removes) `tag` on the friends `query` matches, in one
    /// transaction that also selects them, so the friends changed are
    /// exactly those matching when the change is made. Returns how many
    /// friends changed.
    public func apply(_ tag: String, query: String, remove: Bool) throws -> Int {
        guard !tag.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CatalogError.refused("a tag needs a name")
        }
        return try session.writing(to: store) {
            let compilation = session.compile(query)
            guard compilation.ok, let form = compilation.normalForm else {
                throw CatalogError.query(compilation, "the query has errors; no tag was changed")
            }
            let runner = session.store!.runner(policy: .force(.sqlite))
            let expr = try runner.expression(for: form, context: session.context)
            let rows = try store.rowIDs(expr, limit: nil)
            return remove ? try store.removeTag(tag, fromRows: rows) : try store.addTag(tag, toRows: rows)
        }
    }
}
