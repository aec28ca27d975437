import SegqStore

/// Reading the account's friends back as `Friend` values.
extension PostgresStore {
    private static let friendColumns = """
        row_id, id, name, added_ms, shopify_linked, shopify_id, shopify_purchases,
        shopify_last_purchase_ms, shopify_cart_abandoned_ms, hubspot_linked, hubspot_id,
        klaviyo_linked, klaviyo_id
        """

    /// Every friend of the account, in row-id order.
    public func allFriends() throws -> [Friend] {
        try readFriends(rowIDs: nil).map(\.friend)
    }

    /// The friends with the given row ids, in the order given (ids with no friend are skipped).
    public func friends(rowIDs: [Int]) throws -> [Friend] {
        var byRow: [Int: Friend] = [:]
        for (row, friend) in try readFriends(rowIDs: rowIDs.map { Int32(clamping: $0) }) { byRow[row] = friend }
        return rowIDs.compactMap { byRow[$0] }
    }

    /// The friends with the given row ids (all when nil), with their sets
    /// and properties, in row-id order.
    private func readFriends(rowIDs: [Int32]?) throws -> [(row: Int, friend: Friend)] {
        var bound: [PostgresValue] = [.int4(account)]
        if let rowIDs { bound.append(.int4Array(rowIDs)) }
        func only(_ column: String) -> String { rowIDs == nil ? "" : "AND \(column) = ANY($2)" }
        let base = try db.query("SELECT \(Self.friendColumns) FROM friends WHERE account = $1 \(only("row_id")) ORDER BY row_id",
                                bound)
        var friends: [Friend] = []
        var index: [Int: Int] = [:]
        friends.reserveCapacity(base.count)
        for r in 0..<base.count {
            var friend = Friend(id: base.string(r, 1), name: base.optionalString(r, 2), addedAt: base.int64(r, 3))
            if base.bool(r, 4) {
                friend.shopify = ShopifyData(id: base.optionalString(r, 5), purchases: base.optionalInt64(r, 6) ?? 0,
                                             lastPurchaseAt: base.optionalInt64(r, 7),
                                             abandonedCartAt: base.optionalInt64(r, 8))
            }
            if base.bool(r, 9) { friend.hubspot = CRMData(id: base.optionalString(r, 10)) }
            if base.bool(r, 11) { friend.klaviyo = CRMData(id: base.optionalString(r, 12)) }
            index[Int(base.int64(r, 0))] = friends.count
            friends.append(friend)
        }
        for (table, set) in PostgresSchema.setTables.enumerated() {
            let values = try db.query("SELECT friend, value FROM \(set.table) WHERE account = $1 \(only("friend")) ORDER BY friend, pos",
                                      bound)
            for r in 0..<values.count {
                guard let i = index[Int(values.int64(r, 0))] else { continue }
                let value = values.string(r, 1)
                switch table {
                case 0: friends[i].tags.append(value)
                case 1: friends[i].shopify?.tags.append(value)
                case 2: friends[i].hubspot?.lists.append(value)
                default: friends[i].klaviyo?.lists.append(value)
                }
            }
        }
        let properties = try db.query("""
            SELECT friend, integration, name, kind, text_value, number_value, bool_value
            FROM properties WHERE account = $1 \(only("friend"))
            """, bound)
        for r in 0..<properties.count {
            guard let i = index[Int(properties.int64(r, 0))] else { continue }
            let value: PropertyValue
            switch properties.int64(r, 3) {
            case Int64(PostgresSchema.PropertyKind.number.rawValue): value = .number(properties.double(r, 5))
            case Int64(PostgresSchema.PropertyKind.bool.rawValue): value = .bool(properties.bool(r, 6))
            default: value = .string(properties.string(r, 4))
            }
            if properties.int64(r, 1) == Int64(PostgresSchema.PropertyIntegration.hubspot.rawValue) {
                friends[i].hubspot?.properties[properties.string(r, 2)] = value
            } else {
                friends[i].klaviyo?.properties[properties.string(r, 2)] = value
            }
        }
        var rowOf = [Int](repeating: 0, count: friends.count)
        for (row, i) in index { rowOf[i] = row }
        return friends.enumerated().map { (rowOf[$0.offset], $0.element) }
    }
}
