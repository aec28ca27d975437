import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// The known values of a field that start with a prefix (case-insensitive),
/// with how many friends have each: tags, lists, Shopify tags, segment
/// names and string property values.
public struct ValueSuggestions: Sendable {
    public var field: String
    public var values: [StoreDescription.ValueCount]
    /// Values matching the prefix beyond `limit`.
    public var more: Int

    public static let defaultLimit = 20

    /// Suggestions for the field at `path` (`tag`, `klaviyo.list`, `hubspot.stage`).
    public static func make(session: Session, field path: String, prefix: String = "",
                            limit: Int = defaultLimit) throws -> ValueSuggestions {
        guard let opened = session.store else { throw CatalogError.refused("no store is open") }
        guard let field = resolve(path, schema: opened.schema) else {
            let paths = Field.builtIns.map(\.path)
            let near = EditDistance.nearest(to: path, in: paths, maxDistance: EditDistance.threshold(for: path))
            throw CatalogError.refused("unknown field `\(path)`" + (near.map { "; did you mean `\($0)`?" } ?? ""))
        }
        guard let known = opened.catalog.knownValues(of: field) else {
            throw CatalogError.refused("`\(field.path)` has no catalogue of values (only tags, lists, segments and string properties do)")
        }
        let folded = CaseFolding.fold(prefix)
        let matching = known.filter { CaseFolding.fold($0).hasPrefix(folded) }.sorted()
        let bounded = max(0, min(limit, 200))
        let runner = opened.runner()
        let type = field.builtInType ?? .string
        let values = try matching.prefix(bounded).map { value in
            let form = NormalForm([Group([Condition(field: field, type: type, test: .equals(.string(value)))])])
            return StoreDescription.ValueCount(value: value, friends: try runner.count(form, context: session.context))
        }.sorted { $0.friends != $1.friends ? $0.friends > $1.friends : $0.value < $1.value }
        return ValueSuggestions(field: field.path, values: values, more: max(0, matching.count - bounded))
    }

    static func resolve(_ path: String, schema: Schema) -> Field? {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        if let builtIn = Field.builtIns.first(where: { $0.path == trimmed }) { return builtIn }
        for (prefix, integration) in [("hubspot.", Integration.hubspot), ("klaviyo.", .klaviyo)] where trimmed.hasPrefix(prefix) {
            var name = String(trimmed.dropFirst(prefix.count))
            if name.hasPrefix("`") && name.hasSuffix("`") && name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            guard schema.properties(of: integration)?[name] != nil else { return nil }
            return integration == .hubspot ? .hubspotProperty(name) : .klaviyoProperty(name)
        }
        return nil
    }

    public var json: JSONValue {
        .object([
            ("field", .string(field)),
            ("values", .array(values.map { .object([("value", .string($0.value)), ("friends", .int(Int64($0.friends)))]) })),
            ("more", .int(Int64(more))),
        ])
    }

    public var text: String {
        guard !values.isEmpty else { return "no values of \(field) match\n" }
        return values.map { "\($0.value)  \($0.friends)" }.joined(separator: "\n")
            + (more > 0 ? "\n… and \(more) more" : "") + "\n"
    }
}
