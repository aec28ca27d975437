import SegqSemantics

/// The schemas and value catalogue the check goldens are checked against
/// (their first line, `# schema: store`, `store+catalog`, `default` or
/// `no-klaviyo`, names one).
public enum CheckFixtures {
    /// A store's schema: HubSpot and Klaviyo properties with types, and two saved segments.
    public static let storeSchema = Schema(
        hubspotProperties: ["stage": .string, "score": .number, "vip": .bool, "lead status": .string, "segment": .string],
        klaviyoProperties: ["city": .string, "orders": .number],
        segmentNames: ["Repeat customers", "VIP"])

    /// A store schema without Klaviyo (no friend linked, not declared).
    public static let noKlaviyoSchema = Schema(integrations: [.shopify, .hubspot],
                                               hubspotProperties: ["stage": .string], klaviyoProperties: nil)

    /// Values friends hold, for the W0102/W0104 warnings.
    public struct FixedCatalog: ValueCatalog, Sendable {
        public var values: [Field: Set<String>]
        /// Friends holding each value, where the case counts them.
        public var counts: [Field: [String: Int]]
        public init(values: [Field: Set<String>], counts: [Field: [String: Int]] = [:]) {
            self.values = values
            self.counts = counts
        }
        public func knownValues(of field: Field) -> Set<String>? { values[field] }
        public func friendCount(holding value: String, in field: Field) -> Int? { counts[field]?[value] }
    }

    public static let storeCatalog = FixedCatalog(values: [
        .tag: ["VIP", "Trade Show 2026", "newsletter", "大阪"],
        .hubspotProperty("stage"): ["customer", "Lead"],
        .name: ["Aiko Tanaka"],
        .shopifyTag: ["wholesale", "Wholesale", "ｗｈｏｌｅｓａｌｅ", "wholesaler", "retail"],
        .hubspotSegment: ["Newsletter"],
    ], counts: [
        .tag: ["Trade Show 2026": 96],
        .shopifyTag: ["wholesale": 120, "Wholesale": 7, "ｗｈｏｌｅｓａｌｅ": 2, "wholesaler": 11, "retail": 300],
    ])

    /// A store whose tags include key/value tags (`Department:Sales`), for `tag.Department`.
    public static let keyedTagCatalog = FixedCatalog(values: [
        .tag: ["VIP", "Department:Sales", "Department:Support", "Department:Sales:EU", "Region:Kanto"],
    ], counts: [
        .tag: ["VIP": 40, "Department:Sales": 12, "Department:Support": 5, "Department:Sales:EU": 2, "Region:Kanto": 30],
    ])

    /// The schema and catalogue a golden's `# schema:` line names; nil for none or an unknown name.
    public static func schema(forHeaderOf input: String) -> (schema: Schema, catalog: FixedCatalog?)? {
        guard let header = input.split(separator: "\n", maxSplits: 1).first,
              header.hasPrefix("# schema: ") else { return nil }
        switch header.dropFirst("# schema: ".count) {
        case "store": return (storeSchema, nil)
        case "store+catalog": return (storeSchema, storeCatalog)
        case "store+keyed-tags": return (storeSchema, keyedTagCatalog)
        case "default": return (.default, nil)
        case "no-klaviyo": return (noKlaviyoSchema, nil)
        default: return nil
        }
    }
}
