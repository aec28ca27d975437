import SegqSemantics

/// A field a query may use with the open store: its canonical path, its
/// type in the language, and when a friend has no value for it (the
/// "missing when" column of Grammar/README.md).
public struct FieldDescription: Hashable, Sendable {
    /// `tag`, `shopify.purchases`, `` hubspot.`lead status` ``.
    public var path: String
    /// `string`, `int`, `number`, `bool`, `time`, `set<string>` or `untyped`.
    public var type: String
    /// `shopify`, `hubspot`, `klaviyo`; nil for the friend's own fields.
    public var integration: String?
    /// True for a HubSpot or Klaviyo property (typed by the store's data).
    public var isProperty: Bool
    /// When the value is missing; nil when it never is.
    public var missingWhen: String?

    public init(path: String, type: String, integration: String?, isProperty: Bool, missingWhen: String?) {
        self.path = path
        self.type = type
        self.integration = integration
        self.isProperty = isProperty
        self.missingWhen = missingWhen
    }
}

extension Session {
    /// The built-in fields of the integrations the store has (all of them
    /// without a store), each integration's properties, sorted, right after
    /// its built-ins.
    public func fields() -> [FieldDescription] {
        let schema = store?.schema ?? Schema.default
        var result: [FieldDescription] = []
        for field in Field.builtIns {
            if let integration = field.integration, !schema.integrations.contains(integration) { continue }
            guard let type = field.builtInType else { continue }
            result.append(FieldDescription(field, type: type))
            if field == .tag {
                for key in store?.catalog.tagKeys() ?? [] { result.append(FieldDescription(.tagKey(key), type: .stringSet)) }
            }
            guard let integration = field.integration,
                  Field.builtIns.last(where: { $0.integration == integration }) == field else { continue }
            for (name, type) in (schema.properties(of: integration) ?? [:]).sorted(by: { $0.key < $1.key }) {
                let property: Field = integration == .hubspot ? .hubspotProperty(name) : .klaviyoProperty(name)
                if result.contains(where: { $0.path == property.path }) { continue }
                result.append(FieldDescription(property, type: type))
            }
        }
        return result
    }

    /// The field a canonical path names in this store's schema, or nil.
    func field(atPath path: String) -> Field? {
        if let builtIn = Field.builtIns.first(where: { $0.path == path }) { return builtIn }
        for (prefix, make) in [("hubspot.", Field.hubspotProperty), ("klaviyo.", Field.klaviyoProperty), ("tag.", Field.tagKey)]
        where path.hasPrefix(prefix) {
            var name = String(path.dropFirst(prefix.count))
            if name.count >= 2, name.hasPrefix("`"), name.hasSuffix("`") {
                name = Self.unescapingBackticks(String(name.dropFirst().dropLast()))
            }
            return make(name)
        }
        return nil
    }

    /// A backticked property name's text: `\x` stands for `x`.
    private static func unescapingBackticks(_ text: String) -> String {
        var out = ""
        var escaped = false
        for ch in text {
            if !escaped && ch == "\\" { escaped = true; continue }
            out.append(ch)
            escaped = false
        }
        return out
    }
}

extension FieldDescription {
    init(_ field: Field, type: ValueType) {
        let isProperty: Bool
        switch field {
        case .hubspotProperty, .klaviyoProperty: isProperty = true
        default: isProperty = false
        }
        self.init(path: field.path, type: type.rawValue, integration: field.integration?.rawValue,
                  isProperty: isProperty, missingWhen: FieldDescription.missingWhen(field))
    }

    static func missingWhen(_ field: Field) -> String? {
        guard field.canBeMissing else { return nil }
        switch field {
        case .name: return "no name recorded"
        case .shopifyLastPurchase, .shopifyDaysSinceLastPurchase: return "not linked, or no purchase"
        case .shopifyCartAbandonedAt, .shopifyHoursSinceCartAbandoned: return "not linked, or no abandoned cart"
        case .hubspotProperty, .klaviyoProperty: return "not linked, or property absent"
        case .tagKey(let key): return "no tag `" + key + ":…`"
        default: return "not linked"
        }
    }
}
