import SegqStore

/// The SQLite store's saved segments: a dynamic one is its canonical
/// query text, a static one its stored member ids. The catalogues reach
/// its segments, tags and proposals through `CatalogStore`.
extension SQLiteStore: SavedSegmentSource, CatalogStore {
    public func savedSegmentNames() throws -> [String] {
        try segmentNames()
    }

    public func segmentDefinition(named name: String) throws -> SegmentDefinition? {
        try catalogedDefinition(named: name)
    }
}
