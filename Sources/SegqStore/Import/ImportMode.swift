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
    /// Records whose id was new to the store.
    public var inserted: Int
    /// Records that changed a friend already there (stored before, or
    /// earlier in the same import).
    public var updated: Int
    /// Records identical to the stored friend, left as they were (a store
    /// that keeps content hashes: SQLite, PostgreSQL).
    public var unchanged: Int
    /// With `.replace`, friends of the store that the files no longer hold;
    /// nil when the store does not count them.
    public var removed: Int?

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int? = nil) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
    }
}
