import SegqStore
import SegqSemantics

extension InMemoryStore {
    /// Friends holding `value` in a catalogued field (`knownValues(of:)`),
    /// counted on the field's posting bitmap; nil for other fields.
    public func friendCount(holding value: String, in field: Field) -> Int? {
        guard let column = Column(cataloguedField: field) else { return nil }
        return count(Atom(column, .equals(.string(value))))
    }
}
