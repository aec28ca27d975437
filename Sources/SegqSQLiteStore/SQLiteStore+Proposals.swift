import SegqStore
/// Proposals, their static snapshot members and segment provenance. The
/// tables are created on first write (`CREATE TABLE IF NOT EXISTS`), so
/// stores written before proposals existed open unchanged; reads of a
/// store without them find nothing.
extension SQLiteStore {
    static let proposalTables = """
        CREATE TABLE IF NOT EXISTS proposals(
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            proposer TEXT NOT NULL,
            proposed_at INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK(status IN ('pending', 'approved', 'cancelled')),
            decided_by TEXT,
            decided_at INTEGER,
            surface TEXT,
            note TEXT
        );
        CREATE TABLE IF NOT EXISTS proposal_members(
            proposal TEXT NOT NULL,
            friend_id TEXT NOT NULL,
            PRIMARY KEY(proposal, friend_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS segment_provenance(
            segment TEXT PRIMARY KEY,
            proposal TEXT NOT NULL,
            segment_updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    private static let proposalColumns =
        "id, kind, target, proposer, proposed_at, fingerprint, body, status, decided_by, decided_at, surface, note"

    private static func decodeProposal(_ s: SQLiteStatement) -> StoredProposal {
        StoredProposal(id: s.text(0), kind: s.text(1), target: s.text(2), proposer: s.text(3),
                       proposedAt: s.int64(4), fingerprint: s.text(5), body: s.text(6), status: s.text(7),
                       decidedBy: s.optionalText(8), decidedAt: s.optionalInt64(9), surface: s.optionalText(10),
                       note: s.optionalText(11))
    }

    /// Whether the proposal tables exist yet.
    func hasProposalTables() throws -> Bool {
        try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'proposals'") > 0
    }

    /// Records a new pending proposal and, for a static snapshot, its members.
    public func insertProposal(_ proposal: StoredProposal, members: [String] = []) throws {
        try db.transaction {
            try db.execute(Self.proposalTables)
            try withStatement("INSERT INTO proposals(\(Self.proposalColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") { s in
                try s.bind(proposal.id, at: 1)
                try s.bind(proposal.kind, at: 2)
                try s.bind(StoredText.nfc(proposal.target), at: 3)
                try s.bind(proposal.proposer, at: 4)
                try s.bind(proposal.proposedAt, at: 5)
                try s.bind(proposal.fingerprint, at: 6)
                try s.bind(proposal.body, at: 7)
                try s.bind(proposal.status, at: 8)
                try s.bind(proposal.decidedBy, at: 9)
                try s.bind(proposal.decidedAt, at: 10)
                try s.bind(proposal.surface, at: 11)
                try s.bind(proposal.note, at: 12)
                try s.run()
            }
            try withStatement("INSERT OR IGNORE INTO proposal_members(proposal, friend_id) VALUES (?, ?)") { s in
                for member in members {
                    s.reset()
                    try s.bind(proposal.id, at: 1)
                    try s.bind(StoredText.nfc(member), at: 2)
                    try s.run()
                }
            }
        }
    }

    /// The proposal with exactly this id, if any.
    public func proposal(id: String) throws -> StoredProposal? {
        guard try hasProposalTables() else { return nil }
        return try withStatement("SELECT \(Self.proposalColumns) FROM proposals WHERE id = ?") { s in
            try s.bind(id, at: 1)
            return try s.step() ? Self.decodeProposal(s) : nil
        }
    }

    /// Every proposal, newest first.
    public func proposals() throws -> [StoredProposal] {
        guard try hasProposalTables() else { return [] }
        return try withStatement("SELECT \(Self.proposalColumns) FROM proposals ORDER BY proposed_at DESC, id") { s in
            var result: [StoredProposal] = []
            while try s.step() { result.append(Self.decodeProposal(s)) }
            return result
        }
    }

    /// The static snapshot members recorded with a proposal, sorted.
    public func proposalMembers(id: String) throws -> [String] {
        guard try hasProposalTables() else { return [] }
        return try withStatement("SELECT friend_id FROM proposal_members WHERE proposal = ? ORDER BY friend_id") { s in
            try s.bind(id, at: 1)
            var ids: [String] = []
            while try s.step() { ids.append(s.text(0)) }
            return ids
        }
    }

    /// Records the decision on a pending proposal; false when it was no
    /// longer pending (someone decided first), in which case nothing changes.
    public func decideProposal(id: String, status: String, by person: String, at time: Int64,
                               surface: String, note: String?) throws -> Bool {
        guard try hasProposalTables() else { return false }
        return try withStatement("""
            UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, surface = ?, note = ?
            WHERE id = ? AND status = 'pending'
            """) { s in
            try s.bind(status, at: 1)
            try s.bind(person, at: 2)
            try s.bind(time, at: 3)
            try s.bind(surface, at: 4)
            try s.bind(note, at: 5)
            try s.bind(id, at: 6)
            try s.run()
            return db.changes > 0
        }
    }

    /// Marks `segment` as saved by `proposalID` at its current `updated_at`.
    public func setSegmentProvenance(segment: String, proposalID: String) throws {
        try db.transaction {
            try db.execute(Self.proposalTables)
            guard let saved = try self.segment(named: segment) else {
                throw SQLiteError.store("no segment named \(segment) to record provenance for")
            }
            try withStatement("""
                INSERT INTO segment_provenance(segment, proposal, segment_updated_at) VALUES (?, ?, ?)
                ON CONFLICT(segment) DO UPDATE SET proposal = excluded.proposal,
                    segment_updated_at = excluded.segment_updated_at
                """) { s in
                try s.bind(saved.name, at: 1)
                try s.bind(proposalID, at: 2)
                try s.bind(saved.updatedAt, at: 3)
                try s.run()
            }
        }
    }

    /// The provenance recorded for `segment`, if any (the caller checks it
    /// still matches the segment's `updated_at`).
    public func segmentProvenance(segment: String) throws -> SegmentProvenance? {
        guard try hasProposalTables() else { return nil }
        return try withStatement("SELECT segment, proposal, segment_updated_at FROM segment_provenance WHERE segment = ?") { s in
            try s.bind(StoredText.nfc(segment), at: 1)
            return try s.step() ? SegmentProvenance(segment: s.text(0), proposalID: s.text(1), segmentUpdatedAt: s.int64(2)) : nil
        }
    }
}
