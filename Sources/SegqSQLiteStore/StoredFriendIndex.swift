import SegqStore

/// The friends a store held when an import began: for each id, its row and
/// content hash (`friends.content_hash`, `FriendContentHash`), read in one
/// scan so an import can tell, per record, without a query, whether the
/// friend is new, changed or unchanged.
///
/// Keyed by a hash of the id's UTF-8 bytes (no string is made per row).
/// Two stored ids with one key keep only one entry; a record whose id
/// meets the other's entry then differs in content hash (the hash covers
/// the id) and takes the write path, which finds its row by id. So a
/// record is judged unchanged only when its id key and its 64-bit content
/// hash both match the stored friend's.
///
/// The same scan fills `lines` (when asked): the line hash and id of each
/// friend whose stored data is still what its line gave (both hashes set),
/// so a JSON Lines import can skip those lines unparsed.
struct StoredFriendIndex {
    struct Entry {
        var row: Int64
        /// Nil for a friend written before stores kept content hashes.
        var contentHash: Int64?
        /// Whether a record of this import had this id.
        var matched = false
    }

    private(set) var entries: [Int: Entry] = [:]
    /// Entries matched by a record so far.
    private(set) var matchedCount = 0
    /// The lines the stored friends were read from (empty unless asked for).
    private(set) var lines = KnownLines()

    init() {}

    init(db: SQLiteConnection, lines withLines: Bool) throws {
        let friends = Int(try db.scalarInt("SELECT count(*) FROM friends"))
        entries.reserveCapacity(friends)
        if withLines { lines = KnownLines(capacity: friends) }
        let s = try db.prepare("SELECT row_id, id, content_hash, line_hash FROM friends")
        while try s.step() {
            let contentHash = s.optionalInt64(2)
            let lineHash = withLines && contentHash != nil ? s.optionalInt64(3) : nil
            let key = s.withBlob(1) { id in
                if let lineHash { lines.add(lineHash: lineHash, id: id.bindMemory(to: UInt8.self)) }
                return Self.key(id)
            }
            entries[key] = Entry(row: s.int64(0), contentHash: contentHash)
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Entries no record matched (with `.replace`: the friends removed).
    var unmatchedCount: Int { entries.count - matchedCount }

    static func key(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    static func key(_ id: String) -> Int {
        var id = id
        return id.withUTF8 { key(UnsafeRawBufferPointer($0)) }
    }

    /// The stored friend with this id key, marking it matched. Returns the
    /// entry as it was before this call (so `matched` says whether an
    /// earlier record of the import had the id).
    mutating func match(_ key: Int) -> Entry? {
        guard let entry = entries[key] else { return nil }
        if !entry.matched {
            entries[key]!.matched = true
            matchedCount += 1
        }
        return entry
    }

    /// Records what the store holds for `key` now (after writing a record).
    mutating func stored(_ key: Int, row: Int64, contentHash: Int64) {
        if entries[key] == nil { matchedCount += 1 }
        entries[key] = Entry(row: row, contentHash: contentHash, matched: true)
    }
}
