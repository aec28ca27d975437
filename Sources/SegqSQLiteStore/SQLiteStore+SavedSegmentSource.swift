import SegqStore

/// The SQLite store's saved segments: a dynamic one is its canonical
/// query text, a static one its stored member ids.
extension SQLiteStore: SavedSegmentSource {
    public func savedSegmentNames() throws -> [String] {
        try segmentNames()
    }

    public func segmentDefinition(named name: String) throws -> SegmentDefinition? {
        guard let saved = try segment(named: name) else { return nil }
        switch saved.kind {
        case .dynamic:
            return SegmentDefinition(name: saved.name, kind: .dynamic(query: saved.canonicalText))
        case .static:
            return SegmentDefinition(name: saved.name, kind: .static(memberIDs: try segmentMembers(named: name) ?? []))
        }
    }
}
