import SegqStore
import SegqSyntax

/// The results of segment and tag commands as JSON, for `--json`; each
/// shape has its schema under docs/schemas/ (docs/json-output.md).
extension CatalogRendering {
    /// A saved segment: name, folder, kind, query as written and canonical, times.
    static func segmentObject(_ s: SavedSegment) -> [(String, JSONValue)] {
        [("name", .string(s.name)), ("folder", s.folder.map(JSONValue.string) ?? .null),
         ("kind", .string(s.kind.rawValue)), ("query", .string(s.queryText)), ("canonical", .string(s.canonicalText)),
         ("created_at", .string(RFC3339.format(s.createdAt))), ("updated_at", .string(RFC3339.format(s.updatedAt)))]
    }

    /// `segment show --json`: the segment, its count, users, summary and provenance.
    public static func segmentDetailJSON(_ detail: SegmentDetail) -> JSONValue {
        .object(segmentObject(detail.segment) + [
            ("count", detail.count.map { .int(Int64($0)) } ?? .null),
            ("used_by", .array(detail.usedBy.map(JSONValue.string))),
            ("summary", detail.summary.map(JSONValue.string) ?? .null),
            ("provenance", detail.provenance.map(JSONValue.string) ?? .null),
        ])
    }

    /// `segment save --json`: what was saved, the query's warnings, and the
    /// segment it replaced (with the segments using it), or null.
    public static func segmentSavedJSON(_ outcome: SegmentSave) -> JSONValue {
        let compilation = outcome.compilation
        return .object([
            ("saved", .object(segmentObject(outcome.saved))),
            ("diagnostics", DiagnosticJSON.json(compilation.warnings, in: compilation.source)),
            ("replaced", outcome.replaced.map { r in
                .object(segmentObject(r.segment) + [("used_by", .array(r.usedBy.map(JSONValue.string)))])
            } ?? .null),
        ])
    }

    /// `segment drop --json`.
    public static func segmentDroppedJSON(_ name: String) -> JSONValue {
        .object([("dropped", .string(name))])
    }

    /// `segment move --json`: the segment, its folder before and after (null: no folder).
    public static func segmentMovedJSON(_ move: SegmentMove) -> JSONValue {
        .object([("segment", .string(move.segment)),
                 ("from", move.from.map(JSONValue.string) ?? .null),
                 ("to", move.to.map(JSONValue.string) ?? .null)])
    }

    /// One tag as `tag list --json` lists it, and as `tag folder --json` prints it.
    public static func tagObject(_ t: TagInfo) -> JSONValue {
        .object([("name", .string(t.name)), ("folder", t.folder.map(JSONValue.string) ?? .null),
                 ("friends", .int(Int64(t.friendCount))),
                 ("updated_at", t.updatedAt.map { .string(RFC3339.format($0)) } ?? .null)])
    }

    /// `tag usage --json`: each segment using the tag, `exact` false when
    /// only a pattern (`contains`, `starts with`, `ends with`) can match it.
    public static func tagUsageJSON(_ name: String, _ usage: [TagCatalog.Usage]) -> JSONValue {
        .object([("tag", .string(name)),
                 ("segments", .array(usage.map { .object([("segment", .string($0.segment)), ("exact", .bool($0.exact))]) }))])
    }

    /// `tag rename --json` and `tag delete --json`: friends changed,
    /// segments rewritten, and each affected audience before and after.
    public static func tagChangeJSON(action: String, tag: String, newName: String?, _ change: TagChange) -> JSONValue {
        .object([
            ("action", .string(action)),
            ("tag", .string(tag)),
            ("new_name", newName.map(JSONValue.string) ?? .null),
            ("friends", .int(Int64(change.friends))),
            ("segments_rewritten", .array(change.segments.map(JSONValue.string))),
            ("audiences", audiencesJSON(change)),
        ])
    }

    /// `tag add --json` and `tag remove --json`: how many friends gained
    /// or lost the tag, and each segment audience it moved, before and after.
    public static func tagAppliedJSON(action: String, tag: String, _ change: TagChange) -> JSONValue {
        .object([("action", .string(action)), ("tag", .string(tag)), ("friends", .int(Int64(change.friends))),
                 ("audiences", audiencesJSON(change))])
    }

    /// Each segment audience a tag change could move: its count before and after.
    static func audiencesJSON(_ change: TagChange) -> JSONValue {
        .array(change.audiences.map { a in
            .object([("segment", .string(a.segment)),
                     ("before", a.before.map { .int(Int64($0)) } ?? .null),
                     ("after", a.after.map { .int(Int64($0)) } ?? .null),
                     ("matches_every_friend", .bool(a.nowMatchesEveryFriend)),
                     ("matches_no_friend", .bool(a.nowMatchesNoFriend))])
        })
    }
}
