import SegqStore

/// The account's saved segments (`segments`, a static one's members in
/// `segment_members`). Every write runs in `write`, so it holds the
/// account's lock and joins a catalogue change already holding it.
extension PostgresStore {
    private static let segmentColumns = "name, folder, query_text, canonical_text, kind, created_at, updated_at"

    private static func decodeSegment(_ rows: PostgresRows, _ r: Int) -> SavedSegment {
        SavedSegment(name: rows.string(r, 0), folder: rows.optionalString(r, 1), queryText: rows.string(r, 2),
                     canonicalText: rows.string(r, 3), kind: SegmentKind(rawValue: rows.string(r, 4)) ?? .dynamic,
                     createdAt: rows.int64(r, 5), updatedAt: rows.int64(r, 6))
    }

    @discardableResult
    public func saveSegment(_ segment: SavedSegment, members: [String] = [], now: Int64? = nil) throws -> SavedSegment {
        let time = now ?? Self.currentTimeMillis()
        let name = PostgresText.nfc(segment.name)
        return try write {
            try db.query("""
                INSERT INTO segments(account, name, folder, query_text, canonical_text, kind, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
                ON CONFLICT (account, name) DO UPDATE SET folder = excluded.folder, query_text = excluded.query_text,
                    canonical_text = excluded.canonical_text, kind = excluded.kind, updated_at = excluded.updated_at
                """, [.int4(account), .stored(name), .storedOrNull(segment.folder), .stored(segment.queryText),
                      .stored(segment.canonicalText), .text(segment.kind.rawValue), .int8(time)])
            try db.query("DELETE FROM segment_members WHERE account = $1 AND segment = $2", [.int4(account), .stored(name)])
            if segment.kind == .static, !members.isEmpty {
                try db.query("""
                    INSERT INTO segment_members(account, segment, friend_id) SELECT $1, $2, unnest($3::bytea[])
                    ON CONFLICT DO NOTHING
                    """, [.int4(account), .stored(name), .storedArray(members.map(PostgresText.nfc))])
            }
            guard let saved = try self.segment(named: name) else {
                throw PostgresError.store("segment \(name) vanished while saving")
            }
            return saved
        }
    }

    public func segments() throws -> [SavedSegment] {
        let rows = try db.query("SELECT \(Self.segmentColumns) FROM segments WHERE account = $1 ORDER BY name",
                                [.int4(account)])
        return (0..<rows.count).map { Self.decodeSegment(rows, $0) }
    }

    public func segmentNames() throws -> [String] {
        let rows = try db.query("SELECT name FROM segments WHERE account = $1 ORDER BY name", [.int4(account)])
        return (0..<rows.count).map { rows.string($0, 0) }
    }

    public func segment(named name: String) throws -> SavedSegment? {
        let rows = try db.query("SELECT \(Self.segmentColumns) FROM segments WHERE account = $1 AND name = $2",
                                [.int4(account), .stored(PostgresText.nfc(name))])
        return rows.count == 1 ? Self.decodeSegment(rows, 0) : nil
    }

    public func segmentMembers(named name: String) throws -> [String]? {
        guard try segment(named: name) != nil else { return nil }
        let rows = try db.query("SELECT friend_id FROM segment_members WHERE account = $1 AND segment = $2 ORDER BY friend_id",
                                [.int4(account), .stored(PostgresText.nfc(name))])
        return (0..<rows.count).map { rows.string($0, 0) }
    }

    @discardableResult
    public func dropSegment(named name: String) throws -> Bool {
        try write {
            try db.query("DELETE FROM segments WHERE account = $1 AND name = $2",
                         [.int4(account), .stored(PostgresText.nfc(name))]).affected > 0
        }
    }

    /// Puts the segment in `folder` (nil: none), leaving its query and
    /// members as they are; false when there is no such segment.
    @discardableResult
    public func setSegmentFolder(_ name: String, folder: String?, now: Int64? = nil) throws -> Bool {
        let time = now ?? Self.currentTimeMillis()
        return try write {
            try db.query("UPDATE segments SET folder = $3, updated_at = $4 WHERE account = $1 AND name = $2",
                         [.int4(account), .stored(PostgresText.nfc(name)), .storedOrNull(folder), .int8(time)]).affected > 0
        }
    }

    /// Rewrites the query texts of saved segments (inside the caller's write).
    func applySegmentUpdates(_ updates: [SegmentQueryUpdate], now: Int64) throws {
        for update in updates {
            let changed = try db.query("""
                UPDATE segments SET query_text = $3, canonical_text = $4, updated_at = $5
                WHERE account = $1 AND name = $2
                """, [.int4(account), .stored(PostgresText.nfc(update.name)), .stored(update.queryText),
                      .stored(update.canonicalText), .int8(now)]).affected
            if changed == 0 { throw PostgresError.store("no segment named \(update.name) to rewrite") }
        }
    }
}

/// The account's saved segments as the planner reads them.
extension PostgresStore: SavedSegmentSource, CatalogStore {
    public func savedSegmentNames() throws -> [String] { try segmentNames() }

    public func segmentDefinition(named name: String) throws -> SegmentDefinition? {
        try catalogedDefinition(named: name)
    }

    public func writeTransaction<T>(_ body: () throws -> T) throws -> T { try write(body) }
}
