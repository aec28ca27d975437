import SegqSemantics
import SegqStore

extension PostgresStore {
    /// Imports friends into the account in ONE transaction: `body` receives
    /// a writer and adds friends one by one; rows reach the server with
    /// `COPY … FROM STDIN` in batches. If `body` or any write throws, the
    /// transaction is rolled back and the account is exactly as before.
    ///
    /// `.upsert` keeps existing friends: a record whose id exists replaces
    /// that friend's data and keeps its row id (unless it holds exactly
    /// that data: then nothing is written), new ids get the next row ids;
    /// `.replace` removes the account's friends first (row ids 0…n-1 in
    /// import order) and counts the friends no record had as removed.
    /// Within one import a repeated id overwrites the earlier record.
    /// Other accounts are never touched.
    @discardableResult
    public func importFriends(mode: ImportMode = .upsert, now: Int64? = nil,
                              _ body: (PostgresFriendWriter) throws -> Void) throws -> ImportSummary {
        try write(changed: { (summary: ImportSummary) in mode == .replace || summary.inserted + summary.updated > 0 }) {
            // An account's first import loads tables of its own and attaches them (`AccountPartitionLoad`).
            // An import of the whole account (its first, or a replacing one) loads tables of its own (`AccountPartitionLoad`).
            let partitioned = try AccountPartitionLoad.partitioned(account: account, in: db)
            let load = !partitioned || mode == .replace ? AccountPartitionLoad(db: db, account: account, replacing: partitioned) : nil
            try load?.create()
            // Bitmaps fresh before a re-import are updated where its changes reach (`RowBitmapChanges`).
            let stored = load == nil ? try rowBitmapState() : nil
            let bitmaps: PostgresFriendWriter.Bitmaps = load != nil ? .loaded
                : stored?.status == .fresh && stored!.rows > 0 ? .changes : .rebuilt
            let writer = try PostgresFriendWriter(store: self, replacing: mode == .replace, bitmaps: bitmaps,
                                                  into: load.map { load in load.target } ?? { $0 }, frozen: load != nil)
            ImportTrace.mark("stored friends read")
            do {
                try body(writer)
                try writer.flush()
            } catch {
                writer.abandon()
                throw error
            }
            ImportTrace.mark("rows written")
            try load?.build()
            ImportTrace.mark(load == nil ? "no index to build" : "indexes built")
            let summary = ImportSummary(inserted: writer.inserted, updated: writer.updated, unchanged: writer.unchanged,
                                        removed: mode == .replace ? writer.removed : nil)
            let nothingWritten = mode == .upsert && summary.inserted + summary.updated == 0
            // Bitmaps built from the records read no table: written before a replacing load's swap, which locks every account out until the commit.
            let bitmapsStored = load?.replacing == true ? try writer.storeLoadedBitmaps() : false
            try load?.attach()
            ImportTrace.mark(load == nil ? "nothing to attach" : "partitions attached")
            // Nothing written: the catalogues, statistics and bitmaps still describe the data.
            if nothingWritten { return summary }
            // A replacing import rewrote every row, unchanged ones included.
            let written = mode == .replace ? summary.inserted + summary.updated + summary.unchanged + writer.removed
                                           : summary.inserted + summary.updated
            try finishImport(seenTags: writer.seenTags, written: written, analysed: load?.replacing == true,
                             now: now ?? Self.currentTimeMillis())
            if !bitmapsStored { try writer.storeBitmaps(storedLength: stored?.rows ?? 0) }
            return summary
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
    /// property types, linked integrations and the tags seen; and the
    /// server's statistics when the import wrote much of the account.
    /// `analysed`: the account's tables were analysed already (`AccountPartitionLoad.build`).
    private func finishImport(seenTags: Set<String>, written: Int, analysed: Bool, now: Int64) throws {
        try db.query("DELETE FROM property_types WHERE account = $1", [.int4(account)])
        // The distinct (integration, name, kind) triples, found by skipping
        // along `properties_by_name` (one probe per triple, not a read of every property).
        try db.query("""
            WITH RECURSIVE kinds(integration, name, kind) AS (
                (SELECT integration, name, kind FROM properties WHERE account = $1
                 ORDER BY integration, name, kind LIMIT 1)
                UNION ALL
                SELECT next.* FROM kinds, LATERAL (
                    SELECT p.integration, p.name, p.kind FROM properties p
                    WHERE p.account = $1 AND (p.integration, p.name, p.kind) > (kinds.integration, kinds.name, kinds.kind)
                    ORDER BY p.integration, p.name, p.kind LIMIT 1) next
            )
            INSERT INTO property_types(account, integration, name, type)
            SELECT $1, integration, name,
                   CASE WHEN bool_and(kind = $2) THEN $4 WHEN bool_and(kind = $3) THEN $5 ELSE $6 END
            FROM kinds
            GROUP BY integration, name
            """, [.int4(account), .int2(PostgresSchema.PropertyKind.number.rawValue),
                  .int2(PostgresSchema.PropertyKind.bool.rawValue), .text(ValueType.number.rawValue),
                  .text(ValueType.bool.rawValue), .text(ValueType.string.rawValue)])
        ImportTrace.mark("property types")
        try refreshLinkedIntegrations()
        try db.query("""
            INSERT INTO tag_catalog(account, name, updated_at) SELECT $1, unnest($2::bytea[]), $3
            ON CONFLICT (account, name) DO UPDATE SET updated_at = excluded.updated_at
            """, [.int4(account), .storedArray(seenTags.sorted()), .int8(now)])
        ImportTrace.mark("linked integrations, tags")
        // A small change leaves the statistics as good as they were (autovacuum
        // analyses the tables once enough rows of all accounts changed).
        if !analysed, written * 10 >= (try friendCount()) {
            // The account's partitions only: the statements read no other.
            try db.execute("ANALYZE " + PostgresSchema.analysedTables
                .map { PostgresSchema.partition(of: $0, account: account) }.joined(separator: ", "))
            ImportTrace.mark("analyze")
        }
    }
}

/// Adds friends to an account inside an import transaction (see
/// `PostgresStore.importFriends(mode:now:_:)`). Valid only inside that call.
///
/// The account's ids, row ids and content hashes are read once at the
/// start (`AccountFriendIndex`); each record is then judged here, without
/// a query: a record identical to the stored friend (same id, same
/// `FriendContentHash`) is counted unchanged and not written, a changed
/// one keeps its row id, a new one gets the next. Rows are gathered per
/// table in binary COPY batches, handed to a `CopySender` when they pass a
/// size and loaded by the server while the next ones are gathered; a
/// changed friend's old rows are deleted once every earlier batch has
/// arrived, just before the batch holding its new ones.
public final class PostgresFriendWriter {
    private let db: PostgresConnection
    private let account: Int32
    /// Every id of the account: stored before the import or written by it.
    private var known: AccountFriendIndex
    /// Whether the account was emptied for this import (`.replace`).
    private let replacing: Bool
    private var nextRow: Int32
    /// The table written for each friend table (the account's own tables in its first import).
    private let target: (String) -> String
    private var friendRows: CopyBatch
    private var setRows: [CopyBatch]
    private var propertyRows: CopyBatch
    /// Row ids with rows in the batches.
    private var pending: Set<Int32> = []
    /// Row ids whose stored rows the next flush deletes (changed friends).
    private var replaced: [Int32] = []
    private(set) var seenTags: Set<String> = []
    /// Friends added with a new id so far.
    public private(set) var inserted = 0
    /// Records that changed a friend already there (stored, or earlier in this import).
    public private(set) var updated = 0
    /// Records identical to the friend already there (not written).
    public private(set) var unchanged = 0
    /// With `.replace`: friends the account held that no record had.
    var removed: Int { known.unseenCount }

    /// How the import leaves the account's row bitmaps.
    enum Bitmaps {
        /// Built from the records: the import writes every row of the account.
        case loaded
        /// Updated where the import's changes reach (they were fresh before it).
        case changes
        /// Rebuilt from the account's rows after the import.
        case rebuilt
    }
    /// The bitmaps' values gathered from the records (`.loaded`; nil once a
    /// row was written twice: its first record's values are gone from the rows).
    private var loaded: LoadedRowBitmaps?
    /// The rows changed, with their values before and after (`.changes`).
    private var changes: RowBitmapChanges?

    /// Bytes gathered before the batches are sent.
    private let flushBytes: Int
    /// Sends the batches while the next ones are gathered.
    private let sender: CopySender

    /// Reads the account's friends; call before a replacing import empties
    /// the account. Rows of each friend table go to `target(table)`;
    /// `frozen`: those tables were created by this transaction (`CopyBatch`).
    init(store: PostgresStore, replacing: Bool, bitmaps: Bitmaps = .rebuilt,
         into target: @escaping (String) -> String, frozen: Bool = false) throws {
        db = store.db
        if bitmaps == .loaded { loaded = LoadedRowBitmaps() }
        if bitmaps == .changes { changes = RowBitmapChanges() }
        self.target = target
        friendRows = CopyBatch(table: target("friends"), columns: PostgresSchema.friendColumns, frozen: frozen)
        setRows = PostgresSchema.setTables.map {
            CopyBatch(table: target($0.table), columns: PostgresSchema.setColumns, frozen: frozen)
        }
        propertyRows = CopyBatch(table: target("properties"), columns: PostgresSchema.propertyColumns, frozen: frozen)
        account = store.account
        flushBytes = store.importBatchBytes
        self.replacing = replacing
        known = try AccountFriendIndex(db: db, account: account)
        sender = CopySender(connection: db)
        nextRow = replacing ? 0 : known.nextRow
    }

    /// Adds `record`, or replaces the data of the friend with its `id`
    /// (unless it holds exactly that data already).
    public func add(_ record: Friend) throws {
        let friend = record.storedForm
        let hash = FriendContentHash.of(friend)
        let row: Int32
        var new = false
        switch known.see(friend.id) {
        case .new:
            row = nextRow
            nextRow += 1
            inserted += 1
            new = true
        case .stored(let entry) where replacing:
            // The account was emptied: a friend it held comes back in import order.
            row = nextRow
            nextRow += 1
            if entry.contentHash == hash { unchanged += 1 } else { updated += 1 }
        case .stored(let entry), .repeated(let entry):
            if entry.contentHash == hash {
                unchanged += 1
                return
            }
            row = entry.row
            // An earlier version still in the batches must reach the table before it can be deleted.
            if pending.contains(row) { try send() }
            replaced.append(row)
            updated += 1
            // Only a row this import wrote before comes here while loading the whole account.
            loaded = nil
        }
        known.wrote(friend.id, row: row, contentHash: hash)
        loaded?.add(friend, row: row)
        changes?.wrote(friend, row: row, new: new)
        addFriendRow(friend, row: row, hash: hash)
        addValues(of: friend, row: row)
        pending.insert(row)
        if friendRows.size + propertyRows.size + setRows.reduce(0, { $0 + $1.size }) > flushBytes {
            try send()
        }
    }

    /// Writes every row gathered so far and waits until the server has them.
    func flush() throws {
        try send()
        try sender.drain()
    }

    /// Waits for the batches already handed over, ignoring their failure
    /// (the import failed and its transaction is rolled back next).
    func abandon() { try? sender.drain() }

    /// Deletes the rows of changed friends (once every earlier batch has
    /// arrived), then hands every batch to the sender.
    private func send() throws {
        if !replaced.isEmpty {
            try sender.drain()
            let rowIDs = PostgresValue.int4Array(replaced)
            // With `.changes`, the deleted rows come back: what the friends held before.
            var deleted: [String: PostgresRows] = [:]
            for table in PostgresSchema.partitionedTables {
                let returning = changes == nil ? "" : RowBitmapChanges.returning(table)
                deleted[table] = try db.query("DELETE FROM \(target(table)) WHERE account = $1 AND "
                                              + (table == "friends" ? "row_id" : "friend") + " = ANY($2)" + returning,
                                              [.int4(account), rowIDs])
            }
            changes?.deleted(rows: replaced, deleted)
            replaced = []
        }
        try friendRows.send(to: sender)
        for i in setRows.indices { try setRows[i].send(to: sender) }
        try propertyRows.send(to: sender)
        pending = []
    }

    /// Writes the bitmaps built from the records, when the import wrote
    /// every row of the account (each once); false when it did not.
    func storeLoadedBitmaps() throws -> Bool {
        guard let loaded else { return false }
        let writer = try RowBitmapWriter(db: db, account: account, replacingAll: true, length: loaded.length)
        try loaded.store(writer, bounds: PostgresStore.rangeBoundCount)
        ImportTrace.mark("row bitmaps built from the records")
        return true
    }

    /// Leaves the account's row bitmaps describing its rows (after the
    /// rows are written and the catalogues kept): built from the records,
    /// updated where the changes reach, or rebuilt from the rows.
    /// `storedLength`: the bitmaps' length before the import.
    func storeBitmaps(storedLength: Int) throws {
        if try storeLoadedBitmaps() {
            return
        } else if let changes, !changes.isEmpty {
            let writer = try RowBitmapWriter(db: db, account: account, replacingAll: false)
            try changes.apply(writer, db: db, account: account, storedLength: storedLength)
            ImportTrace.mark("row bitmaps of the changed rows")
        } else {
            try PostgresStore.rebuildRowBitmaps(account: account, in: db)
            ImportTrace.mark("row bitmaps rebuilt")
        }
    }

    /// The `friends` row of a stored-form friend (strings already NFC).
    private func addFriendRow(_ friend: Friend, row: Int32, hash: Int64) {
        func text(_ s: String?) {
            friendRows.add(s)
            friendRows.add(s.flatMap(PostgresText.foldedCopy))
        }
        friendRows.beginRow()
        friendRows.add(account)
        friendRows.add(row)
        text(friend.id)
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
        friendRows.add(hash)
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

    /// The values of one set field (stored form: distinct, NFC), in order.
    private func addSet(_ values: [String], table: Int, row: Int32, recordTags: Bool = false) {
        for (position, value) in values.enumerated() {
            setRows[table].beginRow()
            setRows[table].add(account)
            setRows[table].add(row)
            setRows[table].add(Int32(position))
            setRows[table].add(value)
            setRows[table].add(PostgresText.foldedCopy(value))
            if recordTags { seenTags.insert(value) }
        }
    }

    private func addProperties(_ properties: [String: PropertyValue],
                               integration: PostgresSchema.PropertyIntegration, row: Int32) {
        for (name, value) in properties {
            propertyRows.beginRow()
            propertyRows.add(account)
            propertyRows.add(row)
            propertyRows.add(integration.rawValue)
            propertyRows.add(name)
            switch value {
            case .string(let text):
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
