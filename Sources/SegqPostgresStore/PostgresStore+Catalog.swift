import SegqSemantics
import SegqStore

/// The account's schema (integrations, property types) and the distinct
/// values of its string fields, for checking queries and completion.
extension PostgresStore: ValueCatalog {
    /// The schema: integrations some friend is linked to or the settings
    /// declare, and property types as of the last import (Grammar/README.md
    /// "Fields": all numbers → number, all booleans → bool, otherwise string),
    /// and the saved segments' names.
    public func loadSchema() throws -> Schema {
        var hubspot: [String: ValueType] = [:]
        var klaviyo: [String: ValueType] = [:]
        let rows = try db.query("SELECT integration, name, type FROM property_types WHERE account = $1", [.int4(account)])
        for r in 0..<rows.count {
            let type = ValueType(rawValue: rows.string(r, 2)) ?? .string
            if rows.int64(r, 0) == Int64(PostgresSchema.PropertyIntegration.hubspot.rawValue) {
                hubspot[rows.string(r, 1)] = type
            } else {
                klaviyo[rows.string(r, 1)] = type
            }
        }
        let integrations = try linkedIntegrations().union(settings().declaredIntegrations)
        return Schema(integrations: integrations, hubspotProperties: hubspot, klaviyoProperties: klaviyo,
                      segmentNames: try segmentNames())
    }

    /// The schema, or one admitting nothing store-specific when the server
    /// cannot be read (the error then surfaces from the query itself).
    public var schema: Schema {
        (try? loadSchema()) ?? Schema(integrations: [], hubspotProperties: [:], klaviyoProperties: [:], segmentNames: [])
    }

    /// Distinct values of `tag`, `shopify.tag`, `hubspot.segment`,
    /// `klaviyo.list`, `segment` and string-valued properties; nil for other fields.
    public func knownValues(of field: Field) -> Set<String>? {
        try? loadKnownValues(of: field)
    }

    /// `knownValues(of:)`, with errors.
    public func loadKnownValues(of field: Field) throws -> Set<String>? {
        switch field {
        case .tag: return try distinctValues(PostgresSchema.friendTags)
        case .shopifyTag: return try distinctValues(PostgresSchema.shopifyTags)
        case .hubspotSegment: return try distinctValues(PostgresSchema.hubspotLists)
        case .klaviyoList: return try distinctValues(PostgresSchema.klaviyoLists)
        case .segment: return Set(try segmentNames())
        case .hubspotProperty(let name): return try distinctPropertyStrings(.hubspot, name)
        case .klaviyoProperty(let name): return try distinctPropertyStrings(.klaviyo, name)
        default: return nil
        }
    }

    /// The distinct values of a set table, one index probe each along
    /// `(account, value, friend)` (a skip scan): a set has few distinct
    /// values and many rows, which `SELECT DISTINCT` would read all of.
    private func distinctValues(_ set: PostgresSchema.SetTable) throws -> Set<String> {
        let rows = try db.query("""
            WITH RECURSIVE held(value) AS (
                (SELECT value FROM \(set.table) WHERE account = $1 ORDER BY value LIMIT 1)
                UNION ALL
                SELECT (SELECT t.value FROM \(set.table) t WHERE t.account = $1 AND t.value > held.value ORDER BY t.value LIMIT 1)
                FROM held WHERE held.value IS NOT NULL
            )
            SELECT value FROM held WHERE value IS NOT NULL
            """, [.int4(account)])
        return Set((0..<rows.count).map { rows.string($0, 0) })
    }

    private func distinctPropertyStrings(_ integration: PostgresSchema.PropertyIntegration, _ name: String) throws -> Set<String> {
        // A skip scan along `properties_by_text`, as for set values.
        let string = "p.kind = \(PostgresSchema.PropertyKind.string.rawValue)"
        let rows = try db.query("""
            WITH RECURSIVE held(value) AS (
                (SELECT p.text_value FROM properties p
                 WHERE p.account = $1 AND p.integration = $2 AND p.name = $3 AND \(string) ORDER BY p.text_value LIMIT 1)
                UNION ALL
                SELECT (SELECT p.text_value FROM properties p
                        WHERE p.account = $1 AND p.integration = $2 AND p.name = $3 AND \(string) AND p.text_value > held.value
                        ORDER BY p.text_value LIMIT 1)
                FROM held WHERE held.value IS NOT NULL
            )
            SELECT value FROM held WHERE value IS NOT NULL
            """, [.int4(account), .int2(integration.rawValue), .stored(PostgresText.nfc(name))])
        return Set((0..<rows.count).map { rows.string($0, 0) })
    }
}
