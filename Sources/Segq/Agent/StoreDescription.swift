import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// What an agent needs to know about a store before writing a query: the
/// integrations, every field with its type and when it is missing, the
/// properties with types, tags with counts, lists, saved segments, the
/// zone and the number of friends.
public struct StoreDescription: Sendable {
    public struct FieldEntry: Sendable {
        public var path: String
        /// `string`, `int`, `number`, `bool`, `time`, `set<string>`.
        public var type: String
        /// When a friend has no value (a positive test is then false, its negation true).
        public var missingWhen: String?
    }

    public struct ValueCount: Sendable {
        public var value: String
        public var friends: Int
    }

    public struct SegmentEntry: Sendable {
        public var name: String
        public var folder: String?
        public var kind: String
        /// Nil when it cannot be evaluated.
        public var count: Int?
    }

    public var store: String
    public var friends: Int
    public var timeZone: String
    public var integrations: [String]
    public var fields: [FieldEntry]
    public var tags: [ValueCount]
    /// `hubspot.segment`, `klaviyo.list`, `shopify.tag` → their values.
    public var lists: [(field: String, values: [String])]
    public var segments: [SegmentEntry]

    /// Describes the session's store.
    public static func make(session: Session) throws -> StoreDescription {
        guard let opened = session.store else { throw CatalogError.refused("no store is open") }
        let runner = opened.runner()
        let context = session.context
        let schema = opened.schema
        let path: String
        switch opened {
        case .memory(_, let p): path = p
        case .sqlite(let s): path = s.path
        }
        var fields: [FieldEntry] = []
        for field in Field.builtIns {
            if let integration = field.integration, !schema.integrations.contains(integration) { continue }
            guard let type = field.builtInType else { continue }
            fields.append(FieldEntry(path: field.path, type: type.rawValue, missingWhen: missingWhen(field)))
        }
        for integration in [Integration.hubspot, .klaviyo] where schema.integrations.contains(integration) {
            for (name, type) in (schema.properties(of: integration) ?? [:]).sorted(by: { $0.key < $1.key }) {
                let field: Field = integration == .hubspot ? .hubspotProperty(name) : .klaviyoProperty(name)
                fields.append(FieldEntry(path: field.path, type: type.rawValue,
                                         missingWhen: "the friend is not linked to \(integration.rawValue) or has no `\(name)`"))
            }
        }
        let tags = try (opened.catalog.knownValues(of: .tag) ?? []).sorted().map { tag in
            ValueCount(value: tag, friends: try runner.count(equals(.tag, tag), context: context))
        }
        var lists: [(String, [String])] = []
        for field in [Field.shopifyTag, .hubspotSegment, .klaviyoList] {
            if let integration = field.integration, !schema.integrations.contains(integration) { continue }
            lists.append((field.path, (opened.catalog.knownValues(of: field) ?? []).sorted()))
        }
        var segments: [SegmentEntry] = []
        if case .sqlite = opened {
            segments = try SegmentCatalog(session: session).list().map {
                SegmentEntry(name: $0.segment.name, folder: $0.segment.folder, kind: $0.segment.kind.rawValue, count: $0.count)
            }
        }
        return StoreDescription(store: path, friends: try runner.count(.everybody, context: context),
                                timeZone: session.timeZoneOverride?.identifier ?? opened.settings.timeZone,
                                integrations: schema.integrations.map(\.rawValue).sorted(),
                                fields: fields, tags: tags, lists: lists, segments: segments)
    }

    static func missingWhen(_ field: Field) -> String? {
        guard field.canBeMissing else { return nil }
        if let integration = field.integration {
            switch field {
            case .shopifyLastPurchase, .shopifyDaysSinceLastPurchase: return "not linked to shopify, or no purchase yet"
            case .shopifyCartAbandonedAt, .shopifyHoursSinceCartAbandoned: return "not linked to shopify, or no abandoned cart"
            default: return "not linked to \(integration.rawValue)"
            }
        }
        return "no value"
    }

    static func equals(_ field: Field, _ value: String) -> NormalForm {
        NormalForm([Group([Condition(field: field, type: field.builtInType ?? .string, test: .equals(.string(value)))])])
    }

    public var json: JSONValue {
        .object([
            ("store", .string(store)),
            ("friends", .int(Int64(friends))),
            ("time_zone", .string(timeZone)),
            ("integrations", .array(integrations.map(JSONValue.string))),
            ("fields", .array(fields.map { f in
                .object([("path", .string(f.path)), ("type", .string(f.type)),
                         ("missing_when", f.missingWhen.map(JSONValue.string) ?? .null)])
            })),
            ("tags", .array(tags.map { .object([("name", .string($0.value)), ("friends", .int(Int64($0.friends)))]) })),
            ("lists", .object(lists.map { ($0.field, .array($0.values.map(JSONValue.string))) })),
            ("segments", .array(segments.map { s in
                .object([("name", .string(s.name)), ("folder", s.folder.map(JSONValue.string) ?? .null),
                         ("kind", .string(s.kind)), ("count", s.count.map { .int(Int64($0)) } ?? .null)])
            })),
            ("missing_values", .string("a positive test is false on a missing value and its negation is true; "
                                      + "see the language reference (Grammar/README.md)")),
        ])
    }

    /// The description for people.
    public var text: String {
        var lines = ["store:        \(store)", "friends:      \(friends)", "time zone:    \(timeZone)",
                     "integrations: \(integrations.isEmpty ? "none" : integrations.joined(separator: ", "))", "", "fields:"]
        for f in fields {
            lines.append("  \(f.path)  \(f.type)" + (f.missingWhen.map { "  (missing when \($0))" } ?? ""))
        }
        lines.append("")
        lines.append("tags: " + (tags.isEmpty ? "none" : tags.map { "\($0.value) (\($0.friends))" }.joined(separator: ", ")))
        for (field, values) in lists {
            lines.append("\(field): " + (values.isEmpty ? "none" : values.joined(separator: ", ")))
        }
        lines.append("segments: " + (segments.isEmpty ? "none" : segments.map {
            "\($0.name) (\($0.kind), \($0.count.map(String.init) ?? "error"))"
        }.joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }
}
