import SegqSemantics

extension Column {
    /// The stored column of a field whose string values the catalogue lists.
    public init?(cataloguedField field: Field) {
        switch field {
        case .tag: self = .tag
        case .shopifyTag: self = .shopifyTag
        case .hubspotSegment: self = .hubspotList
        case .klaviyoList: self = .klaviyoList
        case .hubspotProperty(let p): self = .hubspotProperty(p)
        case .klaviyoProperty(let p): self = .klaviyoProperty(p)
        default: return nil
        }
    }
}

extension Column {
    /// The `linked` flag column of an integration: present when linked.
    public init(linkedFlagOf integration: Integration) {
        switch integration {
        case .shopify: self = .shopifyLinked
        case .hubspot: self = .hubspotLinked
        case .klaviyo: self = .klaviyoLinked
        }
    }

    /// The stored column a datum lives in: present when a friend holds it.
    public init(datum: Datum) {
        switch datum {
        case .id(.shopify): self = .shopifyId
        case .id(.hubspot): self = .hubspotId
        case .id(.klaviyo): self = .klaviyoId
        case .shopifyLastPurchase: self = .shopifyLastPurchase
        case .shopifyCartTime: self = .shopifyCartAbandonedAt
        case .property(.hubspot, let p): self = .hubspotProperty(p)
        case .property(_, let p): self = .klaviyoProperty(p)
        }
    }

}
