import SegqStore
/// The columns of a CRM integration (HubSpot or Klaviyo).
struct CRMColumns: Sendable {
    let linked: Bitmap
    let id: PlainStringColumn
    let lists: SetColumn
    let properties: [String: PropertyColumn]
    /// Property names in sorted order (stable materialisation and statistics).
    let propertyNames: [String]

    func data(at row: Int) -> CRMData? {
        guard linked.contains(row) else { return nil }
        var props: [String: PropertyValue] = [:]
        for name in propertyNames {
            if let v = properties[name]?.value(at: row) { props[name] = v }
        }
        return CRMData(id: id.value(at: row), lists: lists.elements(at: row) ?? [], properties: props)
    }
}

struct CRMColumnsBuilder {
    var linked = BitmapBuilder()
    var id = PlainStringColumnBuilder()
    var lists = SetColumnBuilder()
    /// Property builders in first-seen order, found by name: accounts have
    /// a handful of properties, so a linear search (string equality on
    /// short names) beats hashing each name of each friend.
    var propertyNames: [String] = []
    var propertyBuilders: [PropertyColumnBuilder] = []
    var propertyIndex: [String: Int] = [:]

    mutating func append(_ data: CRMData, row: Int) {
        linked.insert(row)
        if let v = data.id { id.append(v, row: row) }
        lists.append(data.lists, row: row)
        for (name, value) in data.properties {
            let i = slot(of: name)
            propertyBuilders[i].append(value, row: row)
        }
    }

    mutating func slot(of name: String) -> Int {
        if propertyNames.count <= 16 {
            if let i = propertyNames.firstIndex(of: name) { return i }
        } else if let i = propertyIndex[name] {
            return i
        }
        propertyNames.append(name)
        propertyBuilders.append(PropertyColumnBuilder())
        propertyIndex[name] = propertyNames.count - 1
        return propertyNames.count - 1
    }

    func build(rowCount: Int) -> CRMColumns {
        var props: [String: PropertyColumn] = [:]
        for (name, builder) in zip(propertyNames, propertyBuilders) { props[name] = builder.build(rowCount: rowCount) }
        return CRMColumns(linked: linked.build(count: rowCount), id: id.build(rowCount: rowCount),
                          lists: lists.build(rowCount: rowCount), properties: props,
                          propertyNames: props.keys.sorted())
    }
}

/// The Shopify columns. `purchases` is present exactly on linked rows.
struct ShopifyColumns: Sendable {
    let linked: Bitmap
    let id: PlainStringColumn
    let tags: SetColumn
    let purchases: OrderedColumn<Int64>
    let lastPurchaseAt: OrderedColumn<Int64>
    let abandonedCartAt: OrderedColumn<Int64>

    func data(at row: Int) -> ShopifyData? {
        guard linked.contains(row) else { return nil }
        return ShopifyData(id: id.value(at: row), tags: tags.elements(at: row) ?? [],
                           purchases: purchases.value(at: row) ?? 0,
                           lastPurchaseAt: lastPurchaseAt.value(at: row), abandonedCartAt: abandonedCartAt.value(at: row))
    }
}

struct ShopifyColumnsBuilder {
    var linked = BitmapBuilder()
    var id = PlainStringColumnBuilder()
    var tags = SetColumnBuilder()
    var purchases = OrderedColumnBuilder<Int64>()
    var lastPurchaseAt = OrderedColumnBuilder<Int64>()
    var abandonedCartAt = OrderedColumnBuilder<Int64>()

    mutating func append(_ data: ShopifyData, row: Int) {
        linked.insert(row)
        if let v = data.id { id.append(v, row: row) }
        tags.append(data.tags, row: row)
        purchases.append(data.purchases, row: row)
        if let t = data.lastPurchaseAt { lastPurchaseAt.append(t, row: row) }
        if let t = data.abandonedCartAt { abandonedCartAt.append(t, row: row) }
    }

    func build(rowCount: Int) -> ShopifyColumns {
        ShopifyColumns(linked: linked.build(count: rowCount), id: id.build(rowCount: rowCount),
                       tags: tags.build(rowCount: rowCount), purchases: purchases.build(rowCount: rowCount),
                       lastPurchaseAt: lastPurchaseAt.build(rowCount: rowCount),
                       abandonedCartAt: abandonedCartAt.build(rowCount: rowCount))
    }
}
