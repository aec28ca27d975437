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
