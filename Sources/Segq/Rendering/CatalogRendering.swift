import SegqSyntax
import SegqNormalForm
import SegqStore
import SegqBasics

/// Saved segments and tags as both front ends print them: tables for
/// people, JSON for tools. `segq segment|tag …` and the REPL's `.segments`,
/// `.show`, `.tags` call these, so a listing reads the same in both.
public enum CatalogRendering {
    public static func segmentTable(_ listings: [SegmentCatalog.Listing]) -> String {
        guard !listings.isEmpty else { return "no saved segments\n" }
        return TextTable.render(
            header: ["name", "folder", "kind", "count", "used by", "last updated"],
            rows: listings.map { l in
                [l.segment.name, l.segment.folder ?? "", l.segment.kind.rawValue, l.count.map(String.init) ?? "error",
                 l.usedBy.joined(separator: ", "), RFC3339.format(l.segment.updatedAt)]
            })
    }

    public static func segmentJSON(_ listings: [SegmentCatalog.Listing]) -> JSONValue {
        .array(listings.map { l in
            .object([("name", .string(l.segment.name)), ("folder", l.segment.folder.map(JSONValue.string) ?? .null),
                     ("kind", .string(l.segment.kind.rawValue)),
                     ("count", l.count.map { .int(Int64($0)) } ?? .null),
                     ("used_by", .array(l.usedBy.map(JSONValue.string))),
                     ("updated_at", .string(RFC3339.format(l.segment.updatedAt)))])
        })
    }

    /// `name:`, `folder:`, … one line each, `summary:` last when the query compiles.
    public static func segmentDetail(_ detail: SegmentDetail) -> String {
        let segment = detail.segment
        var lines = [
            "name:       \(segment.name)",
            "folder:     \(segment.folder ?? "-")",
            "kind:       \(segment.kind.rawValue)",
            "query:      \(segment.queryText)",
            "canonical:  \(segment.canonicalText)",
            "count:      \(detail.count.map(String.init) ?? "error")",
            "used by:    \(detail.usedBy.isEmpty ? "-" : detail.usedBy.joined(separator: ", "))",
            "created:    \(RFC3339.format(segment.createdAt))",
            "updated:    \(RFC3339.format(segment.updatedAt))",
        ]
        if let summary = detail.summary { lines.append("summary:    " + summary) }
        if let provenance = detail.provenance { lines.append("provenance: " + provenance) }
        return lines.map(QuotedText.visible).joined(separator: "\n") + "\n"
    }

    /// Name, folder, friends, last updated; tags of friend files (no
    /// catalogue: no folder or update time on any tag) as name and friends.
    public static func tagTable(_ tags: [TagInfo]) -> String {
        guard !tags.isEmpty else { return "no tags\n" }
        if !tags.contains(where: { $0.folder != nil || $0.updatedAt != nil }) {
            return TextTable.render(header: ["name", "friends"], rows: tags.map { [$0.name, String($0.friendCount)] })
        }
        return TextTable.render(header: ["name", "folder", "friends", "last updated"], rows: tags.map { t in
            [t.name, t.folder ?? "", String(t.friendCount), t.updatedAt.map(RFC3339.format) ?? ""]
        })
    }

    /// What `tag folder` says: `tag "VIP" is in folder "Loyalty"` / `… is in no folder`.
    public static func tagFolder(_ tag: TagInfo) -> String {
        "tag \(quoted(tag.name)) is in " + (tag.folder.map { "folder " + quoted($0) } ?? "no folder")
    }

    public static func tagJSON(_ tags: [TagInfo]) -> JSONValue {
        .array(tags.map(tagObject))
    }

    /// What a segment about to be replaced holds: its canonical query,
    /// folder, kind when static, and the segments using it.
    public static func replacementDescription(_ replacement: SegmentReplacement) -> String {
        let segment = replacement.segment
        var parts: [String] = []
        if let folder = segment.folder { parts.append("folder " + quoted(folder)) }
        if segment.kind == .static { parts.append("static") }
        parts.append(replacement.usedBy.isEmpty ? "used by no other segment"
                     : "used by " + replacement.usedBy.map(quoted).joined(separator: ", "))
        return segment.canonicalText + " (" + parts.joined(separator: "; ") + ")"
    }

    /// The line after a save that replaced a segment: what it was.
    public static func replacedNotice(_ replacement: SegmentReplacement) -> String {
        "replaced segment \(quoted(replacement.segment.name)), which was: " + replacementDescription(replacement)
    }

    /// What `tag rename` and `.rename-tag` print: friends renamed, segments
    /// rewritten, then the affected audiences.
    public static func tagRenamed(_ old: String, to new: String, _ change: TagChange) -> String {
        "renamed tag \(quoted(old)) to \(quoted(new)) on \(CountedNoun.text(change.friends, "friend"))"
            + (change.segments.isEmpty ? "" : "; rewrote \(CountedNoun.noun(change.segments.count, "segment")) "
                + change.segments.joined(separator: ", "))
            + "\n" + audienceChanges(change.audiences)
    }

    /// What `tag delete` and `.delete-tag` print: friends that held the
    /// tag, then the affected audiences.
    public static func tagDeleted(_ name: String, _ change: TagChange) -> String {
        "deleted tag \(quoted(name)) from \(CountedNoun.text(change.friends, "friend"))\n" + audienceChanges(change.audiences)
    }

    /// What `tag add|remove` and `.tag add|remove` print: friends changed,
    /// then the affected audiences.
    public static func tagApplied(_ name: String, removed: Bool, _ change: TagChange) -> String {
        (removed ? "removed tag \(quoted(name)) from " : "added tag \(quoted(name)) to ")
            + CountedNoun.text(change.friends, "friend") + "\n" + audienceChanges(change.audiences)
    }

    /// What `segment move` and `.move` print: `moved segment "X" from folder "A" to no folder`.
    public static func segmentMoved(_ move: SegmentMove) -> String {
        let place = { (folder: String?) in folder.map { "folder " + quoted($0) } ?? "no folder" }
        return "moved segment \(quoted(move.segment)) from \(place(move.from)) to \(place(move.to))"
    }

    /// After a tag rename or deletion: every segment whose audience it
    /// could move, its count before and after, and a segment that now
    /// matches every friend or none named as such. Empty when no segment
    /// is affected.
    public static func audienceChanges(_ changes: [AudienceChange]) -> String {
        guard !changes.isEmpty else { return "" }
        let count = { (n: Int?) in n.map(String.init) ?? "error" }
        let rows = changes.map { change -> [String] in
            var effect = change.before == change.after ? "unchanged" : "changed"
            if change.nowMatchesEveryFriend { effect = "now matches every friend" }
            if change.nowMatchesNoFriend { effect = "now matches no friend" }
            return [change.segment, count(change.before), count(change.after), effect]
        }
        return "segments affected:\n" + TextTable.render(header: ["segment", "before", "after", "audience"], rows: rows)
    }

    /// A name as a query string literal (`"New this week"`), as messages quote it.
    public static func quoted(_ name: String) -> String { QueryPrinter.stringText(name) }
}
