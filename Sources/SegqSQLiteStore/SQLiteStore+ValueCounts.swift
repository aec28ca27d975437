import SegqStore
import SegqSemantics

extension SQLiteStore {
    /// Friends holding `value` in a catalogued field, from the value counts
    /// every import stores with the statistics; nil when not counted.
    public func friendCount(holding value: String, in field: Field) -> Int? {
        guard let column = Column(cataloguedField: field),
              let counts = (try? statistics())?.valueCounts[column] else { return nil }
        return counts[.string(value)]
    }
}
