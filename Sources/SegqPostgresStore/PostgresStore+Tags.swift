import SegqStore

/// Tags on the account's friends (`friend_tags`) and its tag catalogue
/// (`tag_catalog`: folders, update times). Every write runs in `write`.
extension PostgresStore {
    public func tags() throws -> [TagInfo] {
        var result: [String: TagInfo] = [:]
        let held = try db.query("SELECT value, count(*) FROM friend_tags WHERE account = $1 GROUP BY value",
                                [.int4(account)])
        for r in 0..<held.count {
            result[held.string(r, 0)] = TagInfo(name: held.string(r, 0), friendCount: Int(held.int64(r, 1)))
        }
        let catalogued = try db.query("SELECT name, folder, updated_at FROM tag_catalog WHERE account = $1", [.int4(account)])
        for r in 0..<catalogued.count {
            let name = catalogued.string(r, 0)
            result[name] = TagInfo(name: name, folder: catalogued.optionalString(r, 1),
                                   friendCount: result[name]?.friendCount ?? 0, updatedAt: catalogued.int64(r, 2))
        }
        return result.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    public func tagExists(_ name: String) throws -> Bool {
        try db.query("""
            SELECT EXISTS(SELECT 1 FROM tag_catalog WHERE account = $1 AND name = $2)
                OR EXISTS(SELECT 1 FROM friend_tags WHERE account = $1 AND value = $2)
            """, [.int4(account), .stored(PostgresText.nfc(name))]).bool(0, 0)
    }

    @discardableResult
    public func renameTag(_ old: String, to new: String, rewriting segments: [SegmentQueryUpdate] = [],
                          merge: Bool = false, now: Int64? = nil) throws -> Int {
        let from = PostgresText.nfc(old), to = PostgresText.nfc(new)
        let time = now ?? Self.currentTimeMillis()
        return try write { try keepingTagBitmaps([from, to]) {
            guard try tagExists(from) else { throw PostgresError.store("no tag named \(old)") }
            if from.utf8.elementsEqual(to.utf8) { return 0 }
            if try tagExists(to), !merge { throw PostgresError.store("a tag named \(new) already exists") }
            let count = Int(try db.query("SELECT count(*) FROM friend_tags WHERE account = $1 AND value = $2",
                                         [.int4(account), .stored(from)]).int64(0, 0))
            try forgetContentHashes(holding: from)
            // Friends that already hold `to` keep that one; the others' `from` becomes `to` in place.
            try db.query("""
                UPDATE friend_tags t SET value = $3, value_folded = $4
                WHERE t.account = $1 AND t.value = $2
                  AND NOT EXISTS (SELECT 1 FROM friend_tags o WHERE o.account = $1 AND o.friend = t.friend AND o.value = $3)
                """, [.int4(account), .stored(from), .stored(to), .storedOrNull(PostgresText.foldedCopy(to))])
            try db.query("DELETE FROM friend_tags WHERE account = $1 AND value = $2", [.int4(account), .stored(from)])
            let folder = try db.query("DELETE FROM tag_catalog WHERE account = $1 AND name = $2 RETURNING folder",
                                      [.int4(account), .stored(from)])
            try db.query("""
                INSERT INTO tag_catalog(account, name, folder, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (account, name) DO UPDATE SET updated_at = excluded.updated_at,
                    folder = coalesce(tag_catalog.folder, excluded.folder)
                """, [.int4(account), .stored(to), .textOrNull(folder.count == 1 ? folder.optionalString(0, 0) : nil),
                      .int8(time)])
            try applySegmentUpdates(segments, now: time)
            return count
        } }
    }

    @discardableResult
    public func deleteTag(_ name: String) throws -> Int {
        let n = PostgresText.nfc(name)
        return try write { try keepingTagBitmaps([n]) {
            try forgetContentHashes(holding: n)
            let count = try db.query("DELETE FROM friend_tags WHERE account = $1 AND value = $2",
                                     [.int4(account), .stored(n)]).affected
            try db.query("DELETE FROM tag_catalog WHERE account = $1 AND name = $2", [.int4(account), .stored(n)])
            return count
        } }
    }

    @discardableResult
    public func addTag(_ name: String, toRows rows: [Int], now: Int64? = nil) throws -> Int {
        let n = PostgresText.nfc(name)
        return try write { try keepingTagBitmaps([n]) {
            // A new tag goes after the friend's others (`pos` keeps the order tags were given in).
            let added = try db.query("""
                INSERT INTO friend_tags(account, friend, pos, value, value_folded)
                SELECT $1, f.row_id,
                       coalesce((SELECT max(pos) + 1 FROM friend_tags t WHERE t.account = $1 AND t.friend = f.row_id), 0),
                       $2, $3
                FROM friends f
                WHERE f.account = $1 AND f.row_id = ANY($4)
                  AND NOT EXISTS (SELECT 1 FROM friend_tags t WHERE t.account = $1 AND t.friend = f.row_id AND t.value = $2)
                RETURNING friend
                """, [.int4(account), .stored(n), .storedOrNull(PostgresText.foldedCopy(n)),
                      .int4Array(rows.map { Int32(clamping: $0) })])
            try forgetContentHashes(rows: (0..<added.count).map { Int(added.int64($0, 0)) })
            try touchTag(n, now: now)
            return added.count
        } }
    }

    @discardableResult
    public func removeTag(_ name: String, fromRows rows: [Int], now: Int64? = nil) throws -> Int {
        let n = PostgresText.nfc(name)
        return try write { try keepingTagBitmaps([n]) {
            let removed = try db.query("DELETE FROM friend_tags WHERE account = $1 AND value = $2 AND friend = ANY($3) RETURNING friend",
                                       [.int4(account), .stored(n), .int4Array(rows.map { Int32(clamping: $0) })])
            try forgetContentHashes(rows: (0..<removed.count).map { Int(removed.int64($0, 0)) })
            try touchTag(n, now: now)
            return removed.count
        } }
    }

    public func setTagFolder(_ name: String, folder: String?, now: Int64? = nil) throws {
        let n = PostgresText.nfc(name)
        try write {
            try touchTag(n, now: now)
            try db.query("UPDATE tag_catalog SET folder = $3 WHERE account = $1 AND name = $2",
                         [.int4(account), .stored(n), .textOrNull(folder)])
        }
    }

    /// A tag change makes friends differ from the records they were
    /// imported from: their content hashes are cleared, so the next import
    /// of those records rewrites them (and counts them updated) rather than
    /// keeping the changed tags as unchanged.
    private func forgetContentHashes(rows: [Int]) throws {
        if rows.isEmpty { return }
        try db.query("UPDATE friends SET content_hash = NULL WHERE account = $1 AND row_id = ANY($2) AND content_hash IS NOT NULL",
                     [.int4(account), .int4Array(rows.map { Int32(clamping: $0) })])
    }

    private func forgetContentHashes(holding tag: String) throws {
        try db.query("""
            UPDATE friends SET content_hash = NULL
            WHERE account = $1 AND content_hash IS NOT NULL
              AND row_id IN (SELECT friend FROM friend_tags WHERE account = $1 AND value = $2)
            """, [.int4(account), .stored(tag)])
    }

    /// Records that a tag changed now (adding it to the catalogue if new).
    private func touchTag(_ name: String, now: Int64?) throws {
        try db.query("""
            INSERT INTO tag_catalog(account, name, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (account, name) DO UPDATE SET updated_at = excluded.updated_at
            """, [.int4(account), .stored(name), .int8(now ?? Self.currentTimeMillis())])
    }
}
