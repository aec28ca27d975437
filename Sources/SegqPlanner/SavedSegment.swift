/// A saved segment as a store keeps it (LANGUAGE.md §7).
public struct SavedSegment: Hashable, Sendable {
    public enum Definition: Hashable, Sendable {
        /// Evaluated from its canonical query text at the evaluation's `now`.
        case dynamic(query: String)
        /// A fixed list of member friend ids.
        case `static`(memberIDs: [String])
    }

    public var name: String
    public var definition: Definition

    public init(name: String, definition: Definition) {
        self.name = name
        self.definition = definition
    }
}

/// Where saved segments are read from. The SQLite store holds them; an
/// in-memory list serves tests and stores loaded from JSONL/CSV.
public protocol SavedSegmentSource {
    /// Every saved segment's name, in a stable order.
    func savedSegmentNames() throws -> [String]
    /// The segment with exactly this name, or nil.
    func savedSegment(named name: String) throws -> SavedSegment?
}

/// Saved segments held in memory.
public struct SavedSegmentList: SavedSegmentSource, Hashable, Sendable {
    public var segments: [SavedSegment]

    public init(_ segments: [SavedSegment] = []) {
        self.segments = segments
    }

    public func savedSegmentNames() -> [String] { segments.map(\.name) }

    public func savedSegment(named name: String) -> SavedSegment? {
        segments.first { $0.name == name }
    }
}
