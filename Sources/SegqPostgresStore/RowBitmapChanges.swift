import SegqStore

/// What a re-import changed in an account whose row bitmaps were fresh,
/// so only the bitmaps those changes reach are rewritten instead of
/// rebuilding every one.
///
/// For each row the import wrote, the values it held before
/// (`RowBitmapValue`, read back from the rows the import deleted: a
/// changed friend's old rows are deleted with `RETURNING`; nothing for a
/// new friend) and the values it holds now (from the record). `apply`
/// then:
/// - lengthens every bitmap when friends were appended;
/// - flips, in place (`bits # delta`), the rows whose membership changed
///   in every friend, linked flag, presence and non-empty bitmap, and in
///   each range column's bound bitmaps (the bounds stay where the last
///   full build put them: a range test reads its bound bitmap and
///   re-tests the rows between its value and the bound, so any bounds
///   answer exactly) and each number property's;
/// - rewrites from the server's rows the bitmaps and dictionary entries
///   of each set, name and string property value some row gained or lost
///   (`RowBitmapWriter.rewrite`), and the holder and boolean bitmaps of
///   each property some row gained, lost or changed.
struct RowBitmapChanges {
    /// For each row written, the values it held before the import; a row
    /// is here once its old rows were read (or it is new).
    private var before: [Int32: Set<RowBitmapValue>] = [:]
    /// For each row written, the values of the last record written there.
    private var after: [Int32: Set<RowBitmapValue>] = [:]

    /// Whether no row was written.
    var isEmpty: Bool { after.isEmpty }

    /// Records the values of the friend (stored form) written at `row`;
    /// `new`: the row held no friend before the import.
    mutating func wrote(_ friend: Friend, row: Int32, new: Bool) {
        var values = Set<RowBitmapValue>()
        RowBitmapValue.of(friend) { values.insert($0) }
        after[row] = values
        if new && before[row] == nil { before[row] = [] }
    }

    /// The `RETURNING` list of a `DELETE` from `table` for `deleted`.
    static func returning(_ table: String) -> String {
        if table == "friends" { return " RETURNING row_id, " + RowBitmapValue.friendColumns.joined(separator: ", ") }
        if table == "properties" { return " RETURNING friend, " + RowBitmapValue.propertyColumns.joined(separator: ", ") }
        return " RETURNING friend, value"
    }

    /// Records the rows deleted from every friend table (`deleted[table]`,
    /// read with `returning(table)`) for the friends at `rows`: what each
    /// held before the import, unless an earlier record of this import
    /// already wrote there (its old values were read then).
    mutating func deleted(rows: [Int32], _ deleted: [String: PostgresRows]) {
        let first = Set(rows.filter { before[$0] == nil })
        guard !first.isEmpty else { return }
        var old: [Int32: Set<RowBitmapValue>] = [:]
        for row in first { old[row] = [] }
        for (table, result) in deleted {
            for r in 0..<result.count {
                let row = Int32(truncatingIfNeeded: result.int64(r, 0))
                guard first.contains(row) else { continue }
                if table == "friends" {
                    RowBitmapValue.fromFriendRow(result, r, first: 1) { old[row]!.insert($0) }
                } else if table == "properties" {
                    if let value = RowBitmapValue.fromPropertyRow(result, r, first: 1) { old[row]!.insert(value) }
                } else if let set = PostgresSchema.setTables.firstIndex(where: { $0.table == table }) {
                    old[row]!.insert(.element(set, result.string(r, 1)))
                }
            }
        }
        before.merge(old) { kept, _ in kept }
    }

    /// Rewrites the bitmaps the changes reach (`writer.length`: the length
    /// now; `storedLength`: the bitmaps' length before the import).
    func apply(_ writer: RowBitmapWriter, db: PostgresConnection, account: Int32, storedLength: Int) throws {
        let length = writer.length
        if length > storedLength {
            let zeros = PostgresValue.bits(count: length - storedLength, bytes: [UInt8](repeating: 0, count: (length - storedLength + 7) / 8))
            for table in ["row_bitmaps", "row_range_bitmaps", "row_number_bitmaps"] {
                // Dictionary markers are empty bitmaps and stay so.
                try db.query("UPDATE \(table) SET bits = bits || $2 WHERE account = $1 AND length(bits) = $3",
                             [.int4(account), zeros, .int4(Int32(storedLength))])
            }
        }
        var flips: [String: [Int32]] = [:]
        var values: [RowBitmapValueField: Set<String>] = [:]
        var properties: Set<PropertyBitmap> = []
        var ranges = [[RangeChange<Int64>]](repeating: [], count: PostgresSchema.rangeColumns.count)
        var numbers: [PropertyName: [RangeChange<Double>]] = [:]
        for (row, now) in after {
            let was = before[row] ?? []
            for value in was.symmetricDifference(now) {
                switch value {
                case .row: flips[RowBitmapKey.all, default: []].append(row)
                case .flag(let i): flips[RowBitmapKey.flag(PostgresSchema.flagColumns[i]), default: []].append(row)
                case .present(let i): flips[RowBitmapKey.present(PostgresSchema.nullableTextColumns[i]), default: []].append(row)
                case .element(let i, let v): values[.element(i), default: []].insert(v)
                case .name(let v): values[.name, default: []].insert(v)
                case .range: break
                case .property(let integration, let name, let v):
                    switch v {
                    case .string(let s): values[.property(integration, name), default: []].insert(s)
                    case .bool(let b): properties.insert(PropertyBitmap(integration: integration, name: name, bool: b))
                    case .number: break
                    }
                }
            }
            for (i, set) in PostgresSchema.setTables.enumerated() where Self.holdsElement(was, i) != Self.holdsElement(now, i) {
                flips[RowBitmapKey.nonEmpty(set.table), default: []].append(row)
            }
            for (i, column) in PostgresSchema.rangeColumns.enumerated() {
                let old = Self.range(was, i), new = Self.range(now, i)
                if old == new { continue }
                ranges[i].append(RangeChange(row: row, old: old, new: new))
                if PostgresSchema.nullableRangeColumns.contains(column) && (old == nil) != (new == nil) {
                    flips[RowBitmapKey.present(column), default: []].append(row)
                }
            }
            let oldProperties = Self.properties(was), newProperties = Self.properties(now)
            for key in Set(oldProperties.keys).union(newProperties.keys) {
                let old = oldProperties[key], new = newProperties[key]
                if (old == nil) != (new == nil) {
                    properties.insert(PropertyBitmap(integration: key.integration, name: key.name, bool: nil))
                }
                let oldNumber = old.flatMap(Self.number), newNumber = new.flatMap(Self.number)
                if oldNumber != newNumber {
                    numbers[key, default: []].append(RangeChange(row: row, old: oldNumber, new: newNumber))
                }
            }
        }
        for (key, rows) in flips {
            let updated = try db.query("UPDATE row_bitmaps SET bits = bits # $3 WHERE account = $1 AND key = $2",
                                       [.int4(account), .stored(key), Self.bits(rows, length: length).value])
            if updated.affected != 1 { throw PostgresError.store("the row bitmap \(key) of account \(account) is missing") }
        }
        let bounds = try db.query("SELECT column_name, bound FROM row_range_bitmaps WHERE account = $1", [.int4(account)])
        for r in 0..<bounds.count {
            guard let i = PostgresSchema.rangeColumns.firstIndex(of: bounds.string(r, 0)), !ranges[i].isEmpty else { continue }
            let bound = bounds.int64(r, 1)
            let rows = ranges[i].filter { $0.flips(at: bound) }.map(\.row)
            if rows.isEmpty { continue }
            try db.query("UPDATE row_range_bitmaps SET bits = bits # $4 WHERE account = $1 AND column_name = $2 AND bound = $3",
                         [.int4(account), .text(bounds.string(r, 0)), .int8(bound), Self.bits(rows, length: length).value])
        }
        try applyNumbers(numbers, writer, db: db, account: account)
        for (field, changed) in values { try writer.rewrite(field, values: changed.sorted()) }
        for property in properties { try writer.rewriteProperty(property.integration, property.name, bool: property.bool) }
        try writer.markFresh(layout: nil)
    }

    /// The number properties' bound bitmaps: flipped where they are
    /// stored, built from the property's rows where they are not (the
    /// property may now be held by enough friends to have them).
    private func applyNumbers(_ changes: [PropertyName: [RangeChange<Double>]], _ writer: RowBitmapWriter,
                              db: PostgresConnection, account: Int32) throws {
        guard !changes.isEmpty else { return }
        var numbers: [String: (property: PropertyName, changes: [RangeChange<Double>])] = [:]
        for (property, changed) in changes { numbers[RowBitmapKey.property(property.integration, property.name)] = (property, changed) }
        let bounds = try db.query("SELECT key, bound FROM row_number_bitmaps WHERE account = $1 AND key = ANY($2)",
                                  [.int4(account), .storedArray(numbers.keys.sorted())])
        var stored: Set<String> = []
        for r in 0..<bounds.count {
            let key = bounds.string(r, 0), bound = bounds.double(r, 1)
            stored.insert(key)
            let rows = (numbers[key]?.changes ?? []).filter { $0.flips(at: bound) }.map(\.row)
            if rows.isEmpty { continue }
            try db.query("UPDATE row_number_bitmaps SET bits = bits # $4 WHERE account = $1 AND key = $2 AND bound = $3",
                         [.int4(account), .stored(key), .float8(bound), Self.bits(rows, length: writer.length).value])
        }
        for (key, number) in numbers where !stored.contains(key) {
            let rows = try db.query("""
                SELECT string_agg(int4send(friend), ''::bytea), string_agg(float8send(number_value), ''::bytea)
                FROM properties WHERE account = $1 AND integration = $2 AND name = $3 AND kind = $4
                """, [.int4(account), .int2(number.property.integration.rawValue), .stored(number.property.name),
                      .int2(PostgresSchema.PropertyKind.number.rawValue)])
            guard !rows.isNull(0, 0) else { continue }
            try writer.storeNumberBounds(key, ids: RowBitmapWriter.integers(rows.bytes(0, 0), width: 4),
                                         values: RowBitmapWriter.integers(rows.bytes(0, 1), width: 8)
                                            .map { Double(bitPattern: UInt64(bitPattern: $0)) },
                                         bounds: PostgresStore.rangeBoundCount)
        }
    }

    /// A property whose holder bitmap (`bool` nil) or boolean value's bitmap is rewritten.
    private struct PropertyBitmap: Hashable {
        let integration: PostgresSchema.PropertyIntegration
        let name: String
        let bool: Bool?
    }

    private struct PropertyName: Hashable {
        let integration: PostgresSchema.PropertyIntegration
        let name: String
    }

    /// A row whose value of a range column (or number property) changed; nil: none.
    private struct RangeChange<Value: Comparable> {
        let row: Int32
        let old: Value?
        let new: Value?

        /// Whether the row enters or leaves the bound bitmap of `bound` (the rows below it).
        func flips(at bound: Value) -> Bool { ((old.map { $0 < bound }) ?? false) != ((new.map { $0 < bound }) ?? false) }
    }

    private static func holdsElement(_ values: Set<RowBitmapValue>, _ set: Int) -> Bool {
        values.contains { if case .element(set, _) = $0 { return true } else { return false } }
    }

    private static func range(_ values: Set<RowBitmapValue>, _ column: Int) -> Int64? {
        for case .range(column, let v) in values { return v }
        return nil
    }

    private static func properties(_ values: Set<RowBitmapValue>) -> [PropertyName: PropertyValue] {
        var out: [PropertyName: PropertyValue] = [:]
        for case .property(let integration, let name, let v) in values { out[PropertyName(integration: integration, name: name)] = v }
        return out
    }

    private static func number(_ value: PropertyValue) -> Double? {
        if case .number(let n) = value { return n }
        return nil
    }

    private static func bits(_ rows: [Int32], length: Int) -> RowBits {
        var bits = RowBits(length: length)
        for row in rows { bits.insert(Int(row)) }
        return bits
    }
}
