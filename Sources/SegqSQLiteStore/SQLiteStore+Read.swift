import SegqStore
/// Reading friends back as `Friend` values.
extension SQLiteStore {
    static let friendColumns = """
        row_id, id, name, added_ms, shopify_linked, shopify_id, shopify_purchases,
        shopify_last_purchase_ms, shopify_cart_abandoned_ms, hubspot_linked, hubspot_id,
        klaviyo_linked, klaviyo_id
        """

    /// A friend from a row of `friendColumns`, with empty sets and properties.
    static func decodeFriend(_ s: SQLiteStatement) -> Friend {
        var friend = Friend(id: s.text(1), name: s.optionalText(2), addedAt: s.int64(3))
        if s.int64(4) != 0 {
            friend.shopify = ShopifyData(id: s.optionalText(5), purchases: s.optionalInt64(6) ?? 0,
                                         lastPurchaseAt: s.optionalInt64(7), abandonedCartAt: s.optionalInt64(8))
        }
        if s.int64(9) != 0 { friend.hubspot = CRMData(id: s.optionalText(10)) }
        if s.int64(11) != 0 { friend.klaviyo = CRMData(id: s.optionalText(12)) }
        return friend
    }

    /// Adds a set value read from set table number `table` (order of `SQLiteSchema.setTables`).
    static func append(_ value: String, table: Int, to friend: inout Friend) {
        switch table {
        case 0: friend.tags.append(value)
        case 1: friend.shopify?.tags.append(value)
        case 2: friend.hubspot?.lists.append(value)
        default: friend.klaviyo?.lists.append(value)
        }
    }

    /// Adds a property from a row `friend, integration, name, kind, value`.
    static func appendProperty(_ s: SQLiteStatement, to friend: inout Friend) {
        let value: PropertyValue
        switch s.int64(3) {
        case SQLiteSchema.PropertyKind.number.rawValue: value = .number(s.double(4))
        case SQLiteSchema.PropertyKind.bool.rawValue: value = .bool(s.int64(4) != 0)
        default: value = .string(s.text(4))
        }
        if s.int64(1) == SQLiteSchema.PropertyIntegration.hubspot.rawValue {
            friend.hubspot?.properties[s.text(2)] = value
        } else {
            friend.klaviyo?.properties[s.text(2)] = value
        }
    }

    /// Every friend, streamed in row-id order (row id = position in the
    /// sequence), without loading the store into memory. Iterate it once; if
    /// reading fails midway the sequence ends early and `error` says why.
    public func allFriends() throws -> FriendCursor {
        try FriendCursor(db: db)
    }

    /// The friends with the given row ids, in the order given (ids with no friend are skipped).
    public func friends(rowIDs: [Int]) throws -> [Friend] {
        var result: [Friend] = []
        result.reserveCapacity(rowIDs.count)
        for row in rowIDs {
            if let friend = try friend(rowID: row) { result.append(friend) }
        }
        return result
    }

    /// The friend with row id `row`, if any.
    public func friend(rowID row: Int) throws -> Friend? {
        guard var friend = try withStatement("SELECT \(Self.friendColumns) FROM friends WHERE row_id = ?", { s -> Friend? in
            try s.bind(row, at: 1)
            return try s.step() ? Self.decodeFriend(s) : nil
        }) else { return nil }
        for (index, set) in SQLiteSchema.setTables.enumerated() {
            try withStatement("SELECT value FROM \(set.table) WHERE friend = ? ORDER BY pos") { s in
                try s.bind(row, at: 1)
                while try s.step() { Self.append(s.text(0), table: index, to: &friend) }
            }
        }
        try withStatement("SELECT friend, integration, name, kind, value FROM properties WHERE friend = ?") { s in
            try s.bind(row, at: 1)
            while try s.step() { Self.appendProperty(s, to: &friend) }
        }
        return friend
    }

    /// The row id of the friend with `id`, if any.
    public func rowID(ofFriend id: String) throws -> Int? {
        try withStatement("SELECT row_id FROM friends WHERE id = ?") { s in
            try s.bind(StoredText.nfc(id), at: 1)
            return try s.step() ? s.int(0) : nil
        }
    }
}

/// Streams every friend of an SQLite store in row-id order by merging one
/// ordered scan of `friends` with one ordered scan of each set table and of
/// `properties` (each keyed by friend first, so no sorting is needed).
public final class FriendCursor: Sequence, IteratorProtocol {
    private let friends: SQLiteStatement
    private let sets: [SQLiteStatement]
    private let properties: SQLiteStatement
    /// Whether each child scan (sets…, properties) has a current row.
    private var pending: [Bool]
    private var started = false
    /// Set when reading failed; the sequence then ended early.
    public private(set) var error: SQLiteError?

    init(db: SQLiteConnection) throws {
        friends = try db.prepare("SELECT \(SQLiteStore.friendColumns) FROM friends ORDER BY row_id")
        sets = try SQLiteSchema.setTables.map {
            try db.prepare("SELECT friend, value FROM \($0.table) ORDER BY friend, pos")
        }
        properties = try db.prepare("SELECT friend, integration, name, kind, value FROM properties ORDER BY friend, integration, name")
        pending = Array(repeating: false, count: sets.count + 1)
    }

    public func next() -> Friend? {
        do {
            if !started {
                started = true
                // Step the friends scan first so the child scans read the same snapshot.
                guard try friends.step() else { return nil }
                for (i, s) in sets.enumerated() { pending[i] = try s.step() }
                pending[sets.count] = try properties.step()
            } else if try !friends.step() {
                return nil
            }
            let row = friends.int64(0)
            var friend = SQLiteStore.decodeFriend(friends)
            for (i, s) in sets.enumerated() {
                while pending[i] && s.int64(0) <= row {
                    if s.int64(0) == row { SQLiteStore.append(s.text(1), table: i, to: &friend) }
                    pending[i] = try s.step()
                }
            }
            while pending[sets.count] && properties.int64(0) <= row {
                if properties.int64(0) == row { SQLiteStore.appendProperty(properties, to: &friend) }
                pending[sets.count] = try properties.step()
            }
            return friend
        } catch let failure as SQLiteError {
            error = failure
            return nil
        } catch {
            self.error = SQLiteError.store("\(error)")
            return nil
        }
    }
}
