import SegqStore
import CSQLite
#if canImport(Glibc)
import Glibc
#endif
import SegqSemantics

extension SQLiteStore {
    /// Imports friends in ONE transaction: `body` receives a writer and adds
    /// friends one by one (so a streaming reader need not hold them all);
    /// if `body` or any write throws, the whole import is rolled back and the
    /// store is exactly as before. A strict import throws from `body` on the
    /// first bad record (or after reading, if any was bad); a lenient one
    /// simply skips bad records.
    ///
    /// Within one import, a second record with the same `id` overwrites the
    /// first. Set values are kept in order with duplicates removed; strings
    /// are stored in NFC.
    @discardableResult
    public func importFriends(mode: ImportMode = .upsert, now: Int64? = nil,
                              _ body: (FriendWriter) throws -> Void) throws -> ImportSummary {
        defer { invalidateCaches() }
        // A larger page cache while importing: the index builds sort in memory
        // in one pass, and fewer pages are written out before the commit.
        try db.execute("PRAGMA cache_size = -\(Self.importCacheKiB)")
        defer { try? db.execute("PRAGMA cache_size = -\(Self.queryCacheKiB)") }
        return try db.transaction {
            if mode == .replace {
                try db.execute("""
                    DELETE FROM friends; DELETE FROM friend_facts; DELETE FROM friend_tags; DELETE FROM shopify_tags;
                    DELETE FROM hubspot_lists; DELETE FROM klaviyo_lists; DELETE FROM properties;
                    """)
            }
            // Into an empty store, load first and index afterwards.
            let bulk = try db.scalarInt("SELECT EXISTS(SELECT 1 FROM friends)") == 0
            if bulk {
                for index in SQLiteSchema.secondaryIndexes { try db.execute("DROP INDEX IF EXISTS \(index.name)") }
            }
            let writer = try FriendWriter(store: self, bulk: bulk)
            ImportTrace.mark("start")
            try body(writer)
            try writer.flush()
            ImportTrace.mark("rows written")
            if bulk {
                // A helper thread for the sorts of the index builds.
                try db.execute("PRAGMA threads = 2")
                defer { try? db.execute("PRAGMA threads = 0") }
                for index in SQLiteSchema.secondaryIndexes { try db.execute(index.create); ImportTrace.mark(index.name) }
            }
            try finishImport(seenTags: writer.seenTags, now: now ?? Self.currentTimeMillis())
            return ImportSummary(inserted: writer.inserted, updated: writer.updated)
        }
    }

    /// Page cache sizes (KiB) while importing and otherwise.
    static var importCacheKiB: Int { 512 * 1024 }
    static var queryCacheKiB: Int { 64 * 1024 }

    /// Imports every friend of `friends` in one transaction (see `importFriends(mode:now:_:)`).
    @discardableResult
    public func importFriends(_ friends: some Sequence<Friend>, mode: ImportMode = .upsert,
                              now: Int64? = nil) throws -> ImportSummary {
        try importFriends(mode: mode, now: now) { writer in
            for friend in friends { try writer.add(friend) }
        }
    }

    /// Work at the end of an import, inside its transaction: catalogues
    /// (property types, linked integrations, tag names) and planner statistics.
    private func finishImport(seenTags: Set<String>, now: Int64) throws {
        try refreshPropertyTypes()
        ImportTrace.mark("property types")
        try refreshLinkedIntegrations()
        try withStatement("""
            INSERT INTO tag_catalog(name, updated_at) VALUES (?, ?)
            ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at
            """) { stmt in
            for tag in seenTags {
                try stmt.bind(tag, at: 1)
                try stmt.bind(now, at: 2)
                try stmt.run()
                stmt.reset()
            }
        }
        ImportTrace.mark("tags")
        try refreshStatistics()
        ImportTrace.mark("statistics")
        // Approximate statistics (sqlite_stat1) so SQLite's planner picks indexes well; cheap with a limit.
        try db.execute("PRAGMA analysis_limit = 1000; ANALYZE;")
        ImportTrace.mark("analyze")
    }

    /// Rebuilds `property_types` from the distinct (integration, name, kind)
    /// triples, found by skipping along the value index (one seek per triple).
    func refreshPropertyTypes() throws {
        var kinds: [PropertyKey: Set<Int64>] = [:]
        try withStatement("""
            SELECT integration, name, kind FROM properties
            WHERE (integration, name, kind) > (?, ?, ?)
            ORDER BY integration, name, kind LIMIT 1
            """) { stmt in
            var key: (Int64, String, Int64) = (0, "", 0)
            while true {
                stmt.reset()
                try stmt.bind(key.0, at: 1)
                try stmt.bind(key.1, at: 2)
                try stmt.bind(key.2, at: 3)
                guard try stmt.step() else { break }
                key = (stmt.int64(0), stmt.text(1), stmt.int64(2))
                kinds[PropertyKey(integration: key.0, name: key.1), default: []].insert(key.2)
            }
        }
        try db.execute("DELETE FROM property_types")
        try withStatement("INSERT INTO property_types(integration, name, type) VALUES (?, ?, ?)") { stmt in
            for (key, set) in kinds {
                let type: ValueType
                if set == [SQLiteSchema.PropertyKind.number.rawValue] { type = .number }
                else if set == [SQLiteSchema.PropertyKind.bool.rawValue] { type = .bool }
                else { type = .string }
                try stmt.bind(key.integration, at: 1)
                try stmt.bind(key.name, at: 2)
                try stmt.bind(type.rawValue, at: 3)
                try stmt.run()
                stmt.reset()
            }
        }
    }

    struct PropertyKey: Hashable {
        var integration: Int64
        var name: String
    }
}

/// Adds friends to a store inside an import transaction (see
/// `SQLiteStore.importFriends(mode:now:_:)`). Valid only inside that call.
///
/// Rows are written in multi-row batches (`BatchInsert`). Into an empty
/// store (a bulk load) the friends are appended without any index; ids are
/// checked for repeats by hash here, and the first repeated hash indexes the
/// ids and switches to the upsert path for the rest of the import.
public final class FriendWriter {
    private let db: SQLiteConnection
    /// Prepared on first use: it needs the unique id index, absent during a bulk load.
    private var upsertStatement: SQLiteStatement?
    private var bulk: Bool
    private var idHashes: Set<Int> = []
    private let friendRows: BatchInsert
    private let factRows: BatchInsert
    private let replaceFacts: SQLiteStatement
    private let setRows: [BatchInsert]
    private let propertyRows: BatchInsert
    private let deleteSet: [SQLiteStatement]
    private let deleteProperties: SQLiteStatement
    private var nextRow: Int64
    private(set) var seenTags: Set<String> = []
    /// Friends added with a new id so far.
    public private(set) var inserted = 0
    /// Friends whose id already existed (their data was replaced).
    public private(set) var updated = 0

    private static let friendColumns = [
        "row_id", "id", "id_folded", "name", "name_folded", "added_ms",
        "shopify_linked", "shopify_id", "shopify_id_folded", "shopify_purchases",
        "shopify_last_purchase_ms", "shopify_cart_abandoned_ms",
        "hubspot_linked", "hubspot_id", "hubspot_id_folded",
        "klaviyo_linked", "klaviyo_id", "klaviyo_id_folded",
    ]

    init(store: SQLiteStore, bulk: Bool) throws {
        let db = store.db
        self.db = db
        self.bulk = bulk
        friendRows = try BatchInsert(db: db, into: "friends", columns: Self.friendColumns)
        let facts = SQLiteSchema.factColumnNames
        factRows = try BatchInsert(db: db, into: "friend_facts", columns: facts)
        replaceFacts = try db.prepare("INSERT OR REPLACE INTO friend_facts(\(SQLiteSchema.factColumns)) VALUES ("
                                      + Array(repeating: "?", count: facts.count).joined(separator: ", ") + ")")
        setRows = try SQLiteSchema.setTables.map {
            try BatchInsert(db: db, into: $0.table, columns: ["friend", "pos", "value", "value_folded"])
        }
        propertyRows = try BatchInsert(db: db, into: "properties",
                                       columns: ["friend", "integration", "name", "kind", "value", "value_folded"])
        deleteSet = try SQLiteSchema.setTables.map {
            try db.prepare("DELETE FROM \($0.table) WHERE friend = ?")
        }
        deleteProperties = try db.prepare("DELETE FROM properties WHERE friend = ?")
        nextRow = try db.scalarInt("SELECT coalesce(max(row_id) + 1, 0) FROM friends")
    }

    private static var upsertFriend: String {
        "INSERT INTO friends(" + friendColumns.joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: friendColumns.count).joined(separator: ", ") + ") "
            + "ON CONFLICT(id) DO UPDATE SET "
            + friendColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            + " RETURNING row_id"
    }

    private func upsertFriend() throws -> SQLiteStatement {
        if let upsertStatement { return upsertStatement }
        let s = try db.prepare(Self.upsertFriend)
        upsertStatement = s
        return s
    }

    /// Adds `friend`, or replaces the data of the friend with its `id`.
    public func add(_ friend: Friend) throws {
        let id = StoredText.nfc(friend.id)
        if bulk {
            if idHashes.insert(id.hashValue).inserted {
                try friendRows.add(contentsOf: friendValues(friend, id: id))
                try factRows.add(contentsOf: factValues(friend, row: nextRow))
                try addValues(of: friend, row: nextRow)
                nextRow += 1
                inserted += 1
                return
            }
            // Maybe a repeated id: index the ids now and upsert from here on.
            try flush()
            try db.execute(SQLiteSchema.secondaryIndexes[0].create)
            bulk = false
            idHashes = []
        }
        let s = try upsertFriend()
        defer { s.reset() }
        try s.bind(friendValues(friend, id: id))
        guard try s.step() else { throw SQLiteError.store("upsert of friend \(friend.id) returned no row") }
        let row = s.int64(0)
        s.reset()
        try runOnce(replaceFacts) { try $0.bind(factValues(friend, row: row)) }
        if row == nextRow {
            nextRow += 1
            inserted += 1
        } else {
            updated += 1
            try flush()
            for stmt in deleteSet { try runOnce(stmt) { try $0.bind(row, at: 1) } }
            try runOnce(deleteProperties) { try $0.bind(row, at: 1) }
        }
        try addValues(of: friend, row: row)
    }

    /// Writes every row still waiting in a batch (at the end of the import).
    func flush() throws {
        try friendRows.flush()
        try factRows.flush()
        for batch in setRows { try batch.flush() }
        try propertyRows.flush()
    }

    /// The values of a friend's `friends` row, in `friendColumns` order (row id = the next one).
    private func friendValues(_ friend: Friend, id: String) -> [SQLiteValue] {
        func text(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
        func int(_ v: Int64?) -> SQLiteValue { v.map { .int($0) } ?? .null }
        let name = friend.name.map(StoredText.nfc)
        let shopifyID = friend.shopify?.id.map(StoredText.nfc)
        let hubspotID = friend.hubspot?.id.map(StoredText.nfc)
        let klaviyoID = friend.klaviyo?.id.map(StoredText.nfc)
        return [
            .int(nextRow), .text(id), text(StoredText.foldedCopy(id)), text(name), text(name.flatMap(StoredText.foldedCopy)),
            .int(friend.addedAt),
            .int(friend.shopify != nil ? 1 : 0), text(shopifyID), text(shopifyID.flatMap(StoredText.foldedCopy)),
            int(friend.shopify?.purchases), int(friend.shopify?.lastPurchaseAt), int(friend.shopify?.abandonedCartAt),
            .int(friend.hubspot != nil ? 1 : 0), text(hubspotID), text(hubspotID.flatMap(StoredText.foldedCopy)),
            .int(friend.klaviyo != nil ? 1 : 0), text(klaviyoID), text(klaviyoID.flatMap(StoredText.foldedCopy)),
        ]
    }

    /// The values of a friend's `friend_facts` row, in `SQLiteSchema.factColumns` order.
    private func factValues(_ friend: Friend, row: Int64) -> [SQLiteValue] {
        func int(_ v: Int64?) -> SQLiteValue { v.map { .int($0) } ?? .null }
        return [
            .int(row), .int(friend.addedAt), .int(friend.shopify != nil ? 1 : 0), int(friend.shopify?.purchases),
            int(friend.shopify?.lastPurchaseAt), int(friend.shopify?.abandonedCartAt),
            .int(friend.hubspot != nil ? 1 : 0), .int(friend.klaviyo != nil ? 1 : 0),
        ]
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

    /// Inserts the distinct values of one set field, in order.
    private func insertValues(_ values: [String], into table: Int, row: Int64, recordTags: Bool = false) throws {
        guard !values.isEmpty else { return }
        var written: [String] = []
        written.reserveCapacity(values.count)
        for raw in values {
            let value = StoredText.nfc(raw)
            if written.contains(where: { $0.utf8.elementsEqual(value.utf8) }) { continue }
            try setRows[table].add(.int(row), .int(Int64(written.count)), .text(value),
                                   StoredText.foldedCopy(value).map { .text($0) } ?? .null)
            written.append(value)
            if recordTags { seenTags.insert(value) }
        }
    }

    private func insertProperties(_ properties: [String: PropertyValue],
                                  integration: SQLiteSchema.PropertyIntegration, row: Int64) throws {
        for (rawName, value) in properties {
            let name = SQLiteValue.text(StoredText.nfc(rawName))
            switch value {
            case .string(let raw):
                let text = StoredText.nfc(raw)
                try propertyRows.add(.int(row), .int(integration.rawValue), name, .int(SQLiteSchema.PropertyKind.string.rawValue),
                                     .text(text), StoredText.foldedCopy(text).map { .text($0) } ?? .null)
            case .number(let number):
                try propertyRows.add(.int(row), .int(integration.rawValue), name, .int(SQLiteSchema.PropertyKind.number.rawValue),
                                     .double(number), .null)
            case .bool(let flag):
                try propertyRows.add(.int(row), .int(integration.rawValue), name, .int(SQLiteSchema.PropertyKind.bool.rawValue),
                                     .int(flag ? 1 : 0), .null)
            }
        }
    }
}

/// Phase times of an import on standard error, when `SEGQ_IMPORT_TRACE` is set (for tuning).
enum ImportTrace {
    nonisolated(unsafe) static var enabled = getenv("SEGQ_IMPORT_TRACE") != nil
    nonisolated(unsafe) static var last: (wall: Int64, cpu: Int64) = (0, 0)

    static func mark(_ phase: String) {
        guard enabled else { return }
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        let now = (wall: SQLiteStore.currentTimeMillis(), cpu: Int64(ts.tv_sec) * 1_000 + Int64(ts.tv_nsec) / 1_000_000)
        if last.wall != 0 { fputs("import: \(phase) +\(now.wall - last.wall) ms (cpu +\(now.cpu - last.cpu) ms)\n", stderr) }
        last = now
    }
}
