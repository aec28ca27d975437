import SegqSemantics
import SegqStore

extension PostgresStore {
    /// Imports friends into the account in ONE transaction: `body` receives
    /// a writer and adds friends one by one; rows reach the server with
    /// `COPY … FROM STDIN` in batches. If `body` or any write throws, the
    /// transaction is rolled back and the account is exactly as before.
    ///
    /// `.upsert` keeps existing friends: a record whose id exists replaces
    /// that friend's data and keeps its row id, new ids get the next row
    /// ids; `.replace` removes the account's friends first (row ids 0…n-1
    /// in import order). Within one import a repeated id overwrites the
    /// earlier record. Other accounts are never touched.
    @discardableResult
    public func importFriends(mode: ImportMode = .upsert, now: Int64? = nil,
                              _ body: (PostgresFriendWriter) throws -> Void) throws -> ImportSummary {
        try write {
            if mode == .replace {
                for table in ["friends"] + PostgresSchema.setTables.map(\.table) + ["properties"] {
                    try db.query("DELETE FROM \(table) WHERE account = $1", [.int4(account)])
                }
            }
            let writer = try PostgresFriendWriter(store: self)
            try body(writer)
            try writer.flush()
            try finishImport(seenTags: writer.seenTags, now: now ?? Self.currentTimeMillis())
            try Self.rebuildRowBitmaps(account: account, in: db)
            return ImportSummary(inserted: writer.inserted, updated: writer.updated)
        }
    }

    /// Imports every friend of `friends` in one transaction (see `importFriends(mode:now:_:)`).
    @discardableResult
    public func importFriends(_ friends: some Sequence<Friend>, mode: ImportMode = .upsert,
                              now: Int64? = nil) throws -> ImportSummary {
        try importFriends(mode: mode, now: now) { writer in
            for friend in friends { try writer.add(friend) }
        }
    }

    /// Catalogues kept with the data, inside the import's transaction:
    /// property types, linked integrations and the tags seen.
    private func finishImport(seenTags: Set<String>, now: Int64) throws {
        try db.query("DELETE FROM property_types WHERE account = $1", [.int4(account)])
        try db.query("""
            INSERT INTO property_types(account, integration, name, type)
            SELECT $1, integration, name,
                   CASE WHEN bool_and(kind = $2) THEN $4 WHEN bool_and(kind = $3) THEN $5 ELSE $6 END
            FROM properties WHERE account = $1
            GROUP BY integration, name
            """, [.int4(account), .int2(PostgresSchema.PropertyKind.number.rawValue),
                  .int2(PostgresSchema.PropertyKind.bool.rawValue), .text(ValueType.number.rawValue),
                  .text(ValueType.bool.rawValue), .text(ValueType.string.rawValue)])
        try refreshLinkedIntegrations()
        try db.query("""
            INSERT INTO tag_catalog(account, name, updated_at) SELECT $1, unnest($2::bytea[]), $3
            ON CONFLICT (account, name) DO UPDATE SET updated_at = excluded.updated_at
            """, [.int4(account), .storedArray(seenTags.sorted()), .int8(now)])
        try db.execute("ANALYZE friends, friend_tags, properties")
    }
}

/// Adds friends to an account inside an import transaction (see
/// `PostgresStore.importFriends(mode:now:_:)`). Valid only inside that call.
///
/// Rows are gathered per table in binary COPY batches and sent when the
/// batches pass a size. A friend whose id is already stored is replaced:
/// its old rows are deleted just before the batch holding its new ones is
/// copied, so its row id stays the same.
public final class PostgresFriendWriter {
    private let db: PostgresConnection
    private let account: Int32
    /// Row id of every id in the account, stored or added by this import.
    private var rows: [String: Int32] = [:]
    private var nextRow: Int32
    private var friendRows = CopyBatch(table: "friends", columns: PostgresSchema.friendColumns)
    private var setRows = PostgresSchema.setTables.map { CopyBatch(table: $0.table, columns: PostgresSchema.setColumns) }
    private var propertyRows = CopyBatch(table: "properties", columns: PostgresSchema.propertyColumns)
    /// Row ids with rows in the batches.
    private var pending: Set<Int32> = []
    /// Row ids whose stored rows the next flush deletes (replaced friends).
    private var replaced: [Int32] = []
    private(set) var seenTags: Set<String> = []
    /// Friends added with a new id so far.
    public private(set) var inserted = 0
    /// Friends whose id already existed (their data was replaced).
    public private(set) var updated = 0

    /// Bytes gathered before the batches are sent.
    private let flushBytes: Int

    init(store: PostgresStore) throws {
        db = store.db
        account = store.account
        flushBytes = store.importBatchBytes
        let stored = try db.query("SELECT id, row_id FROM friends WHERE account = $1", [.int4(account)])
        rows.reserveCapacity(stored.count)
        var highest: Int32 = -1
        for i in 0..<stored.count {
            let row = Int32(stored.int64(i, 1))
            rows[stored.string(i, 0)] = row
            highest = max(highest, row)
        }
        nextRow = highest + 1
    }

    /// Adds `friend`, or replaces the data of the friend with its `id`.
    public func add(_ friend: Friend) throws {
        let id = PostgresText.nfc(friend.id)
        let row: Int32
        if let existing = rows[id] {
            // An earlier version still in the batches must reach the table before it can be deleted.
            if pending.contains(existing) { try flush() }
            replaced.append(existing)
            row = existing
            updated += 1
        } else {
            row = nextRow
            nextRow += 1
            rows[id] = row
            inserted += 1
        }
        addFriendRow(friend, id: id, row: row)
        addValues(of: friend, row: row)
        pending.insert(row)
        if friendRows.size + propertyRows.size + setRows.reduce(0, { $0 + $1.size }) > flushBytes {
            try flush()
        }
    }

    /// Deletes the rows of replaced friends, then copies every batch.
    func flush() throws {
        if !replaced.isEmpty {
            let rowIDs = PostgresValue.int4Array(replaced)
            try db.query("DELETE FROM friends WHERE account = $1 AND row_id = ANY($2)", [.int4(account), rowIDs])
            for table in PostgresSchema.setTables.map(\.table) + ["properties"] {
                try db.query("DELETE FROM \(table) WHERE account = $1 AND friend = ANY($2)", [.int4(account), rowIDs])
            }
            replaced = []
        }
        try friendRows.flush(to: db)
        for i in setRows.indices { try setRows[i].flush(to: db) }
        try propertyRows.flush(to: db)
        pending = []
    }

    private func addFriendRow(_ friend: Friend, id: String, row: Int32) {
        func text(_ s: String?) {
            let normalized = s.map(PostgresText.nfc)
            friendRows.add(normalized)
            friendRows.add(normalized.flatMap(PostgresText.foldedCopy))
        }
        friendRows.beginRow()
        friendRows.add(account)
        friendRows.add(row)
        friendRows.add(id)
        friendRows.add(PostgresText.foldedCopy(id))
        text(friend.name)
        friendRows.add(friend.addedAt)
        friendRows.add(friend.shopify != nil)
        text(friend.shopify?.id)
        friendRows.add(friend.shopify?.purchases)
        friendRows.add(friend.shopify?.lastPurchaseAt)
        friendRows.add(friend.shopify?.abandonedCartAt)
        friendRows.add(friend.hubspot != nil)
        text(friend.hubspot?.id)
        friendRows.add(friend.klaviyo != nil)
        text(friend.klaviyo?.id)
    }

    /// The set values and properties of a friend stored at `row`.
    private func addValues(of friend: Friend, row: Int32) {
        addSet(friend.tags, table: 0, row: row, recordTags: true)
        if let shopify = friend.shopify { addSet(shopify.tags, table: 1, row: row) }
        if let hubspot = friend.hubspot {
            addSet(hubspot.lists, table: 2, row: row)
            addProperties(hubspot.properties, integration: .hubspot, row: row)
        }
        if let klaviyo = friend.klaviyo {
            addSet(klaviyo.lists, table: 3, row: row)
            addProperties(klaviyo.properties, integration: .klaviyo, row: row)
        }
    }

    /// The distinct values of one set field, in order.
    private func addSet(_ values: [String], table: Int, row: Int32, recordTags: Bool = false) {
        var written: [String] = []
        for raw in values {
            let value = PostgresText.nfc(raw)
            if written.contains(where: { $0.utf8.elementsEqual(value.utf8) }) { continue }
            setRows[table].beginRow()
            setRows[table].add(account)
            setRows[table].add(row)
            setRows[table].add(Int32(written.count))
            setRows[table].add(value)
            setRows[table].add(PostgresText.foldedCopy(value))
            written.append(value)
            if recordTags { seenTags.insert(value) }
        }
    }

    private func addProperties(_ properties: [String: PropertyValue],
                               integration: PostgresSchema.PropertyIntegration, row: Int32) {
        for (rawName, value) in properties {
            propertyRows.beginRow()
            propertyRows.add(account)
            propertyRows.add(row)
            propertyRows.add(integration.rawValue)
            propertyRows.add(PostgresText.nfc(rawName))
            switch value {
            case .string(let raw):
                let text = PostgresText.nfc(raw)
                propertyRows.add(PostgresSchema.PropertyKind.string.rawValue)
                propertyRows.add(text)
                propertyRows.add(PostgresText.foldedCopy(text))
                propertyRows.addNull()
                propertyRows.addNull()
            case .number(let number):
                propertyRows.add(PostgresSchema.PropertyKind.number.rawValue)
                propertyRows.addNull()
                propertyRows.addNull()
                propertyRows.add(number)
                propertyRows.addNull()
            case .bool(let flag):
                propertyRows.add(PostgresSchema.PropertyKind.bool.rawValue)
                propertyRows.addNull()
                propertyRows.addNull()
                propertyRows.addNull()
                propertyRows.add(flag)
            }
        }
    }
}

extension PostgresStore: FriendImportTarget {}
extension PostgresFriendWriter: FriendAdding {}
