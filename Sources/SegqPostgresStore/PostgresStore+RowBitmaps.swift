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

    /// Bounds per range column: a range test reads at most about
    /// `length / rangeBoundCount` rows beside its bitmap.
    public static let rangeBoundCount = 128

    /// Rebuilds every row bitmap of `account` from its rows and marks them
    /// fresh. Runs in the caller's transaction (an import calls it last).
    static func rebuildRowBitmaps(account: Int32, in db: PostgresConnection,
                                  boundsPerColumn: Int = rangeBoundCount) throws {
        let writer = try RowBitmapWriter(db: db, account: account, replacingAll: true)
        try writer.storeFlags()
        for column in PostgresSchema.rangeColumns { try writer.storeRange(column, bounds: boundsPerColumn) }
        for set in PostgresSchema.setTables { try writer.storeSet(set.table, values: nil) }
        try writer.storeProperties()
        try writer.markFresh()
    }

    /// Rebuilds the account's row bitmaps in one transaction, with at most
    /// `boundsPerColumn` bounds per range column (fewer bounds: smaller
    /// bitmaps, more rows re-tested per range test).
    public func rebuildRowBitmaps(boundsPerColumn: Int = PostgresStore.rangeBoundCount) throws {
        try write { try Self.rebuildRowBitmaps(account: account, in: db, boundsPerColumn: max(1, boundsPerColumn)) }
    }

    /// Whether the account's bitmaps are fresh (checked inside a write, before changing rows).
    func rowBitmapsFresh() throws -> Bool {
        let rows = try db.query("SELECT fresh FROM row_bitmap_state WHERE account = $1", [.int4(account)])
        return rows.count == 1 && rows.bool(0, 0)
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
            try writer.markFresh()
        }
        return value
    }
}

/// Writes bitmaps of one account (see `PostgresStore.rebuildRowBitmaps`).
final class RowBitmapWriter {
    private let db: PostgresConnection
    private let account: Int32
    /// Bits per bitmap: the highest row id + 1.
    let length: Int
    private let minimum: Int

    init(db: PostgresConnection, account: Int32, replacingAll: Bool) throws {
        self.db = db
        self.account = account
        length = Int(try db.query("SELECT coalesce(max(row_id) + 1, 0) FROM friends WHERE account = $1",
                                  [.int4(account)]).int64(0, 0))
        minimum = PostgresStore.bitmapMinimumFriends(length)
        if replacingAll {
            try db.query("DELETE FROM row_bitmaps WHERE account = $1", [.int4(account)])
            try db.query("DELETE FROM row_range_bitmaps WHERE account = $1", [.int4(account)])
        }
    }

    /// `all` and the linked flags, from one scan of the friends.
    func storeFlags() throws {
        let flags = PostgresSchema.flagColumns.map { "string_agg(int4send(row_id), ''::bytea) FILTER (WHERE \($0))" }
        let rows = try db.query("SELECT string_agg(int4send(row_id), ''::bytea), " + flags.joined(separator: ", ")
                                + " FROM friends WHERE account = $1", [.int4(account)])
        try store(RowBitmapKey.all, bits(rows, 0, 0))
        for (i, column) in PostgresSchema.flagColumns.enumerated() {
            try store(RowBitmapKey.flag(column), bits(rows, 0, i + 1))
        }
    }

    /// `present:` (nullable columns) and the bound bitmaps of one range
    /// column: the friends whose value is below each bound. With few
    /// distinct values every value is a bound (tests on them need no rows
    /// beside the bitmaps); otherwise bounds are quantiles.
    func storeRange(_ column: String, bounds count: Int) throws {
        let rows = try db.query("""
            SELECT string_agg(int4send(row_id), ''::bytea ORDER BY \(column), row_id),
                   string_agg(int8send(\(column)), ''::bytea ORDER BY \(column), row_id)
            FROM friends WHERE account = $1 AND \(column) IS NOT NULL
            """, [.int4(account)])
        let ids = RowBitmapWriter.integers(rows.isNull(0, 0) ? [] : rows.bytes(0, 0), width: 4)
        let values = RowBitmapWriter.integers(rows.isNull(0, 1) ? [] : rows.bytes(0, 1), width: 8)
        var bits = RowBits(length: length)
        var added = 0
        for bound in Self.bounds(sortedValues: values, count: count) {
            while added < values.count && values[added] < bound {
                bits.insert(Int(ids[added]))
                added += 1
            }
            try db.query("INSERT INTO row_range_bitmaps(account, column_name, bound, bits) VALUES ($1, $2, $3, $4)",
                         [.int4(account), .text(column), .int8(bound), bits.value])
        }
        if PostgresSchema.nullableRangeColumns.contains(column) {
            while added < ids.count {
                bits.insert(Int(ids[added]))
                added += 1
            }
            try store(RowBitmapKey.present(column), bits)
        }
    }

    /// The bounds of sorted values: every distinct value but the smallest
    /// when there are at most `count`, else the values at `count` quantiles.
    static func bounds(sortedValues values: [Int64], count: Int) -> [Int64] {
        var distinct: [Int64] = []
        for v in values where distinct.last != v {
            distinct.append(v)
            if distinct.count > count { break }
        }
        var out: [Int64] = []
        if distinct.count <= count {
            out = Array(distinct.dropFirst())
        } else {
            for i in 1..<count {
                let v = values[i * values.count / count]
                if out.last != v && v != values[0] { out.append(v) }
            }
        }
        // Int64.min bounds nothing; the query reads `bound - 1`.
        return out.filter { $0 != Int64.min }
    }

    /// `nonempty:` and the bitmaps of the frequent values of a set table
    /// (only `values`, when given; a value now rare loses its bitmap).
    func storeSet(_ table: String, values: [String]?) throws {
        let nonEmpty = try db.query("""
            SELECT string_agg(int4send(friend), ''::bytea)
            FROM (SELECT DISTINCT friend FROM \(table) WHERE account = $1) held
            """, [.int4(account)])
        try store(RowBitmapKey.nonEmpty(table), bits(nonEmpty, 0, 0))
        var sql = "SELECT value, string_agg(int4send(friend), ''::bytea) FROM \(table) WHERE account = $1"
        var parameters: [PostgresValue] = [.int4(account), .int8(Int64(minimum))]
        if let values {
            let normalized = values.map(PostgresText.nfc)
            sql += " AND value = ANY($3)"
            parameters.append(.storedArray(normalized))
            try db.query("DELETE FROM row_bitmaps WHERE account = $1 AND key = ANY($2)",
                         [.int4(account), .storedArray(normalized.map { RowBitmapKey.setValue(table, $0) })])
        }
        let rows = try db.query(sql + " GROUP BY value HAVING count(*) >= $2", parameters)
        for r in 0..<rows.count {
            try store(RowBitmapKey.setValue(table, rows.string(r, 0)), bits(rows, r, 1))
        }
    }

    /// The bitmaps of frequent properties (any value) and frequent string values.
    func storeProperties() throws {
        let held = try db.query("""
            SELECT integration, name, string_agg(int4send(friend), ''::bytea) FROM properties
            WHERE account = $1 GROUP BY integration, name HAVING count(*) >= $2
            """, [.int4(account), .int8(Int64(minimum))])
        for r in 0..<held.count {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(held.int64(r, 0))) else { continue }
            try store(RowBitmapKey.property(integration, held.string(r, 1)), bits(held, r, 2))
        }
        let values = try db.query("""
            SELECT integration, name, text_value, string_agg(int4send(friend), ''::bytea) FROM properties
            WHERE account = $1 AND kind = $3 GROUP BY integration, name, text_value HAVING count(*) >= $2
            """, [.int4(account), .int8(Int64(minimum)), .int2(PostgresSchema.PropertyKind.string.rawValue)])
        for r in 0..<values.count {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(values.int64(r, 0))) else { continue }
            try store(RowBitmapKey.propertyValue(integration, values.string(r, 1), values.string(r, 2)), bits(values, r, 3))
        }
    }

    /// Records the bitmaps' length and that they are fresh.
    func markFresh() throws {
        try db.query("""
            INSERT INTO row_bitmap_state(account, length, fresh) VALUES ($1, $2, true)
            ON CONFLICT (account) DO UPDATE SET length = excluded.length, fresh = true
            """, [.int4(account), .int4(Int32(length))])
    }

    private func store(_ key: String, _ bits: RowBits) throws {
        try db.query("""
            INSERT INTO row_bitmaps(account, key, bits) VALUES ($1, $2, $3)
            ON CONFLICT (account, key) DO UPDATE SET bits = excluded.bits
            """, [.int4(account), .stored(key), bits.value])
    }

    /// The bitmap of the row ids in a `bytea` of 4-byte integers (NULL: none).
    private func bits(_ rows: PostgresRows, _ row: Int, _ column: Int) -> RowBits {
        var bits = RowBits(length: length)
        if !rows.isNull(row, column) {
            for id in Self.integers(rows.bytes(row, column), width: 4) { bits.insert(Int(id)) }
        }
        return bits
    }

    /// Big-endian signed integers of `width` bytes, one after another.
    static func integers(_ bytes: [UInt8], width: Int) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(bytes.count / width)
        var i = 0
        while i + width <= bytes.count {
            var v: UInt64 = 0
            for j in 0..<width { v = v << 8 | UInt64(bytes[i + j]) }
            // Sign-extend from `width` bytes.
            let shift = UInt64(64 - 8 * width)
            out.append(Int64(bitPattern: v << shift) >> Int64(shift))
            i += width
        }
        return out
    }
}

/// A bitmap of `length` bits packed from the left, as `bit varying` stores it.
struct RowBits {
    let length: Int
    private(set) var bytes: [UInt8]

    init(length: Int) {
        self.length = length
        bytes = [UInt8](repeating: 0, count: (length + 7) / 8)
    }

    mutating func insert(_ row: Int) {
        precondition(row >= 0 && row < length, "row \(row) outside a bitmap of \(length)")
        bytes[row >> 3] |= 0x80 >> UInt8(row & 7)
    }

    /// The bound `bit varying`.
    var value: PostgresValue { .bits(count: length, bytes: bytes) }
}
