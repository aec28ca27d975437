import SegqStore
/// Stored row-id bitmaps (`row_bitmaps`, format in `RowBitmapFunctions`)
/// of what changes only by imports, rewritten with the statistics in the
/// import's transaction:
///
/// - `all`: every friend;
/// - `flag:<column>`: friends whose `linked` flag is 1;
/// - `present:<column>`: friends with a value in an ordered `friend_facts` column;
/// - `below:<column>:<bound>`: friends whose value is below a histogram bound
///   (`bound` in decimal), so a range is two stored bitmaps plus at most two
///   short index ranges;
/// - `set:<table>:<value>`: friends holding a frequent set element (the
///   `friend_tags` ones are rewritten by tag commands too);
/// - `prop:<integration>:<length of name>:<name>:<value>`: friends with a
///   frequent string value of a property.
///
/// Frequent: at least `bitmapMinimumFriends` friends (rarer values are read
/// from their index, which is as fast).
extension SQLiteStore {
    /// The least number of friends of a value that gets a stored bitmap.
    static func bitmapMinimumFriends(_ friendCount: Int) -> Int { max(2, friendCount / 256) }

    static func setBitmapKey(_ table: String, _ value: String) -> String { "set:\(table):\(value)" }

    static func propertyBitmapKey(_ integration: SQLiteSchema.PropertyIntegration, _ name: String, _ value: String) -> String {
        "prop:\(integration.rawValue):\(name.utf8.count):\(name):\(value)"
    }

    /// A value bitmap to store: its key and the query of its friends.
    struct ValueBitmap: Hashable {
        let key: String
        let sql: String
        let bindings: [SQLiteValue]
    }

    /// The value bitmap of a string value of the column with `StatColumnKey` `columnKey`
    /// (nil for a column that keeps none).
    static func valueBitmap(columnKey: String, value: String) -> ValueBitmap? {
        guard let column = StatColumnKey.column(columnKey) else { return nil }
        switch ColumnLayout(column) {
        case .set(let set):
            return ValueBitmap(key: setBitmapKey(set.table, value), sql: "SELECT friend FROM \(set.table) WHERE value = ?",
                               bindings: [.text(value)])
        case let .property(integration, name):
            return ValueBitmap(key: propertyBitmapKey(integration, name, value),
                               sql: "SELECT friend FROM properties WHERE integration = ? AND name = ? AND kind = ? AND value = ?",
                               bindings: [.int(integration.rawValue), .text(name), .int(SQLiteSchema.PropertyKind.string.rawValue), .text(value)])
        default:
            return nil
        }
    }

    /// The value bitmaps the statistics `rows` call for: frequent set
    /// elements and string property values.
    static func wantedValueBitmaps(_ rows: StatisticsRows) -> [ValueBitmap] {
        let minimum = Int64(bitmapMinimumFriends(Int(rows.total)))
        var wanted: [ValueBitmap] = []
        for (columnKey, counts) in rows.values {
            for (value, n) in counts where n >= minimum && value.kind == SQLiteSchema.PropertyKind.string.rawValue {
                guard case .text(let text) = value.value, let bitmap = valueBitmap(columnKey: columnKey, value: text) else { continue }
                wanted.append(bitmap)
            }
        }
        return wanted
    }

    /// Builds and stores each of `bitmaps` by the `segq_bits` aggregate inside
    /// SQLite, along each value's index range.
    func storeValueBitmaps(_ bitmaps: [ValueBitmap]) throws {
        for w in bitmaps {
            let bytes = try withStatement("SELECT segq_bits(friend) FROM (" + w.sql + ")") { s -> [UInt8] in
                try s.bind(w.bindings)
                guard try s.step() else { return [] }
                return s.withBlob(0) { Array($0) }
            }
            try storeBitmap(w.key, bytes: bytes)
        }
        cachedBitmapKeys = nil
    }

    /// Deletes the stored bitmaps with keys in `lower ..< upper`.
    func deleteBitmaps(from lower: String, to upper: String) throws {
        try withStatement("DELETE FROM row_bitmaps WHERE key >= ? AND key < ?") { s in
            try s.bind(lower, at: 1)
            try s.bind(upper, at: 2)
            try s.run()
        }
        cachedBitmapKeys = nil
    }

    /// The stored keys in `lower ..< upper`.
    func storedBitmapKeys(from lower: String, to upper: String) throws -> Set<String> {
        try withStatement("SELECT key FROM row_bitmaps WHERE key >= ? AND key < ?") { s in
            try s.bind(lower, at: 1)
            try s.bind(upper, at: 2)
            var keys: Set<String> = []
            while try s.step() { keys.insert(s.text(0)) }
            return keys
        }
    }

    static let flagColumns = ["shopify_linked", "hubspot_linked", "klaviyo_linked"]

    /// Writes (or replaces) `all` and the flag bitmaps; returns the bitmaps' word count.
    func storeFlagBitmaps() throws -> Int {
        let maxRow = try db.scalarInt("SELECT coalesce(max(row_id), -1) FROM friend_facts")
        let wordCount = Int(maxRow + 64) / 64
        guard wordCount > 0 else { return 0 }
        var all = RowBitmap(wordCount: wordCount)
        var flags = Self.flagColumns.map { _ in RowBitmap(wordCount: wordCount) }
        try withStatement("SELECT row_id, " + Self.flagColumns.joined(separator: ", ") + " FROM friend_facts") { s in
            while try s.step() {
                let row = s.int(0)
                all.insert(row)
                for i in flags.indices where s.int64(Int32(i + 1)) == 1 { flags[i].insert(row) }
            }
        }
        try storeBitmap("all", all)
        for (i, column) in Self.flagColumns.enumerated() { try storeBitmap("flag:" + column, flags[i]) }
        return wordCount
    }

    /// Writes `present:<column>` and `below:<column>:<bound>` from the rows
    /// in value order and the histogram bounds (value, rows below it).
    func storeRangeBitmaps(_ column: String, rowsInValueOrder rows: [Int32], bounds: [(value: Int64, below: Int)],
                           wordCount: Int) throws {
        guard wordCount > 0 else { return }
        var bits = RowBitmap(wordCount: wordCount)
        var added = 0
        for bound in bounds.sorted(by: { $0.below < $1.below }) {
            let end = min(bound.below, rows.count)
            while added < end {
                bits.insert(Int(rows[added]))
                added += 1
            }
            try storeBitmap("below:\(column):\(bound.value)", bits)
        }
        while added < rows.count {
            bits.insert(Int(rows[added]))
            added += 1
        }
        try storeBitmap("present:" + column, bits)
    }

    private func storeBitmap(_ key: String, _ bits: RowBitmap) throws {
        try storeBitmap(key, bytes: bits.bytes)
    }

    /// Stores a bitmap with its checksum.
    private func storeBitmap(_ key: String, bytes: [UInt8]) throws {
        try withStatement("INSERT OR REPLACE INTO row_bitmaps(key, bits, checksum) VALUES (?, ?, ?)") { s in
            try s.bind(key, at: 1)
            try s.bind(blob: bytes, at: 2)
            try s.bind(BitmapChecksum.of(bytes), at: 3)
            try s.run()
        }
    }

    /// The keys of the stored bitmaps (cached until the data changes).
    func bitmapKeys() throws -> Set<String> {
        try checkForChangesElsewhere()
        if let cachedBitmapKeys { return cachedBitmapKeys }
        var keys: Set<String> = []
        try withStatement("SELECT key FROM row_bitmaps") { s in
            while try s.step() { keys.insert(s.text(0)) }
        }
        cachedBitmapKeys = keys
        return keys
    }

    /// Whether the stored bitmap `key` may be used: its checksum matches,
    /// it is whole words, it has no bit past the last row and no more bits
    /// than there are friends. Checked once per key until the data changes;
    /// a damaged one is reported through `warn` and left unused, so counts
    /// come from the rows (the indexes) instead.
    func storedBitmapIsIntact(_ key: String) -> Bool {
        if let known = checkedBitmaps[key] { return known }
        let intact: Bool
        do {
            intact = try verifyStoredBitmap(key)
        } catch {
            intact = false
        }
        checkedBitmaps[key] = intact
        if !intact {
            warn("the store \(path) has a damaged row bitmap (\(key)); counting from the friend rows instead "
                 + "(importing into the store rebuilds it)")
        }
        return intact
    }

    private func verifyStoredBitmap(_ key: String) throws -> Bool {
        let maxRow = try db.scalarInt("SELECT coalesce(max(row_id), -1) FROM friend_facts")
        let friends = try db.scalarInt("SELECT count(*) FROM friend_facts")
        return try withStatement("SELECT bits, checksum FROM row_bitmaps WHERE key = ?") { s in
            try s.bind(key, at: 1)
            guard try s.step(), !s.isNull(1) else { return false }
            let checksum = s.int64(1)
            return s.withBlob(0) { bytes in
                guard bytes.count % 8 == 0, BitmapChecksum.of(bytes) == checksum else { return false }
                let words = bytes.count / 8
                if words > Int(maxRow + 64) / 64 { return false }
                var population: Int64 = 0
                for i in 0..<words {
                    var w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                    let first = Int64(i) * 64
                    if first + 63 > maxRow {
                        // Bits past the last row must be clear.
                        let valid = max(0, maxRow - first + 1)
                        if valid < 64 && w >> UInt64(valid) != 0 { return false }
                        if valid < 64 { w &= (UInt64(1) << UInt64(valid)) &- 1 }
                    }
                    population += Int64(w.nonzeroBitCount)
                }
                return population <= friends
            }
        }
    }
}
