import SegqStore

/// Building the row bitmaps of migration 5 (`PostgresSchema+RowBitmaps.swift`).
///
/// The server hands over each bitmap's row ids as one `bytea` of 4-byte
/// big-endian integers (`string_agg(int4send(…))`), the bits are set here
/// and each bitmap goes back as one bound `bit varying`. A full rebuild
/// reads the account's friend rows once per range column and each set and
/// property table once.
extension PostgresStore {
    /// The least number of friends of a set or property value that gets a
    /// stored bitmap; a rarer value is read from its index by the query.
    static func bitmapMinimumFriends(_ length: Int) -> Int { max(2, length / 256) }

    /// The least number of friends of a set, property or name value that
    /// gets a stored bitmap (at most 256 values of a field get one); a
    /// rarer value's friends are listed in the field's dictionary or read
    /// from its index.
    static func valueBitmapMinimumFriends(_ length: Int) -> Int { max(2, length / 4096) }

    /// The most distinct values a field of `holders` entries may have to
    /// keep a dictionary of values (for text tests): beyond it, a text
    /// test reads the rows themselves.
    static func dictionaryLimit(_ holders: Int) -> Int { max(256, holders / 8) }

    /// Bounds per range column: a range test reads at most about
    /// `length / rangeBoundCount` rows beside its bitmap.
    public static let rangeBoundCount = 128

    /// Rebuilds every row bitmap of `account` from its rows and marks them
    /// fresh. Runs in the caller's transaction (an import calls it last).
    static func rebuildRowBitmaps(account: Int32, in db: PostgresConnection,
                                  boundsPerColumn: Int = rangeBoundCount) throws {
        let writer = try RowBitmapWriter(db: db, account: account, replacingAll: true)
        try writer.storeFlagsAndRanges(bounds: boundsPerColumn)
        for set in PostgresSchema.setTables { try writer.storeSet(set.table, values: nil) }
        try writer.storeProperties()
        try writer.storeNumberProperties(bounds: boundsPerColumn)
        try writer.storeNames()
        try writer.markFresh(layout: PostgresSchema.rowBitmapLayout)
    }

    /// Rebuilds the account's row bitmaps in one transaction, with at most
    /// `boundsPerColumn` bounds per range column (fewer bounds: smaller
    /// bitmaps, more rows re-tested per range test), and says what it found
    /// and wrote.
    @discardableResult
    public func rebuildRowBitmaps(boundsPerColumn: Int = PostgresStore.rangeBoundCount) throws -> RowBitmapRebuild {
        try write {
            let before = try rowBitmapState()
            try Self.rebuildRowBitmaps(account: account, in: db, boundsPerColumn: max(1, boundsPerColumn))
            let written = try db.query("""
                SELECT (SELECT count(*) FROM row_bitmaps WHERE account = $1),
                       (SELECT count(*) FROM row_range_bitmaps WHERE account = $1)
                           + (SELECT count(*) FROM row_number_bitmaps WHERE account = $1),
                       (SELECT coalesce(sum(octet_length(bits)), 0) FROM row_bitmaps WHERE account = $1)
                           + (SELECT coalesce(sum(octet_length(bits)), 0) FROM row_range_bitmaps WHERE account = $1)
                           + (SELECT coalesce(sum(octet_length(bits)), 0) FROM row_number_bitmaps WHERE account = $1)
                """, [.int4(account)])
            return RowBitmapRebuild(before: before, rows: try rowBitmapState().rows, valueBitmaps: Int(written.int64(0, 0)),
                                    boundBitmaps: Int(written.int64(0, 1)), bytes: Int(written.int64(0, 2)))
        }
    }

    /// Whether the account's bitmaps are fresh (checked inside a write, before changing rows).
    func rowBitmapsFresh() throws -> Bool {
        let rows = try db.query("SELECT fresh FROM row_bitmap_state WHERE account = $1", [.int4(account)])
        return rows.count == 1 && rows.bool(0, 0)
    }

    /// The state of the account's row bitmaps: whether queries can read them.
    public func rowBitmapState() throws -> RowBitmapState {
        let rows = try db.query("SELECT fresh, layout, length FROM row_bitmap_state WHERE account = $1", [.int4(account)])
        guard rows.count == 1 else { return RowBitmapState(status: .missing, rows: 0) }
        let length = Int(rows.int64(0, 2))
        if !rows.bool(0, 0) { return RowBitmapState(status: .stale, rows: length) }
        if rows.int64(0, 1) != Int64(PostgresSchema.rowBitmapLayout) { return RowBitmapState(status: .olderLayout, rows: length) }
        return RowBitmapState(status: .fresh, rows: length)
    }

    /// Runs `body`, which changes `friend_tags` for the tags named, and
    /// then rewrites those tags' bitmaps so they stay fresh. Bitmaps that
    /// were stale before stay stale (queries count row by row until the
    /// next import rebuilds them).
    func keepingTagBitmaps<T>(_ tags: [String], _ body: () throws -> T) throws -> T {
        let fresh = try rowBitmapsFresh()
        let value = try body()
        if fresh {
            let writer = try RowBitmapWriter(db: db, account: account, replacingAll: false)
            try writer.storeSet(PostgresSchema.friendTags.table, values: tags)
            try writer.markFresh(layout: nil)
        }
        return value
    }
}
