import CSQLite
#if canImport(Glibc)
import Glibc
#endif
import SegqSemantics

/// How an import treats the friends already in the store.
public enum ImportMode: Sendable {
    /// Keep existing friends; a record whose `id` exists replaces that
    /// friend's data (every field, sets and properties included) and keeps
    /// its row id; new ids are appended with the next row ids.
    case upsert
    /// Remove every friend first, so the store holds exactly the imported
    /// ones (row ids 0…n-1 in import order). Saved segments and the tag
    /// catalog are kept.
    case replace
}

/// What an import changed.
public struct ImportSummary: Hashable, Sendable {
    public var inserted: Int
    public var updated: Int
    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }
}

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
        return try db.transaction {
            if mode == .replace {
                try db.execute("""
                    DELETE FROM friends; DELETE FROM friend_tags; DELETE FROM shopify_tags;
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
public final class FriendWriter {
    private let db: SQLiteConnection
    /// Prepared on first use: it needs the unique id index, absent during a bulk load.
    private var upsertStatement: SQLiteStatement?
    /// Plain append of a new friend, for a bulk load.
    private let appendFriend: SQLiteStatement
    /// Bulk load into an empty store: no id index yet, so ids are checked
    /// here (by hash; a repeated hash switches to the indexed path).
    private var bulk: Bool
    private var idHashes: Set<Int> = []
    private let insertSet: [SQLiteStatement]
    private let deleteSet: [SQLiteStatement]
    private let insertProperty: SQLiteStatement
    private let deleteProperties: SQLiteStatement
    private var nextRow: Int64
    private(set) var seenTags: Set<String> = []
    /// Friends added with a new id so far.
    public private(set) var inserted = 0
    /// Friends whose id already existed (their data was replaced).
    public private(set) var updated = 0

    private static let insertFriend = """
        INSERT INTO friends(row_id, id, id_folded, name, name_folded, added_ms,
            shopify_linked, shopify_id, shopify_id_folded, shopify_purchases,
            shopify_last_purchase_ms, shopify_cart_abandoned_ms,
            hubspot_linked, hubspot_id, hubspot_id_folded,
            klaviyo_linked, klaviyo_id, klaviyo_id_folded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    init(store: SQLiteStore, bulk: Bool) throws {
        let db = store.db
        self.db = db
        self.bulk = bulk
        appendFriend = try db.prepare(Self.insertFriend)
        insertSet = try SQLiteSchema.setTables.map {
            try db.prepare("INSERT INTO \($0.table)(friend, pos, value, value_folded) VALUES (?, ?, ?, ?)")
        }
        deleteSet = try SQLiteSchema.setTables.map {
            try db.prepare("DELETE FROM \($0.table) WHERE friend = ?")
        }
        insertProperty = try db.prepare("""
            INSERT INTO properties(friend, integration, name, kind, value, value_folded)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        deleteProperties = try db.prepare("DELETE FROM properties WHERE friend = ?")
        nextRow = try db.scalarInt("SELECT coalesce(max(row_id) + 1, 0) FROM friends")
    }

    private static let upsertFriend = insertFriend + """
            ON CONFLICT(id) DO UPDATE SET
                id_folded = excluded.id_folded, name = excluded.name, name_folded = excluded.name_folded,
                added_ms = excluded.added_ms, shopify_linked = excluded.shopify_linked,
                shopify_id = excluded.shopify_id, shopify_id_folded = excluded.shopify_id_folded,
                shopify_purchases = excluded.shopify_purchases,
                shopify_last_purchase_ms = excluded.shopify_last_purchase_ms,
                shopify_cart_abandoned_ms = excluded.shopify_cart_abandoned_ms,
                hubspot_linked = excluded.hubspot_linked, hubspot_id = excluded.hubspot_id,
                hubspot_id_folded = excluded.hubspot_id_folded,
                klaviyo_linked = excluded.klaviyo_linked, klaviyo_id = excluded.klaviyo_id,
                klaviyo_id_folded = excluded.klaviyo_id_folded
            RETURNING row_id
            """

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
                do {
                    try bindFriend(friend, id: id, to: appendFriend)
                    defer { appendFriend.reset() }
                    try appendFriend.run()
                    try addValues(of: friend, row: nextRow)
                    nextRow += 1
                    inserted += 1
                    return
                } catch let error as SQLiteError where error.code & 0xFF == SQLITE_CONSTRAINT {
                    // An older layout's inline unique id: fall through to the upsert.
                }
            }
            // Maybe a repeated id: index the ids now and upsert from here on.
            try db.execute(SQLiteSchema.secondaryIndexes[0].create)
            bulk = false
            idHashes = []
        }
        let s = try upsertFriend()
        defer { s.reset() }
        try bindFriend(friend, id: id, to: s)
        guard try s.step() else { throw SQLiteError.store("upsert of friend \(friend.id) returned no row") }
        let row = s.int64(0)
        s.reset()
        if row == nextRow {
            nextRow += 1
            inserted += 1
        } else {
            updated += 1
            for stmt in deleteSet { try runOnce(stmt) { try $0.bind(row, at: 1) } }
            try runOnce(deleteProperties) { try $0.bind(row, at: 1) }
        }
        try addValues(of: friend, row: row)
    }

    /// Binds the 18 columns of a friend's `friends` row (row id = the next one).
    private func bindFriend(_ friend: Friend, id: String, to s: SQLiteStatement) throws {
        try s.bind(nextRow, at: 1)
        try s.bind(id, at: 2)
        try s.bind(StoredText.foldedCopy(id), at: 3)
        let name = friend.name.map(StoredText.nfc)
        try s.bind(name, at: 4)
        try s.bind(name.flatMap(StoredText.foldedCopy), at: 5)
        try s.bind(friend.addedAt, at: 6)
        try s.bind(friend.shopify != nil, at: 7)
        let shopifyID = friend.shopify?.id.map(StoredText.nfc)
        try s.bind(shopifyID, at: 8)
        try s.bind(shopifyID.flatMap(StoredText.foldedCopy), at: 9)
        try s.bind(friend.shopify?.purchases, at: 10)
        try s.bind(friend.shopify?.lastPurchaseAt, at: 11)
        try s.bind(friend.shopify?.abandonedCartAt, at: 12)
        try s.bind(friend.hubspot != nil, at: 13)
        let hubspotID = friend.hubspot?.id.map(StoredText.nfc)
        try s.bind(hubspotID, at: 14)
        try s.bind(hubspotID.flatMap(StoredText.foldedCopy), at: 15)
        try s.bind(friend.klaviyo != nil, at: 16)
        let klaviyoID = friend.klaviyo?.id.map(StoredText.nfc)
        try s.bind(klaviyoID, at: 17)
        try s.bind(klaviyoID.flatMap(StoredText.foldedCopy), at: 18)
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
        let stmt = insertSet[table]
        var written: [String] = []
        written.reserveCapacity(values.count)
        for raw in values {
            let value = StoredText.nfc(raw)
            if written.contains(where: { $0.utf8.elementsEqual(value.utf8) }) { continue }
            try runOnce(stmt) {
                try $0.bind(row, at: 1)
                try $0.bind(Int64(written.count), at: 2)
                try $0.bind(value, at: 3)
                try $0.bind(StoredText.foldedCopy(value), at: 4)
            }
            written.append(value)
            if recordTags { seenTags.insert(value) }
        }
    }

    private func insertProperties(_ properties: [String: PropertyValue],
                                  integration: SQLiteSchema.PropertyIntegration, row: Int64) throws {
        for (rawName, value) in properties {
            try runOnce(insertProperty) { s in
                try s.bind(row, at: 1)
                try s.bind(integration.rawValue, at: 2)
                try s.bind(StoredText.nfc(rawName), at: 3)
                switch value {
                case .string(let raw):
                    let text = StoredText.nfc(raw)
                    try s.bind(SQLiteSchema.PropertyKind.string.rawValue, at: 4)
                    try s.bind(text, at: 5)
                    try s.bind(StoredText.foldedCopy(text), at: 6)
                case .number(let number):
                    try s.bind(SQLiteSchema.PropertyKind.number.rawValue, at: 4)
                    try s.bind(number, at: 5)
                case .bool(let flag):
                    try s.bind(SQLiteSchema.PropertyKind.bool.rawValue, at: 4)
                    try s.bind(flag, at: 5)
                }
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
