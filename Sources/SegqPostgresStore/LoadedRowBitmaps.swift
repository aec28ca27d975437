import SegqStore

/// The row bitmaps of an account whose every row one import writes (its
/// first import, or a replacing one), gathered from the records as they
/// are written: the values of each bitmap (`RowBitmapValue`) with their
/// row ids, so the bitmaps are built here instead of read back from the
/// server's tables after the load. `store` writes what a full rebuild
/// (`PostgresStore.rebuildRowBitmaps(account:in:)`) would.
struct LoadedRowBitmaps {
    /// Bits per bitmap: one past the highest row written.
    private(set) var length = 0
    private var rows: [Int32] = []
    private var flags = [[Int32]](repeating: [], count: PostgresSchema.flagColumns.count)
    private var present = [[Int32]](repeating: [], count: PostgresSchema.nullableTextColumns.count)
    private var rangeRows = [[Int32]](repeating: [], count: PostgresSchema.rangeColumns.count)
    private var rangeValues = [[Int64]](repeating: [], count: PostgresSchema.rangeColumns.count)
    private var elements = [[String: [Int32]]](repeating: [:], count: PostgresSchema.setTables.count)
    private var names: [String: [Int32]] = [:]
    private var properties: [PropertyName: PropertyRows] = [:]

    private struct PropertyName: Hashable {
        let integration: PostgresSchema.PropertyIntegration
        let name: String
    }

    private struct PropertyRows {
        /// Holders of any value.
        var held: [Int32] = []
        var strings: [String: [Int32]] = [:]
        var bools: [Bool: [Int32]] = [:]
        var numberRows: [Int32] = []
        var numbers: [Double] = []
    }

    /// Adds the values of the friend (stored form) written at `row`; each row once.
    mutating func add(_ friend: Friend, row: Int32) {
        length = max(length, Int(row) + 1)
        RowBitmapValue.of(friend) { value in
            switch value {
            case .row: rows.append(row)
            case .flag(let i): flags[i].append(row)
            case .present(let i): present[i].append(row)
            case .range(let i, let v):
                rangeRows[i].append(row)
                rangeValues[i].append(v)
            case .element(let i, let v): elements[i][v, default: []].append(row)
            case .name(let v): names[v, default: []].append(row)
            case .property(let integration, let name, let v):
                let key = PropertyName(integration: integration, name: name)
                properties[key, default: PropertyRows()].held.append(row)
                switch v {
                case .string(let s): properties[key]!.strings[s, default: []].append(row)
                case .bool(let b): properties[key]!.bools[b, default: []].append(row)
                case .number(let n):
                    properties[key]!.numberRows.append(row)
                    properties[key]!.numbers.append(n)
                }
            }
        }
    }

    /// Writes every bitmap of the account (through `writer`, whose length
    /// must be `length`; its tables already empty) and marks them fresh in
    /// this segq's layout.
    func store(_ writer: RowBitmapWriter, bounds: Int) throws {
        precondition(writer.length == length, "bitmaps of \(writer.length) bits for \(length) rows")
        try writer.store(RowBitmapKey.all, bits(rows))
        for (i, column) in PostgresSchema.flagColumns.enumerated() { try writer.store(RowBitmapKey.flag(column), bits(flags[i])) }
        for (i, column) in PostgresSchema.nullableTextColumns.enumerated() {
            try writer.store(RowBitmapKey.present(column), bits(present[i]))
        }
        for (i, column) in PostgresSchema.rangeColumns.enumerated() {
            try writer.storeRange(column, ids: rangeRows[i].map(Int64.init), values: rangeValues[i], bounds: bounds)
        }
        for (i, set) in PostgresSchema.setTables.enumerated() {
            try writer.storeValues(field: RowBitmapValueField.element(i).key, groups(elements[i]), partial: nil)
            var held = RowBits(length: length)
            for rows in elements[i].values { for row in rows { held.insert(Int(row)) } }
            try writer.store(RowBitmapKey.nonEmpty(set.table), held)
        }
        for (key, property) in properties {
            for (value, rows) in property.bools where rows.count >= writer.valueMinimum {
                try writer.store(RowBitmapKey.propertyBool(key.integration, key.name, value), bits(rows))
            }
            if property.held.count >= writer.minimum {
                try writer.store(RowBitmapKey.property(key.integration, key.name), bits(property.held))
            }
            if !property.strings.isEmpty {
                try writer.storeValues(field: RowBitmapValueField.property(key.integration, key.name).key,
                                       groups(property.strings), partial: nil)
            }
            try writer.storeNumberBounds(RowBitmapKey.property(key.integration, key.name), ids: property.numberRows.map(Int64.init),
                                         values: property.numbers, bounds: bounds)
        }
        try writer.storeValues(field: RowBitmapValueField.name.key, groups(names), partial: nil)
        try writer.markFresh(layout: PostgresSchema.rowBitmapLayout)
    }

    private func bits(_ rows: [Int32]) -> RowBits {
        var bits = RowBits(length: length)
        for row in rows { bits.insert(Int(row)) }
        return bits
    }

    private func groups(_ values: [String: [Int32]]) -> [RowBitmapWriter.ValueRows] {
        values.map { RowBitmapWriter.ValueRows(value: $0.key, folded: PostgresText.foldedCopy($0.key), rows: $0.value) }
    }
}
