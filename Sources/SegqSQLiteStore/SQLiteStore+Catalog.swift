import SegqStore
import SegqSemantics

/// The store's schema (integrations, property types) and the distinct
/// values of its string fields, for checking queries and completion.
extension SQLiteStore: ValueCatalog {
    /// The schema: integrations some friend is linked to or the settings
    /// declare, property types as of the last import (Grammar/README.md "Fields": all
    /// numbers → number, all booleans → bool, otherwise string), and the
    /// saved segments' names.
    public func loadSchema() throws -> Schema {
        try checkForChangesElsewhere()
        if let cachedSchema { return cachedSchema }
        var hubspot: [String: ValueType] = [:]
        var klaviyo: [String: ValueType] = [:]
        try withStatement("SELECT integration, name, type FROM property_types") { s in
            while try s.step() {
                let type = ValueType(rawValue: s.text(2)) ?? .string
                if s.int64(0) == SQLiteSchema.PropertyIntegration.hubspot.rawValue {
                    hubspot[s.text(1)] = type
                } else {
                    klaviyo[s.text(1)] = type
                }
            }
        }
        let integrations = try linkedIntegrations().union(settings().declaredIntegrations)
        let schema = Schema(integrations: integrations, hubspotProperties: hubspot,
                            klaviyoProperties: klaviyo, segmentNames: try segmentNames())
        cachedSchema = schema
        return schema
    }

    /// The schema, or one admitting nothing store-specific when the file cannot be read
    /// (the error then surfaces from the query itself).
    public var schema: Schema {
        (try? loadSchema()) ?? Schema(integrations: [], hubspotProperties: [:], klaviyoProperties: [:], segmentNames: [])
    }

    /// Distinct values of `tag`, `shopify.tag`, `hubspot.segment`,
    /// `klaviyo.list`, `segment` and string-valued properties; nil for other
    /// fields (ids and names are not catalogued).
    public func knownValues(of field: Field) -> Set<String>? {
        try? loadKnownValues(of: field)
    }

    /// `knownValues(of:)`, with errors.
    public func loadKnownValues(of field: Field) throws -> Set<String>? {
        try checkForChangesElsewhere()
        if let cached = cachedValues[field] { return cached }
        let values: Set<String>
        switch field {
        case .tag: values = try distinctSetValues(SQLiteSchema.friendTags)
        case .shopifyTag: values = try distinctSetValues(SQLiteSchema.shopifyTags)
        case .hubspotSegment: values = try distinctSetValues(SQLiteSchema.hubspotLists)
        case .klaviyoList: values = try distinctSetValues(SQLiteSchema.klaviyoLists)
        case .segment: values = Set(try segmentNames())
        case .hubspotProperty(let name): values = try distinctPropertyStrings(.hubspot, name)
        case .klaviyoProperty(let name): values = try distinctPropertyStrings(.klaviyo, name)
        default: return nil
        }
        cachedValues[field] = values
        return values
    }

    /// Distinct values of a set table by skipping along its value index:
    /// one seek per distinct value, however many friends hold each.
    func distinctSetValues(_ set: SQLiteSchema.SetTable) throws -> Set<String> {
        try withStatement("""
            WITH RECURSIVE v(x) AS (
                SELECT min(value) FROM \(set.table)
                UNION ALL
                SELECT (SELECT min(value) FROM \(set.table) WHERE value > v.x) FROM v WHERE v.x IS NOT NULL
            )
            SELECT x FROM v WHERE x IS NOT NULL
            """) { s in
            var values: Set<String> = []
            while try s.step() { values.insert(s.text(0)) }
            return values
        }
    }

    private func distinctPropertyStrings(_ integration: SQLiteSchema.PropertyIntegration, _ name: String) throws -> Set<String> {
        try withStatement("""
            SELECT DISTINCT value FROM properties WHERE integration = ? AND name = ? AND kind = \(SQLiteSchema.PropertyKind.string.rawValue)
            """) { s in
            try s.bind(integration.rawValue, at: 1)
            try s.bind(StoredText.nfc(name), at: 2)
            var values: Set<String> = []
            while try s.step() { values.insert(s.text(0)) }
            return values
        }
    }
}
