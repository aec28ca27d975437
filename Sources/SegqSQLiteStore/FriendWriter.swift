import SegqStore

/// Adds friends to a store inside an import transaction (see
/// `SQLiteStore.importFriends(mode:now:_:)`). Valid only inside that call.
///
/// Rows are written in multi-row batches (`BatchInsert`). Into an empty
/// store (a bulk load) the friends are appended without any index: the
/// calling thread prepares each friend's rows and hands them over, a chunk
/// of friends at a time, to a `BackgroundRowWriter`, which binds and steps
/// the inserts meanwhile. Ids are checked for repeats by hash here, and the
/// first repeated hash indexes the ids and switches to the upsert path
/// (written on the calling thread) for the rest of the import.
///
/// Each friend row keeps its `FriendContentHash`. Into a store that has
/// friends, a record whose id and content hash match a stored friend's
/// (`StoredFriendIndex`) is counted unchanged and not written: a re-import
/// touches only the rows that changed. A replacing import writes every
/// record into the emptied store but counts against what it held before.
///
/// A friend read from a JSON Lines line also keeps that line's `LineHash`
/// (`friends.line_hash`; NULL when written from anything else). An upsert
/// hands the stored line hashes to the reader (`knownLines`), which does
/// not parse the lines it finds there: they arrive as `addKnown`, counted
/// unchanged without a write.
public final class FriendWriter: LineAwareFriendAdding {
    private let db: SQLiteConnection
    /// Inserts one friend row; prepared on first use.
    private var insertStatement: SQLiteStatement?
    private var bulk: Bool
    private var idHashes: Set<Int> = []
    /// One batch per table: `friends`, `friend_facts`, the set tables (order of `SQLiteSchema.setTables`), `properties`.
    private let batches: [BatchInsert]
    /// Where rows go: `batches`, or during a bulk load the rows staged for `rowWriter`.
    private var sinks: [ValueSink]
    private var staged: [StagedRows] = []
    private var stagedFriends = 0
    /// Friends per chunk handed to `rowWriter`.
    private static let chunkFriends = 1024
    private var rowWriter: BackgroundRowWriter?
    private let replaceFacts: SQLiteStatement
    private let deleteSet: [SQLiteStatement]
    private let deleteProperties: SQLiteStatement
    private var nextRow: Int64
    /// Rows written by the upsert path whose values may still wait in a batch.
    private var rowsInBatches: Set<Int64> = []
    /// The friends the store held when the import began.
    private var known: StoredFriendIndex
    /// Whether the store was emptied for this import (`.replace`).
    private let replacing: Bool
    /// The tags of the friends written (keyed by their bytes: no hashing through normalisation).
    private var writtenTags: Set<StoredString> = []
    var seenTags: Set<String> { Set(writtenTags.map(\.text)) }
    /// Folded copies of repeated strings (see `folded(_:)`), up to `foldedCopiesLimit` of them.
    private var foldedCopies: [StoredString: SQLiteValue] = [:]
    private static let foldedCopiesLimit = 100_000
    /// Friends added with a new id so far.
    public private(set) var inserted = 0
    /// Records that changed a friend already there (stored, or earlier in this import).
    public private(set) var updated = 0
    /// Records identical to the stored friend (not written).
    public private(set) var unchanged = 0
    /// With `.replace`: friends the store held that no record had.
    var removed: Int { known.unmatchedCount }
    /// What the records written so far changed (for the statistics).
    private(set) var changes = FriendChanges()
    private let store: SQLiteStore

    private static let friendColumns = [
        "row_id", "id", "id_folded", "name", "name_folded", "added_ms",
        "shopify_linked", "shopify_id", "shopify_id_folded", "shopify_purchases",
        "shopify_last_purchase_ms", "shopify_cart_abandoned_ms",
        "hubspot_linked", "hubspot_id", "hubspot_id_folded",
        "klaviyo_linked", "klaviyo_id", "klaviyo_id_folded", "content_hash", "line_hash",
    ]

    /// `known`: the friends the store held (read before a replacing import emptied it).
    init(store: SQLiteStore, bulk: Bool, known: StoredFriendIndex, replacing: Bool) throws {
        let db = store.db
        self.db = db
        self.store = store
        self.bulk = bulk
        self.known = known
        self.replacing = replacing
        let facts = SQLiteSchema.factColumnNames
        var batches = [try BatchInsert(db: db, into: "friends", columns: Self.friendColumns),
                       try BatchInsert(db: db, into: "friend_facts", columns: facts)]
        for set in SQLiteSchema.setTables {
            batches.append(try BatchInsert(db: db, into: set.table, columns: ["friend", "pos", "value", "value_folded"]))
        }
        batches.append(try BatchInsert(db: db, into: "properties",
                                       columns: ["friend", "integration", "name", "kind", "value", "value_folded"]))
        self.batches = batches
        sinks = batches
        replaceFacts = try db.prepare("INSERT OR REPLACE INTO friend_facts(\(SQLiteSchema.factColumns)) VALUES ("
                                      + Array(repeating: "?", count: facts.count).joined(separator: ", ") + ")")
        deleteSet = try SQLiteSchema.setTables.map {
            try db.prepare("DELETE FROM \($0.table) WHERE friend = ?")
        }
        deleteProperties = try db.prepare("DELETE FROM properties WHERE friend = ? AND integration = ?")
        nextRow = try db.scalarInt("SELECT coalesce(max(row_id) + 1, 0) FROM friends")
        if bulk {
            staged = batches.map { _ in StagedRows() }
            sinks = staged
            rowWriter = BackgroundRowWriter(batches: batches)
        }
    }

    /// The sinks of the tables, by role (order of `batches`).
    private var friendSink: ValueSink { sinks[0] }
    private var factSink: ValueSink { sinks[1] }
    private func setSink(_ table: Int) -> ValueSink { sinks[2 + table] }
    private var propertySink: ValueSink { sinks[2 + SQLiteSchema.setTables.count] }

    /// Hands the staged rows to the row writer.
    private func submitStaged() throws {
        guard let rowWriter, stagedFriends > 0 else { return }
        try rowWriter.submit(staged.map { $0.take() })
        stagedFriends = 0
    }

    /// Stops the bulk load's row writer thread; called before the import's transaction ends.
    func close() {
        rowWriter?.close()
        rowWriter = nil
    }

    private func insertFriend() throws -> SQLiteStatement {
        if let insertStatement { return insertStatement }
        let s = try db.prepare("INSERT INTO friends(" + Self.friendColumns.joined(separator: ", ") + ") VALUES ("
                               + Array(repeating: "?", count: Self.friendColumns.count).joined(separator: ", ") + ")")
        insertStatement = s
        return s
    }

    /// Adds `friend`, or replaces the data of the friend with its `id`
    /// (unless it holds exactly that data already).
    public func add(_ record: Friend) throws {
        try ImportTrace.writing { try addStored(Self.stored(record), lineHash: nil) }
    }

    /// `add(_:)` for a friend parsed from a JSON Lines line with this `LineHash`.
    package func add(_ record: Friend, lineHash: Int64) throws {
        try ImportTrace.writing { try addStored(Self.stored(record), lineHash: lineHash) }
    }

    package var knownLines: KnownLines { known.lines }

    /// A line of `knownLines`: its friend is stored exactly as the line gives it.
    package func addKnown(_ entry: Int32) throws {
        unchanged += 1
    }

    private func addStored(_ friend: Friend, lineHash: Int64?) throws {
        let hash = FriendContentHash.of(friend)
        let before: StoredFriendIndex.Entry?
        if known.isEmpty {
            before = nil
        } else {
            let key = StoredFriendIndex.key(friend.id)
            before = known.match(key)
            if !replacing, let before, before.contentHash == hash {
                unchanged += 1
                // The same friend from another line (or from a store without line hashes):
                // remember this line, so the next import skips it.
                if let lineHash { lineHashUpdates.append((before.row, lineHash)) }
                return
            }
            if !replacing, before != nil { known.stored(key, row: before!.row, contentHash: hash) }
        }
        let appended = try write(friend, hash: hash, lineHash: lineHash)
        if replacing, let before, !before.matched {
            if before.contentHash == hash { unchanged += 1 } else { updated += 1 }
        } else if appended {
            inserted += 1
        } else {
            updated += 1
        }
    }

    /// `friend` as the store keeps it: strings in NFC, set values without repeats (`Friend.storedForm`).
    static func stored(_ friend: Friend) -> Friend { friend.storedForm }

    /// Writes a stored-form friend; true when it was appended as a new row,
    /// false when it replaced the data of the row with its id.
    private func write(_ friend: Friend, hash: Int64, lineHash: Int64?) throws -> Bool {
        let id = friend.id
        if bulk {
            if idHashes.insert(id.hashValue).inserted {
                appendFriendValues(friend, hash: hash, lineHash: lineHash, to: friendSink)
                try friendSink.endRow()
                appendFactValues(friend, row: nextRow, to: factSink)
                try factSink.endRow()
                try addValues(of: friend, row: nextRow)
                changes.record(old: nil, new: friend)
                nextRow += 1
                stagedFriends += 1
                if stagedFriends == Self.chunkFriends { try submitStaged() }
                return true
            }
            // Maybe a repeated id: index the ids now and upsert from here on.
            try flush()
            close()
            sinks = batches
            try db.execute(SQLiteSchema.secondaryIndexes[0].create)
            bulk = false
            idHashes = []
        }
        if let stored = try store.rowID(ofFriend: id) {
            let row = Int64(stored)
            // The values it had, for the statistics; values still waiting in a batch are written first.
            if rowsInBatches.contains(row) { try flush() }
            guard let old = try store.friend(rowID: stored) else {
                throw SQLiteError.store("friend \(id) has an id row but no friend row")
            }
            try update(row: row, from: old, to: friend, hash: hash, lineHash: lineHash)
            rowsInBatches.insert(row)
            changes.record(old: old, new: friend)
            return false
        }
        let row = nextRow
        try runOnce(try insertFriend()) { try $0.bind(friendValues(friend, hash: hash, lineHash: lineHash)) }
        try runOnce(replaceFacts) { try $0.bind(factValues(friend, row: row)) }
        nextRow += 1
        rowsInBatches.insert(row)
        try addValues(of: friend, row: row)
        changes.record(old: nil, new: friend)
        return true
    }

    /// Rewrites at `row` only what differs between the stored `old` and
    /// `new`: the `friends` row (its content hash changes; its id does not,
    /// so the id index is not touched), the fact columns that changed, and
    /// the set tables and integrations' properties whose values differ. A
    /// re-import with few changes thus dirties few pages of the tables and
    /// indexes a change does not reach.
    private func update(row: Int64, from old: Friend, to new: Friend, hash: Int64, lineHash: Int64?) throws {
        var values = friendValues(new, hash: hash, lineHash: lineHash)
        values[0] = .int(row)
        try runOnce(try db.cached(Self.updateFriend)) { try $0.bind(values) }
        let before = factValues(old, row: row), after = factValues(new, row: row)
        for column in after.indices.dropFirst() where before[column] != after[column] {
            let sql = "UPDATE friend_facts SET \(SQLiteSchema.factColumnNames[column]) = ? WHERE row_id = ?"
            try runOnce(try db.cached(sql)) { s in
                try s.bind(after[column], at: 1)
                try s.bind(row, at: 2)
            }
        }
        for table in SQLiteSchema.setTables.indices {
            let values = FriendChanges.setValues(new, table: table)
            guard values != FriendChanges.setValues(old, table: table) else { continue }
            try runOnce(deleteSet[table]) { try $0.bind(row, at: 1) }
            try insertValues(values, into: table, row: row)
        }
        for tag in new.tags { writtenTags.insert(StoredString(tag)) }
        let crm: [(SQLiteSchema.PropertyIntegration, CRMData?, CRMData?)] = [
            (.hubspot, old.hubspot, new.hubspot), (.klaviyo, old.klaviyo, new.klaviyo),
        ]
        for (integration, before, after) in crm where before?.properties ?? [:] != after?.properties ?? [:] {
            try runOnce(deleteProperties) { s in
                try s.bind(row, at: 1)
                try s.bind(integration.rawValue, at: 2)
            }
            if let after { try insertProperties(after.properties, integration: integration, row: row) }
        }
    }

    /// `UPDATE friends` of every column but the row id and the id, bound
    /// like the insert (`friendColumns` order); the id is checked, not set.
    private static var updateFriend: String {
        "UPDATE friends SET "
            + friendColumns.enumerated().dropFirst(2).map { "\($0.element) = ?\($0.offset + 1)" }.joined(separator: ", ")
            + " WHERE row_id = ?1 AND id = ?2"
    }

    /// Rows whose friend came unchanged from a line not yet known, with that line's hash.
    private var lineHashUpdates: [(row: Int64, lineHash: Int64)] = []

    /// Writes every row still waiting in a batch (at the end of the import),
    /// and the line hashes of unchanged friends.
    func flush() throws {
        if !lineHashUpdates.isEmpty {
            let s = try db.cached("UPDATE friends SET line_hash = ? WHERE row_id = ?")
            for (row, lineHash) in lineHashUpdates {
                try runOnce(s) { s in
                    try s.bind(lineHash, at: 1)
                    try s.bind(row, at: 2)
                }
            }
            lineHashUpdates.removeAll()
        }
        if let rowWriter {
            try submitStaged()
            try rowWriter.drain()
        }
        rowsInBatches.removeAll(keepingCapacity: true)
        for batch in batches { try batch.flush() }
    }

    /// The values of a stored-form friend's `friends` row, in `friendColumns` order (row id = the next one).
    private func friendValues(_ friend: Friend, hash: Int64, lineHash: Int64?) -> [SQLiteValue] {
        let values = ValueList()
        appendFriendValues(friend, hash: hash, lineHash: lineHash, to: values)
        return values.values
    }

    /// Appends the values of a stored-form friend's `friends` row, in `friendColumns` order (row id = the next one).
    private func appendFriendValues(_ friend: Friend, hash: Int64, lineHash: Int64?, to out: some ValueSink) {
        func text(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
        func int(_ v: Int64?) -> SQLiteValue { v.map { .int($0) } ?? .null }
        let id = friend.id
        let shopifyID = friend.shopify?.id
        let hubspotID = friend.hubspot?.id
        let klaviyoID = friend.klaviyo?.id
        out.append(.int(nextRow))
        out.append(.text(id))
        out.append(text(StoredText.foldedCopy(id)))
        out.append(text(friend.name))
        out.append(friend.name.map(folded) ?? .null)
        out.append(.int(friend.addedAt))
        out.append(.int(friend.shopify != nil ? 1 : 0))
        out.append(text(shopifyID))
        out.append(text(shopifyID.flatMap(StoredText.foldedCopy)))
        out.append(int(friend.shopify?.purchases))
        out.append(int(friend.shopify?.lastPurchaseAt))
        out.append(int(friend.shopify?.abandonedCartAt))
        out.append(.int(friend.hubspot != nil ? 1 : 0))
        out.append(text(hubspotID))
        out.append(text(hubspotID.flatMap(StoredText.foldedCopy)))
        out.append(.int(friend.klaviyo != nil ? 1 : 0))
        out.append(text(klaviyoID))
        out.append(text(klaviyoID.flatMap(StoredText.foldedCopy)))
        out.append(.int(hash))
        out.append(int(lineHash))
    }

    /// The values of a friend's `friend_facts` row, in `SQLiteSchema.factColumns` order.
    private func factValues(_ friend: Friend, row: Int64) -> [SQLiteValue] {
        let values = ValueList()
        appendFactValues(friend, row: row, to: values)
        return values.values
    }

    private func appendFactValues(_ friend: Friend, row: Int64, to out: some ValueSink) {
        func int(_ v: Int64?) -> SQLiteValue { v.map { .int($0) } ?? .null }
        out.append(.int(row))
        out.append(.int(friend.addedAt))
        out.append(.int(friend.shopify != nil ? 1 : 0))
        out.append(int(friend.shopify?.purchases))
        out.append(int(friend.shopify?.lastPurchaseAt))
        out.append(int(friend.shopify?.abandonedCartAt))
        out.append(.int(friend.hubspot != nil ? 1 : 0))
        out.append(.int(friend.klaviyo != nil ? 1 : 0))
    }

    /// The folded copy of a name, set value or string property value
    /// (`StoredText.foldedCopy`), remembered for the values that repeat.
    private func folded(_ value: String) -> SQLiteValue {
        let key = StoredString(value)
        if let known = foldedCopies[key] { return known }
        let copy: SQLiteValue = StoredText.foldedCopy(value).map { .text($0) } ?? .null
        if foldedCopies.count < Self.foldedCopiesLimit { foldedCopies[key] = copy }
        return copy
    }

    /// Inserts the set values and properties of a friend stored at `row`.
    private func addValues(of friend: Friend, row: Int64) throws {
        try insertValues(friend.tags, into: 0, row: row, recordTags: true)
        if let shopify = friend.shopify { try insertValues(shopify.tags, into: 1, row: row) }
        if let hubspot = friend.hubspot {
            try insertValues(hubspot.lists, into: 2, row: row)
            try insertProperties(hubspot.properties, integration: .hubspot, row: row)
        }
        if let klaviyo = friend.klaviyo {
            try insertValues(klaviyo.lists, into: 3, row: row)
            try insertProperties(klaviyo.properties, integration: .klaviyo, row: row)
        }
    }

    private func runOnce(_ stmt: SQLiteStatement, _ bind: (SQLiteStatement) throws -> Void) throws {
        defer { stmt.reset() }
        try bind(stmt)
        try stmt.run()
    }

    /// Inserts the values of one set field (stored form: distinct, NFC), in order.
    private func insertValues(_ values: [String], into table: Int, row: Int64, recordTags: Bool = false) throws {
        for (position, value) in values.enumerated() {
            let batch = setSink(table)
            batch.append(.int(row))
            batch.append(.int(Int64(position)))
            batch.append(.text(value))
            batch.append(folded(value))
            try batch.endRow()
            if recordTags { writtenTags.insert(StoredString(value)) }
        }
    }

    private func insertProperties(_ properties: [String: PropertyValue],
                                  integration: SQLiteSchema.PropertyIntegration, row: Int64) throws {
        let propertyRows = propertySink
        for (storedName, value) in properties {
            propertyRows.append(.int(row))
            propertyRows.append(.int(integration.rawValue))
            propertyRows.append(.text(storedName))
            switch value {
            case .string(let text):
                propertyRows.append(.int(SQLiteSchema.PropertyKind.string.rawValue))
                propertyRows.append(.text(text))
                propertyRows.append(folded(text))
            case .number(let number):
                propertyRows.append(.int(SQLiteSchema.PropertyKind.number.rawValue))
                propertyRows.append(.double(number))
                propertyRows.append(.null)
            case .bool(let flag):
                propertyRows.append(.int(SQLiteSchema.PropertyKind.bool.rawValue))
                propertyRows.append(.int(flag ? 1 : 0))
                propertyRows.append(.null)
            }
            try propertyRows.endRow()
        }
    }
}


/// Where a row's values are appended: a batch, rows staged for the row
/// writer, or a list for one statement. `endRow()` follows each row.
protocol ValueSink: AnyObject {
    func append(_ value: SQLiteValue)
    func endRow() throws
}

extension BatchInsert: ValueSink {}

/// The values of one row, for binding to a single-row statement.
final class ValueList: ValueSink {
    private(set) var values: [SQLiteValue] = []
    func append(_ value: SQLiteValue) { values.append(value) }
    func endRow() {}
}

/// Rows of one table prepared on the importing thread for the `BackgroundRowWriter`.
final class StagedRows: ValueSink {
    private var values: [SQLiteValue] = []
    func append(_ value: SQLiteValue) { values.append(value) }
    func endRow() {}

    /// The staged values, leaving the list empty.
    func take() -> [SQLiteValue] {
        let count = values.count
        defer { values = []; values.reserveCapacity(count) }
        return values
    }
}
