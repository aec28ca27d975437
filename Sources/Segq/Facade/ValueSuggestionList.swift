import SegqBasics
import SegqSemantics

/// `suggest_values`: the values of one field that start with a prefix,
/// most friends first, each with its count (`Session.suggestValues`).
public struct ValueSuggestions: Sendable {
    public var field: String
    public var values: [ValueCount]
    /// Matching values left out by the limit.
    public var more: Int

    public static let defaultLimit = 20

    /// Suggestions for the field at `path` (`tag`, `klaviyo.list`, `hubspot.stage`).
    public static func make(session: Session, field path: String, prefix: String = "",
                            limit: Int = defaultLimit) throws -> ValueSuggestions {
        guard let store = session.store else { throw CatalogError.refused("no store is open") }
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        guard let field = session.field(atPath: trimmed) else {
            let near = NearestName.nearest(to: trimmed, in: session.fields().map(\.path))
            throw CatalogError.refused("unknown field `\(trimmed)`" + (near.map { "; did you mean `\($0)`?" } ?? ""))
        }
        guard store.catalog.knownValues(of: field) != nil else {
            throw CatalogError.refused("`\(field.path)` has no catalogue of values (only tags, lists, segments and string properties do)")
        }
        let bounded = max(0, min(limit, 200))
        // Every matching value is counted, so the most held come first
        // whatever their spelling; the limit applies after the sort.
        let all = session.suggestValues(for: field.path, prefix: prefix, limit: Int.max,
                                        counting: QueryEvaluator(session: session))
            .sorted { ($0.count ?? 0, $1.value) > ($1.count ?? 0, $0.value) }
        let chosen = Array(all.prefix(bounded))
        return ValueSuggestions(field: field.path, values: chosen, more: all.count - chosen.count)
    }

    public var json: JSONValue {
        .object([
            ("field", .string(field)),
            ("values", .array(values.map { v in
                .object([("value", .string(v.value)), ("friends", v.count.map { .int(Int64($0)) } ?? .null)])
            })),
            ("more", .int(Int64(more))),
        ])
    }

    public var text: String {
        guard !values.isEmpty else { return "no values of \(field) match\n" }
        return values.map { "\(QuotedText.query($0.value))  \($0.count.map(String.init) ?? "?")" }.joined(separator: "\n")
            + (more > 0 ? "\n… and \(more) more" : "") + "\n"
    }
}
