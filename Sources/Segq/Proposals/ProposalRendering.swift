import SegqBasics
import SegqSemantics
import SegqNormalForm
import SegqPlanner
import SegqSyntax
import SegqStore

/// A proposal for people (the text every surface shows before asking) and
/// for tools (JSON with snake_case keys: `propose`, `proposal show --json`,
/// the MCP tools' structured content).
public enum ProposalRendering {
    // MARK: Text

    /// The whole proposal: the change, who proposed it and when, the
    /// groups, the summary, the counts then and now, a sample and the diff.
    public static func text(_ review: ProposalBook.Review) -> String {
        let r = review.record
        var lines = ["Proposal \(r.id) — \(review.status.rawValue)"]
        lines.append("  change:       " + (r.change?.headline ?? r.kind))
        lines.append("  proposed by:  \(r.proposer) at \(RFC3339.format(r.proposedAt))")
        if let decision = r.decision {
            lines.append("  decision:     \(decision.status.rawValue) by \(decision.by) at \(RFC3339.format(decision.at)) "
                         + "(\(decision.surface))" + (decision.note.map { " — \($0)" } ?? ""))
        }
        if let query = r.query { lines.append("  query:        \(query)") }
        if let new = r.newName { lines.append("  new name:     \(QueryPrinter.stringText(new))") }
        if !r.groups.isEmpty {
            lines.append("")
            for (i, group) in r.groups.enumerated() {
                for (j, condition) in group.enumerated() {
                    lines.append(j == 0 ? "  Group \(i + 1):  \(condition)" : "       and  \(condition)")
                }
            }
        }
        if let summary = r.summary { lines.append(""); lines.append("  " + summary) }
        lines.append("")
        if let count = r.count {
            var line = "  friends:      proposed \(grouped(count)) of \(grouped(r.totalFriends))"
            if let share = r.share { line += " (\(percent(share)))" }
            if let now = review.countNow { line += " · now \(grouped(now))" }
            lines.append(line)
        }
        if !r.sample.isEmpty {
            lines.append("  sample:       " + r.sample.map(friendText).joined(separator: ", "))
        }
        if let diff = r.diff { lines += diffLines(diff) }
        if !review.staleReasons.isEmpty {
            lines.append("")
            lines.append("  STALE — cannot be approved: " + review.staleReasons.joined(separator: "; ") + ".")
            lines.append("  The agent must propose it again.")
        }
        lines.append("  fingerprint:  \(r.fingerprint)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func diffLines(_ diff: AudienceDiff) -> [String] {
        var lines = ["", "  What changes:"]
        for group in diff.groupsAdded { lines.append("    + group:    \(group)") }
        for group in diff.groupsRemoved { lines.append("    - group:    \(group)") }
        if let before = diff.countBefore, let after = diff.countAfter {
            lines.append("    count:      \(grouped(before)) → \(grouped(after))")
        }
        if let n = diff.enteringCount {
            lines.append("    entering:   \(grouped(n))" + (diff.entering.isEmpty ? "" : " — " + diff.entering.map(friendText).joined(separator: ", ")))
        }
        if let n = diff.leavingCount {
            lines.append("    leaving:    \(grouped(n))" + (diff.leaving.isEmpty ? "" : " — " + diff.leaving.map(friendText).joined(separator: ", ")))
        }
        for segment in diff.affectedSegments {
            let after = segment.countAfter.map(grouped) ?? "may change"
            lines.append("    segment \(QueryPrinter.stringText(segment.name)): \(segment.countBefore.map(grouped) ?? "?") → \(after)")
        }
        if !diff.rewrittenSegments.isEmpty {
            lines.append("    rewrites:   " + diff.rewrittenSegments.map(QueryPrinter.stringText).joined(separator: ", ")
                         + " (same audience, new tag name)")
        }
        if lines.count == 2 { lines.append("    nothing else") }
        return lines
    }

    /// The proposal list's columns, and one row per proposal.
    public static let tableHeader = ["id", "status", "change", "friends", "proposed by", "proposed at"]

    public static func tableRows(_ reviews: [ProposalBook.Review]) -> [[String]] {
        reviews.map { review in
            let r = review.record
            return [r.id, review.status.rawValue, r.change?.headline ?? r.kind, r.count.map(grouped) ?? "",
                    r.proposer, RFC3339.format(r.proposedAt)]
        }
    }

    static func friendText(_ friend: SampleFriend) -> String {
        (friend.name.map { "\($0) " } ?? "") + "(\(friend.id))"
    }

    /// 1204 → "1,204".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    // MARK: JSON

    public static func json(_ review: ProposalBook.Review) -> JSONValue {
        let r = review.record
        var members: [(String, JSONValue)] = [
            ("id", .string(r.id)),
            ("status", .string(review.status.rawValue)),
            ("kind", .string(r.kind)),
            ("target", .string(r.target)),
        ]
        if let new = r.newName { members.append(("new_name", .string(new))) }
        if let query = r.query { members.append(("query", .string(query))) }
        if let canonical = r.canonical { members.append(("normalized", .string(canonical))) }
        if r.kind == "segment.save" {
            members.append(("folder", r.folder.map(JSONValue.string) ?? .null))
            members.append(("static", .bool(r.isStatic)))
            members.append(("replace", .bool(r.replace)))
        }
        members.append(("proposed_by", .string(r.proposer)))
        members.append(("proposed_at", .string(RFC3339.format(r.proposedAt))))
        members.append(("evaluated_at", .string(RFC3339.format(r.evaluatedAt))))
        members.append(("time_zone", .string(r.timeZone)))
        members.append(("count", r.count.map { .int(Int64($0)) } ?? .null))
        members.append(("count_now", review.countNow.map { .int(Int64($0)) } ?? .null))
        members.append(("total_friends", .int(Int64(r.totalFriends))))
        members.append(("share", r.share.map(JSONValue.double) ?? .null))
        if !r.groups.isEmpty { members.append(("groups", .array(r.groups.map { .array($0.map(JSONValue.string)) }))) }
        if let summary = r.summary { members.append(("summary", .string(summary))) }
        members.append(("sample", friends(r.sample)))
        members.append(("diff", r.diff.map(diffJSON) ?? .null))
        members.append(("stale_reasons", .array(review.staleReasons.map(JSONValue.string))))
        members.append(("decision", r.decision.map { d in
            .object([("status", .string(d.status.rawValue)), ("by", .string(d.by)),
                     ("at", .string(RFC3339.format(d.at))), ("surface", .string(d.surface)),
                     ("note", d.note.map(JSONValue.string) ?? .null)])
        } ?? .null))
        members.append(("fingerprint", .string(r.fingerprint)))
        return .object(members)
    }

    static func friends(_ list: [SampleFriend]) -> JSONValue {
        .array(list.map { .object([("id", .string($0.id)), ("name", $0.name.map(JSONValue.string) ?? .null)]) })
    }

    static func diffJSON(_ diff: AudienceDiff) -> JSONValue {
        func int(_ n: Int?) -> JSONValue { n.map { .int(Int64($0)) } ?? .null }
        return .object([
            ("groups_added", .array(diff.groupsAdded.map(JSONValue.string))),
            ("groups_removed", .array(diff.groupsRemoved.map(JSONValue.string))),
            ("count_before", int(diff.countBefore)),
            ("count_after", int(diff.countAfter)),
            ("entering_count", int(diff.enteringCount)),
            ("entering", friends(diff.entering)),
            ("leaving_count", int(diff.leavingCount)),
            ("leaving", friends(diff.leaving)),
            ("affected_segments", .array(diff.affectedSegments.map {
                .object([("name", .string($0.name)), ("count_before", int($0.countBefore)), ("count_after", int($0.countAfter))])
            })),
            ("rewritten_segments", .array(diff.rewrittenSegments.map(JSONValue.string))),
        ])
    }
}
