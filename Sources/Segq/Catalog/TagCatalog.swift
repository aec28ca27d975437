import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Tags of a database store (SQLite, or a PostgreSQL account). Tags feed segments, so renaming
/// rewrites every segment that uses the tag (through its syntax tree and
/// the printer, in the same transaction) and deleting one that segments
/// use is refused unless forced.
public struct TagCatalog {
    public let session: Session
    public let store: any CatalogStore

    public init(session: Session) throws {
        store = try session.catalogDatabase()
        self.session = session
    }

    public func list() throws -> [TagInfo] { try store.tags() }

    /// The folders tags are filed in, sorted, each once.
    public func folders() throws -> [String] {
        Set(try store.tags().compactMap(\.folder)).sorted()
    }

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
        let name = try CatalogName.checked(name, .tag)
        guard try store.tagExists(name) else {
            let suggestion = NearestName.nearest(to: name, in: try store.tags().map(\.name))
            throw CatalogError.refused("no tag named \(QueryPrinter.stringText(name))"
                + (suggestion.map { "; did you mean \(QueryPrinter.stringText($0))?" } ?? ""))
        }
    }

    /// Renames `old` to `new` on every friend and rewrites the segments
    /// that name it, in one transaction that also makes the checks and
    /// reads the segments. Returns the friends renamed, the segments
    /// rewritten and the audience of every segment the rename can change
    /// (those naming either tag, by value or by pattern, and the segments
    /// built on them), counted before and after in the same transaction.
    public func rename(_ old: String, to new: String, merge: Bool = false) throws -> TagChange {
        let old = try CatalogName.checked(old, .tag)
        let new = try CatalogName.checked(new, .tag)
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
            let audiences = try AudienceCount(catalog: self, tags: [old, new])
            let friends = try store.renameTag(old, to: new, rewriting: updates, merge: merge, now: nil)
            return TagChange(friends: friends, segments: updates.map(\.name), audiences: try audiences.changes())
        }
    }

    /// Deletes a tag from every friend (see `deleteReporting`); returns the
    /// number of friends that held it.
    public func delete(_ name: String, force: Bool = false) throws -> Int {
        try deleteReporting(name, force: force).friends
    }

    /// Deletes a tag from every friend; refused while segments name it
    /// unless `force` (checked in the deleting transaction). Returns the
    /// number of friends that held it and the audience of every segment
    /// the deletion can change, counted before and after in the same
    /// transaction (`tag != "X"` becomes every friend: it is said).
    public func deleteReporting(_ name: String, force: Bool = false) throws -> TagChange {
        let name = try CatalogName.checked(name, .tag)
        return try session.writing(to: store) {
            try requireTag(name)
            let users = try usage(of: name).filter(\.exact).map(\.segment)
            if !users.isEmpty && !force {
                throw CatalogError.refused("tag \(QueryPrinter.stringText(name)) is used by \(CountedNoun.noun(users.count, "segment")) "
                    + users.map(QueryPrinter.stringText).joined(separator: ", ") + "; change them first or use --force")
            }
            let audiences = try AudienceCount(catalog: self, tags: [name])
            let friends = try store.deleteTag(name)
            return TagChange(friends: friends, segments: [], audiences: try audiences.changes())
        }
    }

    /// The segments whose audience a change of `tags` can move: those
    /// naming one of them (exactly or by a pattern), then every segment
    /// built on those, in the store's order.
    func affectedSegments(by tags: [String]) throws -> [String] {
        let segments = try store.segments()
        let uses: [String: (tags: QueryReferences, segments: Set<String>)] = Dictionary(
            segments.map { segment in
                let parsed = QueryParser.parse(segment.queryText)
                return (segment.name, (QueryReferences(parsed, field: .tag), QueryReferences(parsed, field: .segment).names))
            }, uniquingKeysWith: { first, _ in first })
        var affected = Set(segments.map(\.name).filter { name in
            tags.contains { tag in let use = uses[name]!.tags.uses(tag); return use.exact || use.pattern }
        })
        var grew = true
        while grew {
            let before = affected.count
            for segment in segments where !affected.contains(segment.name) {
                if !uses[segment.name]!.segments.isDisjoint(with: affected) { affected.insert(segment.name) }
            }
            grew = affected.count > before
        }
        return segments.map(\.name).filter(affected.contains)
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
            try store.setTagFolder(name, folder: folder, now: nil)
            let stored = name.precomposedStringWithCanonicalMapping
            guard let info = try store.tags().first(where: { $0.name == name || $0.name == stored }) else {
                throw CatalogError.refused("no tag named \(QueryPrinter.stringText(name))")
            }
            return info
        }
    }

    /// Adds (or removes) `tag` on the friends `query` matches (see
    /// `applyReporting`); returns how many friends changed.
    public func apply(_ tag: String, query: String, remove: Bool) throws -> Int {
        try applyReporting(tag, query: query, remove: remove).friends
    }

    /// Adds (or removes) `tag` on the friends `query` matches, in one
    /// transaction that also selects them, so the friends changed are
    /// exactly those matching when the change is made. Returns how many
    /// friends changed and the audience of every segment naming the tag
    /// (and those built on them), counted before and after in the same
    /// transaction.
    public func applyReporting(_ tag: String, query: String, remove: Bool) throws -> TagChange {
        let tag = try CatalogName.checked(tag, .tag)
        return try session.writing(to: store) {
            let compilation = session.compile(query)
            guard compilation.ok, let form = compilation.normalForm else {
                throw CatalogError.query(compilation, "the query has errors; no tag was changed")
            }
            let runner = session.pushDownRunner(on: store)
            let expr = try runner.expression(for: form, context: session.context)
            let rows = try store.rowIDs(expr, limit: nil)
            let audiences = try AudienceCount(catalog: self, tags: [tag])
            let friends = remove ? try store.removeTag(tag, fromRows: rows, now: nil) : try store.addTag(tag, toRows: rows, now: nil)
            return TagChange(friends: friends, segments: [], audiences: try audiences.changes())
        }
    }
}

/// What a tag rename, deletion, addition or removal did.
public struct TagChange: Hashable, Sendable {
    /// Friends that held the tag (a rename or deletion), or that gained or
    /// lost it (an addition or removal).
    public var friends: Int
    /// Segments whose query text was rewritten (a rename).
    public var segments: [String]
    /// Every segment whose audience the change could move, with its count
    /// before and after.
    public var audiences: [AudienceChange]
}

/// One segment's number of members before and after a change.
public struct AudienceChange: Hashable, Sendable {
    public var segment: String
    /// Nil when the segment could not be evaluated.
    public var before: Int?
    public var after: Int?
    /// Friends in the store after the change.
    public var storeFriends: Int

    /// The segment did not match every friend and now does.
    public var nowMatchesEveryFriend: Bool { after == storeFriends && before != after }
    /// The segment matched some friend and now matches none.
    public var nowMatchesNoFriend: Bool { after == 0 && before != after }
}

/// The counts of the segments a tag change can move, taken before the
/// write and again after it, inside the writing transaction.
struct AudienceCount {
    let catalog: TagCatalog
    let names: [String]
    let before: [Int?]

    init(catalog: TagCatalog, tags: [String]) throws {
        self.catalog = catalog
        names = try catalog.affectedSegments(by: tags)
        before = try AudienceCount.counts(of: names, in: catalog)
    }

    func changes() throws -> [AudienceChange] {
        let after = try AudienceCount.counts(of: names, in: catalog)
        let friends = try catalog.store.friendCount()
        return names.indices.map {
            AudienceChange(segment: names[$0], before: before[$0], after: after[$0], storeFriends: friends)
        }
    }

    /// Counts on the store as it is now (a runner made after any write sees it).
    static func counts(of names: [String], in catalog: TagCatalog) throws -> [Int?] {
        guard !names.isEmpty else { return [] }
        let segments = try SegmentCatalog(session: catalog.session)
        let runner = catalog.session.pushDownRunner(on: catalog.store)
        return names.map { try? runner.count(try segments.membershipForm($0), context: catalog.session.context) }
    }
}
