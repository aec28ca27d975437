import SegqStore
import SegqSyntax

/// `segq eval --json`: the canonical query, its warnings and the count,
/// with the ids (`--format ids`) or the friend records (`--format
/// jsonl|csv|table`) of the first matches (docs/schemas/eval.schema.json).
public enum EvaluationRendering {
    /// What the JSON lists beside the count.
    public enum Listing: Sendable {
        case none
        case ids([String])
        case friends([Friend])
    }

    public static func json(_ compilation: Compilation, count: Int, listing: Listing) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ok", .bool(true)),
            ("diagnostics", DiagnosticJSON.json(compilation.diagnostics, in: compilation.source)),
            ("query", .string(compilation.normalized ?? "")),
            ("count", .int(Int64(count))),
        ]
        switch listing {
        case .none: break
        case .ids(let ids): members.append(("ids", .array(ids.map(JSONValue.string))))
        case .friends(let friends): members.append(("friends", .array(friends.map(FriendJSONLWriter.record))))
        }
        return .object(members)
    }
}
