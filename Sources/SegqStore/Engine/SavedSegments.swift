/// What a saved segment selects (Grammar/README.md "Segments"), as the planner reads it.
public struct SegmentDefinition: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Evaluated from its canonical query text at the evaluation's `now`.
        case dynamic(query: String)
        /// A fixed list of member friend ids.
        case `static`(memberIDs: [String])
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// Where saved segments are read from. The SQLite store holds them; an
/// in-memory list serves tests and stores loaded from JSONL/CSV.
public protocol SavedSegmentSource {
    /// Every saved segment's name, in a stable order.
    func savedSegmentNames() throws -> [String]
    /// The segment with exactly this name, or nil.
    func segmentDefinition(named name: String) throws -> SegmentDefinition?
}

/// Saved segments held in memory.
public struct SavedSegmentList: SavedSegmentSource, Hashable, Sendable {
    public var segments: [SegmentDefinition]

    public init(_ segments: [SegmentDefinition] = []) {
        self.segments = segments
    }

    public func savedSegmentNames() -> [String] { segments.map(\.name) }

    public func segmentDefinition(named name: String) -> SegmentDefinition? {
        segments.first { $0.name == name }
    }
}
