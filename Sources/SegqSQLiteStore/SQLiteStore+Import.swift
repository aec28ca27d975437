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
        // Into an empty store (a bulk load), memory stays bounded whatever
        // the file's size: pages are read through a small page cache, not
        // mapped (mapped pages of a scanned table count as resident), and the
        // sorts of the index builds spill to temporary files past it. Into a
        // store that has friends, a large cache keeps the pages an update
        // dirties until the commit (spilling them early journals and syncs
        // them twice), and the mapping serves the reads.
        let empty = try db.scalarInt("SELECT EXISTS(SELECT 1 FROM friends)") == 0
        if empty {
            try db.execute("PRAGMA cache_size = -\(Self.bulkImportCacheKiB); PRAGMA mmap_size = 0; PRAGMA temp_store = FILE")
        } else {
            try db.execute("PRAGMA cache_size = -\(Self.updateImportCacheKiB)")
        }
        defer {
            try? db.execute("PRAGMA cache_size = -\(Self.queryCacheKiB); PRAGMA mmap_size = \(Self.queryMmapBytes); PRAGMA temp_store = MEMORY")
        }
        ImportTrace.mark("begin")
        defer { ImportTrace.mark("committed") }
        return try db.transaction {
            // What the store holds now, to count each record as new, changed or unchanged.
            // An upsert also reads the stored line hashes: the lines it finds are not parsed.
            let known = try db.scalarInt("SELECT EXISTS(SELECT 1 FROM friends)") == 0
                ? StoredFriendIndex() : StoredFriendIndex(db: db, lines: mode == .upsert)
            ImportTrace.mark("stored friends read")
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
            // Handed over, not shared: the writer's first match would otherwise copy the whole index.
            let writer = try FriendWriter(store: self, bulk: bulk, known: consume known, replacing: mode == .replace)
            // The bulk load's row writer thread stops before the transaction ends, whatever happened.
            defer { writer.close() }
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
            let summary = ImportSummary(inserted: writer.inserted, updated: writer.updated, unchanged: writer.unchanged,
                                        removed: mode == .replace ? writer.removed : nil)
            // Nothing written: the catalogues, statistics and bitmaps still describe the data.
            if mode == .upsert && summary.inserted + summary.updated == 0 { return summary }
            try finishImport(seenTags: writer.seenTags, changes: writer.changes, bulk: bulk,
                             now: now ?? Self.currentTimeMillis())
            return summary
        }
    }

    /// Page cache sizes (KiB) while importing into an empty store, into one
    /// that has friends, and otherwise.
    static var bulkImportCacheKiB: Int { 96 * 1024 }
    static var updateImportCacheKiB: Int { 512 * 1024 }
    static var queryCacheKiB: Int { 64 * 1024 }
    /// Bytes of the file mapped into memory for queries (none while importing).
    static var queryMmapBytes: Int { 1 << 30 }

    /// Imports every friend of `friends` in one transaction (see `importFriends(mode:now:_:)`).
    @discardableResult
    public func importFriends(_ friends: some Sequence<Friend>, mode: ImportMode = .upsert,
                              now: Int64? = nil) throws -> ImportSummary {
        try importFriends(mode: mode, now: now) { writer in
            for friend in friends { try writer.add(friend) }
        }
    }

    /// Work at the end of an import, inside its transaction: catalogues
    /// (property types, linked integrations, tag names) and planner
    /// statistics, brought up to date from what the import changed — counted
    /// from nothing after a bulk load (every row is new).
    private func finishImport(seenTags: Set<String>, changes: FriendChanges, bulk: Bool, now: Int64) throws {
        if bulk || !changes.propertyValues.isEmpty {
            try refreshPropertyTypes()
            ImportTrace.mark("property types")
        }
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
        if bulk { try db.execute("DELETE FROM row_bitmaps") }
        let rows = try updateStatistics(changes, from: bulk ? StatisticsRows() : storedStatisticsRows())
        ImportTrace.mark("statistics")
        let linked: [(Column, Integration)] = [(.shopifyLinked, .shopify), (.hubspotLinked, .hubspot), (.klaviyoLinked, .klaviyo)]
        try setLinkedIntegrations(Set(linked.filter { rows.present($0.0) > 0 }.map(\.1)))
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
