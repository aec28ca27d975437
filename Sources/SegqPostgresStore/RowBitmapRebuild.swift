/// Whether an account's row bitmaps can answer queries
/// (`PostgresStore.rowBitmapState`).
public struct RowBitmapState: Equatable, Sendable {
    public enum Status: String, Sendable {
        /// Built by this segq and unchanged since: queries read them.
        case fresh
        /// A statement changed the friends after they were built: queries count row by row.
        case stale
        /// Built by an older segq, without keys this one reads: queries count row by row.
        case olderLayout = "built by an older segq"
        /// Never built (an account from before row bitmaps): queries count row by row.
        case missing
    }
    public let status: Status
    /// The bitmaps' length in bits (the highest row id + 1 when built).
    public let rows: Int
}

/// What `PostgresStore.rebuildRowBitmaps` found and wrote.
public struct RowBitmapRebuild: Sendable {
    /// The state before the rebuild.
    public let before: RowBitmapState
    /// Bits per bitmap now.
    public let rows: Int
    /// Bitmaps of every friend, flags, presence, set and property values.
    public let valueBitmaps: Int
    /// Bound bitmaps of range columns and number properties.
    public let boundBitmaps: Int
    /// Bytes of every bitmap written.
    public let bytes: Int
}
