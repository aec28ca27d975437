import SegqStore
/// Tags on friends (`tag` field) and the tag catalogue: a minimal API the
/// tag commands build on. Tag names are unique in a store (exact, NFC).
extension SQLiteStore {
    /// Every tag in the catalogue or on some friend, by name, with friend counts.
    public func tags() throws -> [TagInfo] {
        var result: [String: TagInfo] = [:]
        try withStatement("""
            SELECT name, folder, updated_at, (SELECT count(*) FROM friend_tags WHERE value = c.name) FROM tag_catalog c
            """) { s in
            while try s.step() {
                result[s.text(0)] = TagInfo(name: s.text(0), folder: s.optionalText(1),
                                            friendCount: s.int(3), updatedAt: s.int64(2))
            }
        }
        for name in try distinctSetValues(SQLiteSchema.friendTags) where result[name] == nil {
            let count = try db.scalarInt("SELECT count(*) FROM friend_tags WHERE value = ?", [.text(name)])
            result[name] = TagInfo(name: name, friendCount: Int(count))
        }
        return result.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// True when some friend holds the tag or the catalogue lists it.
    public func tagExists(_ name: String) throws -> Bool {
        let n = StoredText.nfc(name)
        return try db.scalarInt("SELECT EXISTS(SELECT 1 FROM tag_catalog WHERE name = ?) OR EXISTS(SELECT 1 FROM friend_tags WHERE value = ?)",
                                [.text(n), .text(n)]) != 0
    }

    /// Renames a tag on every friend and in the catalogue, and rewrites the
    /// given segments (whose queries used it), all in one transaction.
    /// Throws when `old` does not exist, or `new` exists and `merge` is false
    /// (with `merge`, friends holding both keep one). Returns the number of friends renamed.
    @discardableResult
    public func renameTag(_ old: String, to new: String, rewriting segments: [SegmentQueryUpdate] = [],
                          merge: Bool = false, now: Int64? = nil) throws -> Int {
        let from = StoredText.nfc(old), to = StoredText.nfc(new)
        let time = now ?? Self.currentTimeMillis()
        defer { invalidateCaches() }
        return try db.transaction {
            guard try tagExists(from) else { throw SQLiteError.store("no tag named \(old)") }
            if from.utf8.elementsEqual(to.utf8) { return 0 }
            if try tagExists(to), !merge { throw SQLiteError.store("a tag named \(new) already exists") }
            let count = Int(try db.scalarInt("SELECT count(*) FROM friend_tags WHERE value = ?", [.text(from)]))
            try forgetContentHashes(holding: from)
            try withStatement("UPDATE OR IGNORE friend_tags SET value = ?, value_folded = ? WHERE value = ?") { s in
                try s.bind(to, at: 1)
                try s.bind(StoredText.foldedCopy(to), at: 2)
                try s.bind(from, at: 3)
                try s.run()
            }
            // Friends that already held `to` keep that one.
            try withStatement("DELETE FROM friend_tags WHERE value = ?") { s in
                try s.bind(from, at: 1)
                try s.run()
            }
            let folder = try withStatement("SELECT folder FROM tag_catalog WHERE name = ?") { s -> String? in
                try s.bind(from, at: 1)
                return try s.step() ? s.optionalText(0) : nil
            }
            try withStatement("DELETE FROM tag_catalog WHERE name = ?") { s in
                try s.bind(from, at: 1)
                try s.run()
            }
            try withStatement("""
                INSERT INTO tag_catalog(name, folder, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at, folder = coalesce(folder, excluded.folder)
                """) { s in
                try s.bind(to, at: 1)
                try s.bind(folder, at: 2)
                try s.bind(time, at: 3)
                try s.run()
            }
            try applySegmentUpdates(segments, now: time)
            try refreshTagStatistics()
            return count
        }
    }

    /// Removes a tag from every friend and from the catalogue in one
    /// transaction (refusing while segments use it is the caller's job).
    /// Returns the number of friends that held it.
    @discardableResult
    public func deleteTag(_ name: String) throws -> Int {
        let n = StoredText.nfc(name)
        defer { invalidateCaches() }
        return try db.transaction {
            try forgetContentHashes(holding: n)
            try withStatement("DELETE FROM friend_tags WHERE value = ?") { s in
                try s.bind(n, at: 1)
                try s.run()
            }
            let count = db.changes
            try withStatement("DELETE FROM tag_catalog WHERE name = ?") { s in
                try s.bind(n, at: 1)
                try s.run()
            }
            try refreshTagStatistics()
            return count
        }
    }

    /// Adds the tag to the friends with the given row ids (those already
    /// holding it are unchanged) in one transaction; returns how many gained it.
    @discardableResult
    public func addTag(_ name: String, toRows rows: [Int], now: Int64? = nil) throws -> Int {
        let n = StoredText.nfc(name)
        let folded = StoredText.foldedCopy(n)
        defer { invalidateCaches() }
        return try db.transaction {
            let added = try changedRows(running: """
                INSERT OR IGNORE INTO friend_tags(friend, pos, value, value_folded)
                SELECT row_id, coalesce((SELECT max(pos) + 1 FROM friend_tags WHERE friend = row_id), 0), ?, ?
                FROM friends WHERE row_id = ?
                """, for: rows) { s, row in
                try s.bind(n, at: 1)
                try s.bind(folded, at: 2)
                try s.bind(row, at: 3)
            }
            try forgetContentHashes(rows: added)
            try touchTag(n, now: now)
            try refreshTagStatistics()
            return added.count
        }
    }

    /// Removes the tag from the friends with the given row ids in one
    /// transaction; returns how many lost it. The catalogue keeps the name.
    @discardableResult
    public func removeTag(_ name: String, fromRows rows: [Int], now: Int64? = nil) throws -> Int {
        let n = StoredText.nfc(name)
        defer { invalidateCaches() }
        return try db.transaction {
            let removed = try changedRows(running: "DELETE FROM friend_tags WHERE value = ? AND friend = ?", for: rows) { s, row in
                try s.bind(n, at: 1)
                try s.bind(row, at: 2)
            }
            try forgetContentHashes(rows: removed)
            try touchTag(n, now: now)
            try refreshTagStatistics()
            return removed.count
        }
    }

    /// Runs `sql` once for each row id (`bind` binds its parameters) and
    /// returns the row ids whose run changed something.
    private func changedRows(running sql: String, for rows: [Int],
                             _ bind: (SQLiteStatement, Int) throws -> Void) throws -> [Int] {
        try withStatement(sql) { s in
            var changed: [Int] = []
            for row in rows {
                s.reset()
                try bind(s, row)
                try s.run()
                if db.changes > 0 { changed.append(row) }
            }
            return changed
        }
    }

    /// A tag change makes friends differ from the records they were
    /// imported from: their content hashes are cleared, so the next import
    /// of those records rewrites them (and counts them updated) rather than
    /// keeping the changed tags as unchanged. Their line hashes go too: the
    /// lines no longer give what the store holds, so they are parsed again.
    private func forgetContentHashes(rows: [Int]) throws {
        try withStatement("UPDATE friends SET content_hash = NULL, line_hash = NULL WHERE row_id = ? AND content_hash IS NOT NULL") { s in
            for row in rows {
                s.reset()
                try s.bind(row, at: 1)
                try s.run()
            }
        }
    }

    private func forgetContentHashes(holding tag: String) throws {
        try withStatement("""
            UPDATE friends SET content_hash = NULL, line_hash = NULL
            WHERE content_hash IS NOT NULL AND row_id IN (SELECT friend FROM friend_tags WHERE value = ?)
            """) { s in
            try s.bind(tag, at: 1)
            try s.run()
        }
    }

    /// Puts a tag in a folder (nil: none), adding it to the catalogue if needed.
    public func setTagFolder(_ name: String, folder: String?, now: Int64? = nil) throws {
        try db.transaction {
            try touchTag(StoredText.nfc(name), now: now)
            try withStatement("UPDATE tag_catalog SET folder = ? WHERE name = ?") { s in
                try s.bind(folder, at: 1)
                try s.bind(StoredText.nfc(name), at: 2)
                try s.run()
            }
        }
    }

    /// Records that a tag changed now (adding it to the catalogue if new).
    private func touchTag(_ name: String, now: Int64?) throws {
        try withStatement("""
            INSERT INTO tag_catalog(name, updated_at) VALUES (?, ?)
            ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at
            """) { s in
            try s.bind(name, at: 1)
            try s.bind(now ?? Self.currentTimeMillis(), at: 2)
            try s.run()
        }
    }
}
