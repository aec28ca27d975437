import SegqBasics
import SegqSyntax

/// `why` for people and for tools, the command line and the REPL alike:
/// the verdict and its reason, then each group with each condition, its
/// verdict and the friend's value; a saved segment a condition names is
/// explained beneath it, indented.
public enum ExplanationRendering {
    public static func text(_ e: Explanation) -> String {
        var out = "friend " + QuotedText.query(e.friendID) + (e.friendName.map { " (\($0))" } ?? "") + " is "
            + e.reason + "\n"
        out += "query: " + e.query + "\n"
        lines(e, indent: "", into: &out)
        return out
    }

    private static func lines(_ e: Explanation, indent: String, into out: inout String) {
        if e.groups.isEmpty { out += indent + "(no groups: the query matches nobody)\n" }
        for group in e.groups {
            out += indent + "group \(group.number): " + (group.holds ? "holds" : "fails") + "\n"
            if group.conditions.isEmpty { out += indent + "  (no conditions: every friend)\n" }
            let width = group.conditions.map { DisplayWidth.of($0.condition) }.max() ?? 0
            for c in group.conditions {
                let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(c.condition)))
                out += indent + "  " + (c.holds ? "yes  " : "no   ") + c.condition + pad + "  " + c.value + "\n"
                for s in c.segments {
                    out += indent + "       segment " + QuotedText.query(s.name) + " (\(s.kind)): "
                        + (s.isMember ? "member" : "not a member") + "\n"
                    if case .query(let inner) = s.detail {
                        out += indent + "       " + inner.reason + "\n"
                        lines(inner, indent: indent + "       ", into: &out)
                    }
                }
            }
        }
    }

    public static func json(_ e: Explanation) -> JSONValue {
        .object([
            ("friend", .object([("id", .string(e.friendID)), ("name", e.friendName.map(JSONValue.string) ?? .null)])),
            ("query", .string(e.query)),
            ("matches", .bool(e.matches)),
            ("reason", .string(e.reason)),
            ("groups", .array(e.groups.map(group))),
        ])
    }

    private static func group(_ g: GroupVerdict) -> JSONValue {
        .object([
            ("group", .int(Int64(g.number))),
            ("holds", .bool(g.holds)),
            ("conditions", .array(g.conditions.map { c in
                var fields: [(String, JSONValue)] = [("condition", .string(c.condition)), ("holds", .bool(c.holds)),
                                                     ("value", .string(c.value))]
                if !c.segments.isEmpty { fields.append(("segments", .array(c.segments.map(segment)))) }
                return .object(fields)
            })),
        ])
    }

    private static func segment(_ s: SegmentVerdict) -> JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(s.name)), ("kind", .string(s.kind)),
                                             ("member", .bool(s.isMember))]
        if case .query(let inner) = s.detail { fields.append(("explanation", json(inner))) }
        return .object(fields)
    }
}
