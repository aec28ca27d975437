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

extension SQLiteStore {
    /// Friends not linked to `integration`, from the presence counts every
    /// import stores with the statistics; nil when not counted.
    public func friendCount(notLinkedTo integration: Integration) -> Int? {
        guard let statistics = try? statistics() else { return nil }
        return statistics.friendCount - (statistics.presentCounts[Column(linkedFlagOf: integration)] ?? 0)
    }

    /// Friends linked to the datum's integration without the datum, from
    /// the same presence counts.
    public func friendCount(linkedWithout datum: Datum) -> Int? {
        guard let integration = datum.field.integration, let statistics = try? statistics() else { return nil }
        let linked = statistics.presentCounts[Column(linkedFlagOf: integration)] ?? 0
        return linked - (statistics.presentCounts[Column(datum: datum)] ?? 0)
    }
}
