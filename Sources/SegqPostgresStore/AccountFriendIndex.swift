/// The ids of one account's friends during an import: for each, its row id
/// and `FriendContentHash` (NULL for a friend written before hashes were
/// kept, which then reads as changed), read in one query when the import
/// begins and kept up to date as records are written. Keyed by the exact
/// id (NFC), so a record finds its own row and no other: the writer sends
/// rows with `COPY` and must name the row itself.
struct AccountFriendIndex {
    struct Entry {
        var row: Int32
        var contentHash: Int64?
        /// Whether a record of this import had this id.
        var seen: Bool
    }

    /// What the index knew of an id when a record brought it.
    enum Sighting {
        /// Neither stored nor written by this import.
        case new
        /// Stored before the import; the first record with this id.
        case stored(Entry)
        /// An earlier record of this import had this id (`Entry` is what it left).
        case repeated(Entry)
    }

    private var entries: [String: Entry] = [:]
    /// One past the highest stored row id (0 for an empty account).
    private(set) var nextRow: Int32 = 0
    private var storedCount = 0
    private var storedSeen = 0

    init(db: PostgresConnection, account: Int32) throws {
        let rows = try db.query("SELECT id, row_id, content_hash FROM friends WHERE account = $1", [.int4(account)])
        entries.reserveCapacity(rows.count)
        for i in 0..<rows.count {
            let row = Int32(truncatingIfNeeded: rows.int64(i, 1))
            entries[rows.string(i, 0)] = Entry(row: row, contentHash: rows.optionalInt64(i, 2), seen: false)
            nextRow = max(nextRow, row + 1)
        }
        storedCount = rows.count
    }

    /// Stored friends no record of this import had (with `.replace`: the friends removed).
    var unseenCount: Int { storedCount - storedSeen }

    /// What is known of `id`, marking it seen by this import.
    mutating func see(_ id: String) -> Sighting {
        guard let i = entries.index(forKey: id) else { return .new }
        let entry = entries.values[i]
        if entry.seen { return .repeated(entry) }
        entries.values[i].seen = true
        storedSeen += 1
        return .stored(entry)
    }

    /// Records that this import wrote `id` at `row` with `contentHash`.
    mutating func wrote(_ id: String, row: Int32, contentHash: Int64) {
        entries[id] = Entry(row: row, contentHash: contentHash, seen: true)
    }
}
