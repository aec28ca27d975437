/// Whether a saved segment is re-evaluated from its query (dynamic) or is
/// the member list stored when it was saved (static).
public enum SegmentKind: String, Hashable, Sendable {
    case dynamic
    case `static`
}

/// A saved segment as stored (members of a static one are read separately).
public struct SavedSegment: Hashable, Sendable {
    /// Unique in a store (NFC).
    public var name: String
    public var folder: String?
    /// The query as the user wrote it.
    public var queryText: String
    /// The canonical text of its normal form.
    public var canonicalText: String
    public var kind: SegmentKind
    /// Milliseconds since the epoch.
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(name: String, folder: String? = nil, queryText: String, canonicalText: String,
                kind: SegmentKind = .dynamic, createdAt: Int64 = 0, updatedAt: Int64 = 0) {
        self.name = name
        self.folder = folder
        self.queryText = queryText
        self.canonicalText = canonicalText
        self.kind = kind
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// New query texts for a saved segment (a tag rename rewrites them).
public struct SegmentQueryUpdate: Hashable, Sendable {
    public var name: String
    public var queryText: String
    public var canonicalText: String

    public init(name: String, queryText: String, canonicalText: String) {
        self.name = name
        self.queryText = queryText
        self.canonicalText = canonicalText
    }
}
