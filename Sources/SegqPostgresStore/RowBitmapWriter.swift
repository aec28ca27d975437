import SegqStore

/// Writes bitmaps of one account (see `PostgresStore.rebuildRowBitmaps`).
final class RowBitmapWriter {
    private let db: PostgresConnection
    private let account: Int32
    /// Bits per bitmap: the highest row id + 1.
    let length: Int
    /// The least number of holders of a property with a stored bitmap (`PostgresStore.bitmapMinimumFriends`).
    let minimum: Int
    /// The least number of holders of a value with a stored bitmap (`PostgresStore.valueBitmapMinimumFriends`).
    let valueMinimum: Int

    /// `length`: the bitmaps' length when the caller knows it (an import
    /// that wrote every row), else read from the friends.
    init(db: PostgresConnection, account: Int32, replacingAll: Bool, length known: Int? = nil) throws {
        self.db = db
        self.account = account
        length = try known ?? Int(db.query("SELECT coalesce(max(row_id) + 1, 0) FROM friends WHERE account = $1",
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
    func storeRange(_ column: String, ids unsortedIDs: [Int64], values unsortedValues: [Int64], bounds count: Int) throws {
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
            let values = Self.integers(rows.bytes(r, 3), width: 8).map { Double(bitPattern: UInt64(bitPattern: $0)) }
            try storeNumberBounds(RowBitmapKey.property(integration, rows.string(r, 1)),
                                  ids: Self.integers(rows.bytes(r, 2), width: 4), values: values, bounds: count)
        }
    }

    /// The bound bitmaps of one number property (`key`, `RowBitmapKey.property`)
    /// from its holders' row ids and numbers, when at least the minimum of
    /// friends hold one.
    func storeNumberBounds(_ key: String, ids unsortedIDs: [Int64], values unsorted: [Double], bounds count: Int) throws {
        guard unsorted.count >= minimum else { return }
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
        let field = RowBitmapKey.setValue(table, "")
        if let values {
            guard let index = PostgresSchema.setTables.firstIndex(where: { $0.table == table }) else { return }
            try rewrite(.element(index), values: values.map(PostgresText.nfc))
            let nonEmpty = try db.query("""
                SELECT string_agg(int4send(friend), ''::bytea)
                FROM (SELECT DISTINCT friend FROM \(table) WHERE account = $1) held
                """, [.int4(account)])
            try store(RowBitmapKey.nonEmpty(table), bits(nonEmpty, 0, 0))
            return
        }
        let groups = Self.valueRows(try db.query("""
            SELECT value, (array_agg(value_folded))[1], string_agg(int4send(friend), ''::bytea) FROM \(table)
            WHERE account = $1 GROUP BY value
            """, [.int4(account)]))
        try storeValues(field: field, groups, partial: nil)
        // Every friend holding some value.
        var held = RowBits(length: length)
        for group in groups { for id in group.rows { held.insert(Int(id)) } }
        try store(RowBitmapKey.nonEmpty(table), held)
    }

    /// Rewrites the bitmaps and dictionary entries of some values of a
    /// field from the friends holding them
    /// now: a value no friend holds loses them, one held by enough friends
    /// gets a bitmap, the others are listed in the field's dictionary when
    /// it has one.
    func rewrite(_ field: RowBitmapValueField, values: [String]) throws {
        guard !values.isEmpty else { return }
        try forget(field: field.key, values: values)
        let source: String, column: String
        var parameters: [PostgresValue] = [.int4(account), .storedArray(values)]
        switch field {
        case .element(let table):
            (source, column) = ("\(PostgresSchema.setTables[table].table) WHERE account = $1", "value")
        case .name:
            (source, column) = ("friends WHERE account = $1", "name")
        case .property(let integration, let name):
            (source, column) = ("properties WHERE account = $1 AND kind = $3 AND integration = $4 AND name = $5", "text")
            parameters += [.int2(PostgresSchema.PropertyKind.string.rawValue), .int2(integration.rawValue), .stored(name)]
        }
        let value = column == "text" ? "text_value" : column
        let folded = column == "text" ? "text_folded" : column + "_folded"
        let rows = Self.valueRows(try db.query("""
            SELECT \(value), (array_agg(\(folded)))[1], string_agg(int4send(\(field == .name ? "row_id" : "friend")), ''::bytea)
            FROM \(source) AND \(value) = ANY($2) GROUP BY \(value)
            """, parameters))
        let marked = try db.query("SELECT FROM row_bitmaps WHERE account = $1 AND key = $2",
                                  [.int4(account), .stored(RowBitmapKey.dictionary(field.key))]).count == 1
        // A field whose every value is rewritten (a new one) is built whole, its dictionary decided as a full build decides it.
        let others = try marked || (db.query("SELECT EXISTS (SELECT FROM \(source) AND \(value) IS NOT NULL AND \(value) <> ALL($2))",
                                             parameters)).bool(0, 0)
        try storeValues(field: field.key, rows, partial: others ? marked : nil)
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
            SELECT text_value, (array_agg(text_folded))[1], string_agg(int4send(friend), ''::bytea), integration, name
            FROM properties WHERE account = $1 AND kind = $2 GROUP BY integration, name, text_value
            """, [.int4(account), .int2(PostgresSchema.PropertyKind.string.rawValue)])
        var byProperty: [String: [ValueRows]] = [:]
        for (r, group) in Self.valueRows(values).enumerated() {
            guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(values.int64(r, 3))) else { continue }
            byProperty[RowBitmapKey.propertyValue(integration, values.string(r, 4), ""), default: []].append(group)
        }
        for (field, groups) in byProperty { try storeValues(field: field, groups, partial: nil) }
    }

    /// The bitmap of one property's holders (`has:`) when held by at least
    /// the minimum of friends, and of its boolean `value` (`bool:`) when
    /// `value` is given and held by at least the value minimum; otherwise
    /// none (queries read the property's rows).
    func rewriteProperty(_ integration: PostgresSchema.PropertyIntegration, _ name: String, bool value: Bool?) throws {
        let key = value.map { RowBitmapKey.propertyBool(integration, name, $0) } ?? RowBitmapKey.property(integration, name)
        var sql = "SELECT count(*), string_agg(int4send(friend), ''::bytea) FROM properties WHERE account = $1 AND integration = $2 AND name = $3"
        var parameters: [PostgresValue] = [.int4(account), .int2(integration.rawValue), .stored(name)]
        if let value {
            sql += " AND kind = $4 AND bool_value = $5"
            parameters += [.int2(PostgresSchema.PropertyKind.bool.rawValue), .bool(value)]
        }
        let rows = try db.query(sql, parameters)
        try db.query("DELETE FROM row_bitmaps WHERE account = $1 AND key = $2", [.int4(account), .stored(key)])
        if rows.int64(0, 0) >= Int64(value == nil ? minimum : valueMinimum) { try store(key, bits(rows, 0, 1)) }
    }

    /// The bitmaps of frequent names and the dictionary of names.
    func storeNames() throws {
        let values = try db.query("""
            SELECT name, (array_agg(name_folded))[1], string_agg(int4send(row_id), ''::bytea) FROM friends
            WHERE account = $1 AND name IS NOT NULL GROUP BY name
            """, [.int4(account)])
        try storeValues(field: RowBitmapKey.nameValue(""), Self.valueRows(values), partial: nil)
    }

    /// One value of a field and the row ids of the friends holding it.
    struct ValueRows {
        let value: String
        /// The stored folded copy (nil where folding changes nothing).
        let folded: String?
        let rows: [Int32]
    }

    /// The groups of rows of (value, folded value, row ids as 4-byte integers).
    private static func valueRows(_ rows: PostgresRows) -> [ValueRows] {
        (0..<rows.count).map { r in
            ValueRows(value: rows.string(r, 0), folded: rows.optionalString(r, 1),
                      rows: rows.isNull(r, 2) ? [] : integers(rows.bytes(r, 2), width: 4).map { Int32($0) })
        }
    }

    /// Stores the values of one field (`field`, the key prefix of their
    /// bitmaps): a bitmap for each of the 256 most held values held by at
    /// least `valueMinimum` friends (most held first, ties in byte order),
    /// and, when the field has at most `PostgresStore.dictionaryLimit`
    /// distinct values, the field's dictionary in `row_value_dictionary`
    /// with the row ids of each value too rare for a bitmap. Text tests
    /// read the dictionary where the field's `dictionary:` marker is
    /// stored. A `partial` rewrite of some values of a field (non-nil:
    /// whether the field has its marker) stores a bitmap for each held by
    /// enough friends, and dictionary entries where the field has its marker.
    func storeValues(field: String, _ groups: [ValueRows], partial marked: Bool?) throws {
        let order = groups.sorted {
            $0.rows.count != $1.rows.count ? $0.rows.count > $1.rows.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8)
        }
        let holders = order.reduce(0) { $0 + $1.rows.count }
        let partial = marked != nil
        let dictionary = marked ?? (order.count <= PostgresStore.dictionaryLimit(holders))
        if dictionary && !partial { try store(RowBitmapKey.dictionary(field), RowBits(length: 0)) }
        for (rank, group) in order.enumerated() {
            let frequent = group.rows.count >= valueMinimum && (partial || rank < 256)
            if frequent {
                var bits = RowBits(length: length)
                for id in group.rows { bits.insert(Int(id)) }
                try store(field + group.value, bits)
            }
            guard dictionary else { continue }
            try db.query("""
                INSERT INTO row_value_dictionary(account, field, value, folded, rows) VALUES ($1, $2, $3, $4, $5)
                """, [.int4(account), .stored(field), .stored(group.value), .storedOrNull(group.folded),
                      frequent ? .null : .int4Array(group.rows)])
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

    func store(_ key: String, _ bits: RowBits) throws {
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
