import SegqStore

/// One thing a friend row adds to its account's row bitmaps
/// (`PostgresSchema+RowBitmaps.swift`). The same values come from a record
/// being imported (`of(_:_:)`) and from rows read back from the server
/// (`RowBitmapChanges`), so bitmaps built from either agree.
enum RowBitmapValue: Hashable {
    /// The row is a friend (`RowBitmapKey.all`).
    case row
    /// A true linked flag: `PostgresSchema.flagColumns[i]`.
    case flag(Int)
    /// A present nullable friend string: `PostgresSchema.nullableTextColumns[i]`.
    case present(Int)
    /// The value of a range column that is not NULL: `PostgresSchema.rangeColumns[i]`.
    case range(Int, Int64)
    /// An element of a set table: `PostgresSchema.setTables[i]`.
    case element(Int, String)
    /// The friend's name (also the empty string).
    case name(String)
    /// A property and its value.
    case property(PostgresSchema.PropertyIntegration, String, PropertyValue)

    private static func flag(_ column: String) -> Int { PostgresSchema.flagColumns.firstIndex(of: column)! }
    private static func text(_ column: String) -> Int { PostgresSchema.nullableTextColumns.firstIndex(of: column)! }
    private static func range(_ column: String) -> Int { PostgresSchema.rangeColumns.firstIndex(of: column)! }

    /// The values of a friend in its stored form (strings NFC, set values
    /// distinct), as the import writes its rows (`PostgresFriendWriter`).
    static func of(_ friend: Friend, _ visit: (RowBitmapValue) -> Void) {
        visit(.row)
        if let name = friend.name {
            visit(.present(text("name")))
            visit(.name(name))
        }
        visit(.range(range("added_ms"), friend.addedAt))
        for tag in friend.tags { visit(.element(0, tag)) }
        if let shopify = friend.shopify {
            visit(.flag(flag("shopify_linked")))
            if shopify.id != nil { visit(.present(text("shopify_id"))) }
            visit(.range(range("shopify_purchases"), shopify.purchases))
            if let at = shopify.lastPurchaseAt { visit(.range(range("shopify_last_purchase_ms"), at)) }
            if let at = shopify.abandonedCartAt { visit(.range(range("shopify_cart_abandoned_ms"), at)) }
            for tag in shopify.tags { visit(.element(1, tag)) }
        }
        if let hubspot = friend.hubspot {
            visit(.flag(flag("hubspot_linked")))
            if hubspot.id != nil { visit(.present(text("hubspot_id"))) }
            for list in hubspot.lists { visit(.element(2, list)) }
            for (name, value) in hubspot.properties { visit(.property(.hubspot, name, value)) }
        }
        if let klaviyo = friend.klaviyo {
            visit(.flag(flag("klaviyo_linked")))
            if klaviyo.id != nil { visit(.present(text("klaviyo_id"))) }
            for list in klaviyo.lists { visit(.element(3, list)) }
            for (name, value) in klaviyo.properties { visit(.property(.klaviyo, name, value)) }
        }
    }

    /// The `friends` columns `fromFriendRow` reads, after `row_id`.
    static let friendColumns = ["name"] + PostgresSchema.flagColumns
        + PostgresSchema.nullableTextColumns.dropFirst().map { "\($0) IS NOT NULL" } + PostgresSchema.rangeColumns

    /// The values of a `friends` row read as `friendColumns` from `first` on.
    static func fromFriendRow(_ rows: PostgresRows, _ r: Int, first: Int, _ visit: (RowBitmapValue) -> Void) {
        visit(.row)
        var c = first
        if !rows.isNull(r, c) {
            visit(.present(text("name")))
            visit(.name(rows.string(r, c)))
        }
        c += 1
        for i in PostgresSchema.flagColumns.indices {
            if rows.bool(r, c) { visit(.flag(i)) }
            c += 1
        }
        for i in PostgresSchema.nullableTextColumns.indices.dropFirst() {
            if rows.bool(r, c) { visit(.present(i)) }
            c += 1
        }
        for i in PostgresSchema.rangeColumns.indices {
            if let v = rows.optionalInt64(r, c) { visit(.range(i, v)) }
            c += 1
        }
    }

    /// The `properties` columns `fromPropertyRow` reads, after `friend`.
    static let propertyColumns = ["integration", "name", "kind", "text_value", "number_value", "bool_value"]

    /// The value of a `properties` row read as `propertyColumns` from `first` on.
    static func fromPropertyRow(_ rows: PostgresRows, _ r: Int, first c: Int) -> RowBitmapValue? {
        guard let integration = PostgresSchema.PropertyIntegration(rawValue: Int16(rows.int64(r, c))),
              let kind = PostgresSchema.PropertyKind(rawValue: Int16(rows.int64(r, c + 2))) else { return nil }
        let value: PropertyValue
        switch kind {
        case .string: value = .string(rows.string(r, c + 3))
        case .number: value = .number(rows.double(r, c + 4))
        case .bool: value = .bool(rows.bool(r, c + 5))
        }
        return .property(integration, rows.string(r, c + 1), value)
    }
}

/// A field whose values each may have a bitmap and a dictionary entry
/// (`RowBitmapWriter.storeValues`).
enum RowBitmapValueField: Hashable {
    /// A set table: `PostgresSchema.setTables[i]`.
    case element(Int)
    case name
    /// A property's string values.
    case property(PostgresSchema.PropertyIntegration, String)

    /// The key prefix of the values' bitmaps (and the dictionary's `field`).
    var key: String {
        switch self {
        case .element(let table): return RowBitmapKey.setValue(PostgresSchema.setTables[table].table, "")
        case .name: return RowBitmapKey.nameValue("")
        case .property(let integration, let name): return RowBitmapKey.propertyValue(integration, name, "")
        }
    }
}
