import SegqStore

/// The account's proposals (`proposals`, a static snapshot's members in
/// `proposal_members`) and where its segments came from (`segment_provenance`).
extension PostgresStore {
    private static let proposalColumns =
        "id, kind, target, proposer, proposed_at, fingerprint, body, status, decided_by, decided_at, surface, note"

    private static func decodeProposal(_ rows: PostgresRows, _ r: Int) -> StoredProposal {
        StoredProposal(id: rows.string(r, 0), kind: rows.string(r, 1), target: rows.string(r, 2),
                       proposer: rows.string(r, 3), proposedAt: rows.int64(r, 4), fingerprint: rows.string(r, 5),
                       body: rows.string(r, 6), status: rows.string(r, 7), decidedBy: rows.optionalString(r, 8),
                       decidedAt: rows.optionalInt64(r, 9), surface: rows.optionalString(r, 10),
                       note: rows.optionalString(r, 11))
    }

    public func insertProposal(_ proposal: StoredProposal, members: [String] = []) throws {
        try write {
            try db.query("""
                INSERT INTO proposals(account, \(Self.proposalColumns))
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """, [.int4(account), .text(proposal.id), .text(proposal.kind), .stored(PostgresText.nfc(proposal.target)),
                      .stored(proposal.proposer), .int8(proposal.proposedAt), .text(proposal.fingerprint),
                      .text(proposal.body), .text(proposal.status), .storedOrNull(proposal.decidedBy),
                      .int8OrNull(proposal.decidedAt), .textOrNull(proposal.surface), .storedOrNull(proposal.note)])
            if !members.isEmpty {
                try db.query("""
                    INSERT INTO proposal_members(account, proposal, friend_id) SELECT $1, $2, unnest($3::bytea[])
                    ON CONFLICT DO NOTHING
                    """, [.int4(account), .text(proposal.id), .storedArray(members.map(PostgresText.nfc))])
            }
        }
    }

    public func proposal(id: String) throws -> StoredProposal? {
        let rows = try db.query("SELECT \(Self.proposalColumns) FROM proposals WHERE account = $1 AND id = $2",
                                [.int4(account), .text(id)])
        return rows.count == 1 ? Self.decodeProposal(rows, 0) : nil
    }

    public func proposals() throws -> [StoredProposal] {
        let rows = try db.query("SELECT \(Self.proposalColumns) FROM proposals WHERE account = $1 ORDER BY proposed_at DESC, id",
                                [.int4(account)])
        return (0..<rows.count).map { Self.decodeProposal(rows, $0) }
    }

    public func proposalMembers(id: String) throws -> [String] {
        let rows = try db.query("SELECT friend_id FROM proposal_members WHERE account = $1 AND proposal = $2 ORDER BY friend_id",
                                [.int4(account), .text(id)])
        return (0..<rows.count).map { rows.string($0, 0) }
    }

    public func decideProposal(id: String, status: String, by person: String, at time: Int64,
                               surface: String, note: String?) throws -> Bool {
        try write {
            try db.query("""
                UPDATE proposals SET status = $3, decided_by = $4, decided_at = $5, surface = $6, note = $7
                WHERE account = $1 AND id = $2 AND status = 'pending'
                """, [.int4(account), .text(id), .text(status), .stored(person), .int8(time), .text(surface),
                      .storedOrNull(note)]).affected > 0
        }
    }

    public func setSegmentProvenance(segment: String, proposalID: String) throws {
        try write {
            guard let saved = try self.segment(named: segment) else {
                throw PostgresError.store("no segment named \(segment) to record provenance for")
            }
            try db.query("""
                INSERT INTO segment_provenance(account, segment, proposal, segment_updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (account, segment) DO UPDATE SET proposal = excluded.proposal,
                    segment_updated_at = excluded.segment_updated_at
                """, [.int4(account), .stored(saved.name), .text(proposalID), .int8(saved.updatedAt)])
        }
    }

    public func segmentProvenance(segment: String) throws -> SegmentProvenance? {
        let rows = try db.query("""
            SELECT segment, proposal, segment_updated_at FROM segment_provenance WHERE account = $1 AND segment = $2
            """, [.int4(account), .stored(PostgresText.nfc(segment))])
        return rows.count == 1
            ? SegmentProvenance(segment: rows.string(0, 0), proposalID: rows.string(0, 1), segmentUpdatedAt: rows.int64(0, 2))
            : nil
    }
}
