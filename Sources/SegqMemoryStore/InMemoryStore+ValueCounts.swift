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

extension InMemoryStore {
    /// Friends not linked to `integration`, counted on its presence bitmap.
    public func friendCount(notLinkedTo integration: Integration) -> Int? {
        count - count(Atom(Column(linkedFlagOf: integration), .present))
    }

    /// Friends linked to the datum's integration without the datum.
    public func friendCount(linkedWithout datum: Datum) -> Int? {
        guard let integration = datum.field.integration else { return nil }
        return count(Atom(Column(linkedFlagOf: integration), .present)) - count(Atom(Column(datum: datum), .present))
    }
}
