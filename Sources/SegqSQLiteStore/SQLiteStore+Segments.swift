import SegqStore
/// Saved segments: a minimal CRUD layer the segment commands build on.
extension SQLiteStore {
    private static let segmentColumns = "name, folder, query_text, canonical_text, kind, created_at, updated_at"

    private static func decodeSegment(_ s: SQLiteStatement) -> SavedSegment {
        SavedSegment(name: s.text(0), folder: s.optionalText(1), queryText: s.text(2),
                     canonicalText: s.text(3), kind: SegmentKind(rawValue: s.text(4)) ?? .dynamic,
                     createdAt: s.int64(5), updatedAt: s.int64(6))
    }

    /// Saves `segment` under its name in one transaction, replacing a segment
    /// of that name (whose creation time is kept). A static segment's
    /// `members` (friend ids) replace its stored members; a dynamic one stores none.
    /// Returns the segment as stored.
    @discardableResult
    public func saveSegment(_ segment: SavedSegment, members: [String] = [], now: Int64? = nil) throws -> SavedSegment {
        let time = now ?? Self.currentTimeMillis()
        let name = StoredText.nfc(segment.name)
        defer { cachedSchema = nil; cachedValues[.segment] = nil }
        return try db.transaction {
            let segmentID: Int64 = try withStatement("""
                INSERT INTO segments(name, folder, query_text, canonical_text, kind, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET folder = excluded.folder, query_text = excluded.query_text,
                    canonical_text = excluded.canonical_text, kind = excluded.kind, updated_at = excluded.updated_at
                RETURNING segment_id
                """) { s in
                try s.bind(name, at: 1)
                try s.bind(segment.folder, at: 2)
                try s.bind(segment.queryText, at: 3)
                try s.bind(segment.canonicalText, at: 4)
                try s.bind(segment.kind.rawValue, at: 5)
                try s.bind(time, at: 6)
                try s.bind(time, at: 7)
                guard try s.step() else { throw SQLiteError.store("saving segment \(name) returned no row") }
                return s.int64(0)
            }
            try withStatement("DELETE FROM segment_members WHERE segment = ?") { s in
                try s.bind(segmentID, at: 1)
                try s.run()
            }
            if segment.kind == .static {
                try withStatement("INSERT OR IGNORE INTO segment_members(segment, friend_id) VALUES (?, ?)") { s in
                    for member in members {
                        s.reset()
                        try s.bind(segmentID, at: 1)
                        try s.bind(StoredText.nfc(member), at: 2)
                        try s.run()
                    }
                }
            }
            guard let saved = try self.segment(named: name) else {
                throw SQLiteError.store("segment \(name) vanished while saving")
            }
            return saved
        }
    }

    /// Every saved segment, by name.
    public func segments() throws -> [SavedSegment] {
        try withStatement("SELECT \(Self.segmentColumns) FROM segments ORDER BY name") { s in
            var result: [SavedSegment] = []
            while try s.step() { result.append(Self.decodeSegment(s)) }
            return result
        }
    }

    /// Names of the saved segments, sorted.
    public func segmentNames() throws -> [String] {
        try withStatement("SELECT name FROM segments ORDER BY name") { s in
            var result: [String] = []
            while try s.step() { result.append(s.text(0)) }
            return result
        }
    }

    /// The segment named `name` (exact, NFC), if any.
    public func segment(named name: String) throws -> SavedSegment? {
        try withStatement("SELECT \(Self.segmentColumns) FROM segments WHERE name = ?") { s in
            try s.bind(StoredText.nfc(name), at: 1)
            return try s.step() ? Self.decodeSegment(s) : nil
        }
    }

    /// The stored member ids of a static segment, sorted (empty for a
    /// dynamic one); nil when there is no such segment.
    public func segmentMembers(named name: String) throws -> [String]? {
        guard try segment(named: name) != nil else { return nil }
        return try withStatement("""
            SELECT m.friend_id FROM segment_members m JOIN segments s ON s.segment_id = m.segment
            WHERE s.name = ? ORDER BY m.friend_id
            """) { s in
            try s.bind(StoredText.nfc(name), at: 1)
            var ids: [String] = []
            while try s.step() { ids.append(s.text(0)) }
            return ids
        }
    }

    /// Deletes the segment and its members; false when there was none.
    /// (Refusing to drop a segment other segments use is the caller's job:
    /// it needs their syntax trees.)
    @discardableResult
    public func dropSegment(named name: String) throws -> Bool {
        defer { cachedSchema = nil; cachedValues[.segment] = nil }
        return try db.transaction {
            try withStatement("DELETE FROM segment_members WHERE segment IN (SELECT segment_id FROM segments WHERE name = ?)") { s in
                try s.bind(StoredText.nfc(name), at: 1)
                try s.run()
            }
            return try withStatement("DELETE FROM segments WHERE name = ?") { s in
                try s.bind(StoredText.nfc(name), at: 1)
                try s.run()
                return db.changes > 0
            }
        }
    }

    /// Puts the segment in `folder` (nil: none), leaving its query and
    /// members as they are; false when there is no such segment.
    @discardableResult
    public func setSegmentFolder(_ name: String, folder: String?, now: Int64? = nil) throws -> Bool {
        defer { cachedSchema = nil; cachedValues[.segment] = nil }
        return try withStatement("UPDATE segments SET folder = ?, updated_at = ? WHERE name = ?") { s in
            try s.bind(folder, at: 1)
            try s.bind(now ?? Self.currentTimeMillis(), at: 2)
            try s.bind(StoredText.nfc(name), at: 3)
            try s.run()
            return db.changes > 0
        }
    }

    /// Rewrites the query texts of saved segments (inside the caller's transaction).
    func applySegmentUpdates(_ updates: [SegmentQueryUpdate], now: Int64) throws {
        try withStatement("UPDATE segments SET query_text = ?, canonical_text = ?, updated_at = ? WHERE name = ?") { s in
            for update in updates {
                s.reset()
                try s.bind(update.queryText, at: 1)
                try s.bind(update.canonicalText, at: 2)
                try s.bind(now, at: 3)
                try s.bind(StoredText.nfc(update.name), at: 4)
                try s.run()
                if db.changes == 0 { throw SQLiteError.store("no segment named \(update.name) to rewrite") }
            }
        }
    }

    /// Rewrites several segments' queries in one transaction.
    public func updateSegmentQueries(_ updates: [SegmentQueryUpdate], now: Int64? = nil) throws {
        try db.transaction { try applySegmentUpdates(updates, now: now ?? Self.currentTimeMillis()) }
    }
}
