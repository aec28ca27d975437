import SegqStore
import SegqSemantics

/// One HubSpot or Klaviyo property. A property may hold values of
/// different kinds on different friends, so each kind has its own column;
/// a test with a string operand sees only the string values, a numeric
/// operand only the numbers, a bool operand only the booleans.
struct PropertyColumn: Sendable {
    let strings: StringColumn?
    let numbers: OrderedColumn<Double>?
    /// Rows holding `true` / `false`.
    let trueRows: Bitmap?
    let falseRows: Bitmap?
    /// Rows holding any value.
    let presence: Bitmap

    /// The property's type for the schema (Grammar/README.md "Fields"): all numbers →
    /// number, all booleans → bool, otherwise string.
    var valueType: ValueType {
        let hasStrings = strings != nil, hasNumbers = numbers != nil, hasBools = trueRows != nil
        if hasNumbers && !hasStrings && !hasBools { return .number }
        if hasBools && !hasStrings && !hasNumbers { return .bool }
        return .string
    }

    func value(at row: Int) -> PropertyValue? {
        guard presence.contains(row) else { return nil }
        if let s = strings?.value(at: row) { return .string(s) }
        if let d = numbers?.value(at: row) { return .number(d) }
        if let t = trueRows, t.contains(row) { return .bool(true) }
        if let f = falseRows, f.contains(row) { return .bool(false) }
        return nil
    }

    var memoryFootprint: Int {
        (strings?.memoryFootprint ?? 0) + (numbers?.memoryFootprint ?? 0) + presence.words.capacity * 8
            + ((trueRows?.words.capacity ?? 0) + (falseRows?.words.capacity ?? 0)) * 8
    }
}

struct PropertyColumnBuilder {
    private var strings: StringColumnBuilder?
    private var numbers: OrderedColumnBuilder<Double>?
    private var trueRows: BitmapBuilder?
    private var falseRows: BitmapBuilder?

    mutating func append(_ value: PropertyValue, row: Int) {
        switch value {
        case .string(let s):
            if strings == nil { strings = StringColumnBuilder() }
            strings?.append(s, row: row)
        case .number(let d):
            guard !d.isNaN else { return }
            if numbers == nil { numbers = OrderedColumnBuilder() }
            numbers?.append(d == 0 ? 0 : d, row: row)   // -0.0 and 0.0 are one value
        case .bool(let b):
            if trueRows == nil { trueRows = BitmapBuilder(); falseRows = BitmapBuilder() }
            if b { trueRows?.insert(row) } else { falseRows?.insert(row) }
        }
    }

    /// The code of this (NFC) string value in the property's string column.
    mutating func stringCode(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if strings == nil { strings = StringColumnBuilder() }
        return strings?.code(of: bytes) ?? -1
    }

    /// Appends a string value by its code (from `stringCode(of:)`).
    mutating func appendString(code: Int32, row: Int) {
        guard code >= 0 else { return }
        strings?.append(code: code, row: row)
    }

    func build(rowCount: Int) -> PropertyColumn {
        let strings = self.strings?.build(rowCount: rowCount)
        let numbers = self.numbers?.build(rowCount: rowCount)
        let t = trueRows?.build(count: rowCount), f = falseRows?.build(count: rowCount)
        var presence = Bitmap(count: rowCount)
        for b in [strings?.presence.bitmap, numbers?.presence.bitmap, t, f].compactMap({ $0 }) { presence.formUnion(b) }
        return PropertyColumn(strings: strings, numbers: numbers, trueRows: t, falseRows: f, presence: presence)
    }
}
