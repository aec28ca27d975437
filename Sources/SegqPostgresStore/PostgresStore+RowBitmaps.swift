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

/// Writes bitmaps of one account (see `PostgresStore.rebuildRowBitmaps`).
final class RowBitmapWriter {
    private let db: PostgresConnection
    private let account: Int32
    /// Bits per bitmap: the highest row id + 1.
    let length: Int
    private let minimum: Int
    private let valueMinimum: Int

    init(db: PostgresConnection, account: Int32, replacingAll: Bool) throws {
        self.db = db
        self.account = account
        length = Int(try db.query("SELECT coalesce(max(row_id) + 1, 0) FROM friends WHERE account = $1",
                                  [.int4(account)]).int64(0, 0))
        minimum = PostgresStore.bitmapMinimumFriends(length)
        valueMinimum = PostgresStore.valueBitmapMinimumFriends(length)
        if replacingAll {
            try db.query("DELETE FROM row_bitmaps WHERE account = $1", [.int4(account)])
            try db.query("DELETE FROM row_range_bitmaps WHERE account = $1", [.int4(account)])
            try db.query("DELETE FROM row_number_bitmaps WHERE account = $1", [.int4(account)])
            try db.query("DELETE FROM row_value_dictionary WHERE account = $1", [.int4(account)])
        }
    }

    /// `all`, the linked flags, the presence of the nullable friend
    /// strings and the range columns' bitmaps, from one scan of the
    /// friends (every aggregate of one scan reads the rows in one order,
    /// so each column's row ids and values line up).
    func storeFlagsAndRanges(bounds count: Int) throws {
        let aggregate = "string_agg(int4send(row_id), ''::bytea)"
        let flags = PostgresSchema.flagColumns.map { "\(aggregate) FILTER (WHERE \($0))" }
        let present = PostgresSchema.nullableTextColumns.map { "\(aggregate) FILTER (WHERE \($0) IS NOT NULL)" }
        let ranges = PostgresSchema.rangeColumns.map {
            "\(aggregate) FILTER (WHERE \($0) IS NOT NULL), string_agg(int8send(\($0)), ''::bytea)"
        }
        let rows = try db.query("SELECT " + ([aggregate] + flags + present + ranges).joined(separator: ", ")
                                + " FROM friends WHERE account = $1", [.int4(account)])
        try store(RowBitmapKey.all, bits(rows, 0, 0))
        var column = 1
        for flag in PostgresSchema.flagColumns {
            try store(RowBitmapKey.flag(flag), bits(rows, 0, column))
            column += 1
        }
        for text in PostgresSchema.nullableTextColumns {
            try store(RowBitmapKey.present(text), bits(rows, 0, column))
            column += 1
        }
        for range in PostgresSchema.rangeColumns {
            let ids = Self.integers(rows.isNull(0, column) ? [] : rows.bytes(0, column), width: 4)
            let values = Self.integers(rows.isNull(0, column + 1) ? [] : rows.bytes(0, column + 1), width: 8)
            try storeRange(range, ids: ids, values: values, bounds: count)
            column += 2
        }
    }

    /// `present:` (nullable columns) and the bound bitmaps of one range
    /// column from its rows' ids and values: the friends whose value is
    /// below each bound. With few distinct values every value is a bound
    /// (tests on them need no rows beside the bitmaps); otherwise bounds
    /// are quantiles.
    private func storeRange(_ column: String, ids unsortedIDs: [Int64], values unsortedValues: [Int64], bounds count: Int) throws {
        let order = unsortedValues.indices.sorted { unsortedValues[$0] < unsortedValues[$1] }
        let ids = order.map { unsortedIDs[$0] }
        let values = order.map { unsortedValues[$0] }
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

    /// The bound bitmaps of each number property held as a number by at
    /// least the minimum of friends (`row_number_bitmaps`): bounds as for
    /// a range column, and last the bound +∞, every friend holding a number.
    func storeNumberProperties(bounds count: Int) throws {
        let rows = try db.query("""
            SELECT integration, name, string_agg(int4send(friend), ''::bytea), string_agg(float8send(number_value), ''::bytea)
            FROM properties WHERE account = $1 AND kind = $3
            GROUP BY integration, name HAVING count(*) >= $2
            """, [.int4(account), .int8(Int64(minimum)), .int2(PostgresSchema.PropertyKind.number.rawValue)])
        for r in 0..<rows.count {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(rows.int64(r, 0))) else { continue }
            let key = RowBitmapKey.property(integration, rows.string(r, 1))
            let unsortedIDs = Self.integers(rows.bytes(r, 2), width: 4)
            let unsorted = Self.integers(rows.bytes(r, 3), width: 8).map { Double(bitPattern: UInt64(bitPattern: $0)) }
            let order = unsorted.indices.sorted { unsorted[$0] < unsorted[$1] }
            let ids = order.map { unsortedIDs[$0] }
            let values = order.map { unsorted[$0] }
            var bits = RowBits(length: length)
            var added = 0
            for bound in Self.bounds(sortedValues: values, count: count) + [Double.infinity] {
                while added < values.count && values[added] < bound {
                    bits.insert(Int(ids[added]))
                    added += 1
                }
                try db.query("INSERT INTO row_number_bitmaps(account, key, bound, bits) VALUES ($1, $2, $3, $4)",
                             [.int4(account), .stored(key), .float8(bound), bits.value])
            }
        }
    }

    /// The bounds of sorted values: every distinct value but the smallest
    /// when there are at most `count`, else the values at `count` quantiles.
    static func bounds<Value: Comparable>(sortedValues values: [Value], count: Int) -> [Value] {
        var distinct: [Value] = []
        for v in values where distinct.last != v {
            distinct.append(v)
            if distinct.count > count { break }
        }
        var out: [Value] = []
        if distinct.count <= count {
            out = Array(distinct.dropFirst())
        } else {
            for i in 1..<count {
                let v = values[i * values.count / count]
                if out.last != v && v != values[0] { out.append(v) }
            }
        }
        // Int64.min bounds nothing; the query reads `bound - 1`.
        return out.filter { ($0 as? Int64) != Int64.min }
    }

    /// `nonempty:` and the values of a set table (only `values`, when
    /// given; a value now rare loses its bitmap).
    func storeSet(_ table: String, values: [String]?) throws {
        var sql = "SELECT value, (array_agg(value_folded))[1], count(*), string_agg(int4send(friend), ''::bytea) FROM \(table) WHERE account = $1"
        var parameters: [PostgresValue] = [.int4(account)]
        let field = RowBitmapKey.setValue(table, "")
        if let values {
            let normalized = values.map(PostgresText.nfc)
            sql += " AND value = ANY($2)"
            parameters.append(.storedArray(normalized))
            try forget(field: field, values: normalized)
        }
        let rows = try db.query(sql + " GROUP BY value", parameters)
        try storeValues(field: field, rows, Array(0..<rows.count), partial: values != nil)
        if values == nil {
            // Every friend holding some value.
            var held = RowBits(length: length)
            for r in 0..<rows.count { held.formUnion(bits(rows, r, 3)) }
            try store(RowBitmapKey.nonEmpty(table), held)
        } else {
            let nonEmpty = try db.query("""
                SELECT string_agg(int4send(friend), ''::bytea)
                FROM (SELECT DISTINCT friend FROM \(table) WHERE account = $1) held
                """, [.int4(account)])
            try store(RowBitmapKey.nonEmpty(table), bits(nonEmpty, 0, 0))
        }
    }

    /// The bitmaps of frequent properties (any value), of their frequent
    /// boolean values, and the string values of each property.
    func storeProperties() throws {
        let bools = try db.query("""
            SELECT integration, name, bool_value, string_agg(int4send(friend), ''::bytea) FROM properties
            WHERE account = $1 AND kind = $3 GROUP BY integration, name, bool_value HAVING count(*) >= $2
            """, [.int4(account), .int8(Int64(valueMinimum)), .int2(PostgresSchema.PropertyKind.bool.rawValue)])
        for r in 0..<bools.count {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(bools.int64(r, 0))) else { continue }
            try store(RowBitmapKey.propertyBool(integration, bools.string(r, 1), bools.bool(r, 2)), bits(bools, r, 3))
        }
        let held = try db.query("""
            SELECT integration, name, string_agg(int4send(friend), ''::bytea) FROM properties
            WHERE account = $1 GROUP BY integration, name HAVING count(*) >= $2
            """, [.int4(account), .int8(Int64(minimum))])
        for r in 0..<held.count {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(held.int64(r, 0))) else { continue }
            try store(RowBitmapKey.property(integration, held.string(r, 1)), bits(held, r, 2))
        }
        let values = try db.query("""
            SELECT text_value, (array_agg(text_folded))[1], count(*), string_agg(int4send(friend), ''::bytea), integration, name
            FROM properties WHERE account = $1 AND kind = $2 GROUP BY integration, name, text_value
            """, [.int4(account), .int2(PostgresSchema.PropertyKind.string.rawValue)])
        var byProperty: [String: [Int]] = [:]
        for r in 0..<values.count {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(values.int64(r, 4))) else { continue }
            byProperty[RowBitmapKey.propertyValue(integration, values.string(r, 5), ""), default: []].append(r)
        }
        for (field, rows) in byProperty { try storeValues(field: field, values, rows, partial: false) }
    }

    /// The bitmaps of frequent names and the dictionary of names.
    func storeNames() throws {
        let values = try db.query("""
            SELECT name, (array_agg(name_folded))[1], count(*), string_agg(int4send(row_id), ''::bytea) FROM friends
            WHERE account = $1 AND name IS NOT NULL GROUP BY name
            """, [.int4(account)])
        try storeValues(field: RowBitmapKey.nameValue(""), values, Array(0..<values.count), partial: false)
    }

    /// Stores the values of one field (`field`, the key prefix of their
    /// bitmaps) from the `indices` rows of (value, folded value, friends,
    /// row ids) in `rows`: a
    /// bitmap for each of the 256 most held values held by at least
    /// `valueMinimum` friends, and, when the field has at most
    /// `PostgresStore.dictionaryLimit` distinct values (or for a `partial`
    /// rewrite of some values), the field's dictionary in
    /// `row_value_dictionary` with the row ids of each value too rare for
    /// a bitmap. Text tests read the dictionary where the field's
    /// `dictionary:` marker is stored.
    private func storeValues(field: String, _ rows: PostgresRows, _ indices: [Int], partial: Bool) throws {
        let order = indices.sorted { rows.int64($0, 2) > rows.int64($1, 2) }
        let holders = order.reduce(0) { $0 + Int(rows.int64($1, 2)) }
        let dictionary = partial || order.count <= PostgresStore.dictionaryLimit(holders)
        if dictionary && !partial { try store(RowBitmapKey.dictionary(field), RowBits(length: 0)) }
        for (rank, r) in order.enumerated() {
            let value = rows.string(r, 0)
            let frequent = rows.int64(r, 2) >= Int64(valueMinimum) && (partial || rank < 256)
            if frequent { try store(field + value, bits(rows, r, 3)) }
            guard dictionary else { continue }
            let ids = frequent ? nil : Self.integers(rows.bytes(r, 3), width: 4).map { Int32($0) }
            try db.query("""
                INSERT INTO row_value_dictionary(account, field, value, folded, rows) VALUES ($1, $2, $3, $4, $5)
                """, [.int4(account), .stored(field), .stored(value), rows.isNull(r, 1) ? .null : .stored(rows.string(r, 1)),
                      ids.map { .int4Array($0) } ?? .null])
        }
    }

    /// Removes the bitmaps and dictionary entries of these values of a field.
    private func forget(field: String, values: [String]) throws {
        try db.query("DELETE FROM row_bitmaps WHERE account = $1 AND key = ANY($2)",
                     [.int4(account), .storedArray(values.map { field + $0 })])
        try db.query("DELETE FROM row_value_dictionary WHERE account = $1 AND field = $2 AND value = ANY($3)",
                     [.int4(account), .stored(field), .storedArray(values)])
    }

    /// Records the bitmaps' length and that they are fresh; a full rebuild
    /// also records the `layout` it built (a partial rewrite keeps the one
    /// the bitmaps have).
    func markFresh(layout: Int32?) throws {
        try db.query("""
            INSERT INTO row_bitmap_state(account, length, fresh, layout) VALUES ($1, $2, true, coalesce($3, 0))
            ON CONFLICT (account) DO UPDATE SET length = excluded.length, fresh = true,
                layout = coalesce($3, row_bitmap_state.layout)
            """, [.int4(account), .int4(Int32(length)), layout.map { .int4($0) } ?? .null])
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

    mutating func formUnion(_ other: RowBits) {
        for i in bytes.indices { bytes[i] |= other.bytes[i] }
    }

    mutating func insert(_ row: Int) {
        precondition(row >= 0 && row < length, "row \(row) outside a bitmap of \(length)")
        bytes[row >> 3] |= 0x80 >> UInt8(row & 7)
    }

    /// The bound `bit varying`.
    var value: PostgresValue { .bits(count: length, bytes: bytes) }
}
