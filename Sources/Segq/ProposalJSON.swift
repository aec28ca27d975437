import SegqSyntax
import SegqSemantics
import SegqNormalForm

/// The JSON object of `check --json`, `normalize --json` and `propose`
/// (docs/json-output.md). Keys appear in a fixed
/// order; `normalized`, `groups`, `summary` and `hash` only when the query
/// compiled, `count` and `sample` only when a store evaluated it.
public enum ProposalJSON {
    /// A friend in the `sample` array.
    public struct SampleFriend: Sendable {
        public var id: String
        public var name: String?
        public init(id: String, name: String?) {
            self.id = id
            self.name = name
        }
    }

    public static func make(_ compilation: Compilation, context: EvaluationContext?,
                            count: Int? = nil, sample: [SampleFriend]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ok", .bool(compilation.ok)),
            ("diagnostics", .array(compilation.diagnostics.map {
                DiagnosticJSON.json($0, in: compilation.source)
            })),
        ]
        if compilation.ok, let form = compilation.normalForm, let text = compilation.normalized,
           let hash = compilation.hash {
            members.append(("normalized", .string(text)))
            members.append(("groups", GroupsJSON.groups(form)))
            members.append(("summary", .string(Summary.text(of: form, context: context))))
            if let count { members.append(("count", .int(Int64(count)))) }
            if let sample {
                members.append(("sample", .array(sample.map { friend in
                    var fields: [(String, JSONValue)] = [("id", .string(friend.id))]
                    fields.append(("name", friend.name.map(JSONValue.string) ?? .null))
                    return .object(fields)
                })))
            }
            members.append(("hash", .string(hash)))
        }
        return .object(members)
    }
}
