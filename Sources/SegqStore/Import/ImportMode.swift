/// How an import treats the friends already in the store.
public enum ImportMode: Sendable {
    /// Keep existing friends; a record whose `id` exists replaces that
    /// friend's data (every field, sets and properties included) and keeps
    /// its row id; new ids are appended with the next row ids.
    case upsert
    /// Remove every friend first, so the store holds exactly the imported
    /// ones (row ids 0…n-1 in import order). Saved segments and the tag
    /// catalog are kept.
    case replace
}

/// What an import changed.
public struct ImportSummary: Hashable, Sendable {
    public var inserted: Int
    public var updated: Int
    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }
}
