import SegqStore
import SegqSemantics

/// The store as the checker sees it: a schema from its data and settings,
/// and the values its string and set fields hold.
extension InMemoryStore: ValueCatalog {
    /// Integrations some friend is linked to or the settings declare;
    /// property names with their types (Grammar/README.md "Fields": all numbers →
    /// number, all booleans → bool, otherwise string). An in-memory store
    /// holds no saved segments.
    public var schema: Schema {
        Schema(integrations: statistics.linkedIntegrations.union(settings.declaredIntegrations),
               hubspotProperties: statistics.hubspotProperties,
               klaviyoProperties: statistics.klaviyoProperties,
               segmentNames: [])
    }

    /// Distinct values of `tag`, `shopify.tag`, `hubspot.segment`,
    /// `klaviyo.list` and of string-valued properties (the string values
    /// only); nil for other fields (ids and names are not catalogued).
    public func knownValues(of field: Field) -> Set<String>? {
        switch field {
        case .tag: return Set(tags.dictionary.strings)
        case .shopifyTag: return Set(shopify.tags.dictionary.strings)
        case .hubspotSegment: return Set(hubspot.lists.dictionary.strings)
        case .klaviyoList: return Set(klaviyo.lists.dictionary.strings)
        case .segment: return []
        case .hubspotProperty(let n): return propertyValues(hubspot.property(named: n))
        case .klaviyoProperty(let n): return propertyValues(klaviyo.property(named: n))
        default: return nil
        }
    }

    private func propertyValues(_ column: PropertyColumn?) -> Set<String>? {
        guard let column, column.valueType == .string else { return nil }
        return Set(column.strings?.dictionary.strings ?? [])
    }
}
