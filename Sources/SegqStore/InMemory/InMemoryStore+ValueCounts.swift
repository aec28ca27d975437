import SegqSemantics

extension InMemoryStore {
    /// Friends holding `value` in a catalogued field (`knownValues(of:)`),
    /// counted on the field's posting bitmap; nil for other fields.
    public func friendCount(holding value: String, in field: Field) -> Int? {
        guard let column = Column(cataloguedField: field) else { return nil }
        return count(Atom(column, .equals(.string(value))))
    }
}

extension Column {
    /// The stored column of a field whose string values the catalogue lists.
    init?(cataloguedField field: Field) {
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
