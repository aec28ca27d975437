/// Migration 4: the catalogues the facade keeps per account — saved
/// segments (a static one's members), proposals (a static snapshot's
/// members) and where a segment came from. Like every table, each is keyed
/// by the account first. Names, query texts, people and notes are `bytea`
/// (NFC UTF-8, compared byte-wise, U+0000 allowed), as friend strings are.
extension PostgresSchema {
    static let catalogMigration = Migration(version: 4, summary: "saved segments, proposals, segment provenance", sql: """
        CREATE TABLE segments(
            account integer NOT NULL REFERENCES accounts ON DELETE CASCADE,
            name bytea NOT NULL,
            folder bytea,
            query_text bytea NOT NULL,
            canonical_text bytea NOT NULL,
            kind text NOT NULL CHECK (kind IN ('dynamic', 'static')),
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            PRIMARY KEY(account, name)
        );
        CREATE TABLE segment_members(
            account integer NOT NULL,
            segment bytea NOT NULL,
            friend_id bytea NOT NULL,
            PRIMARY KEY(account, segment, friend_id),
            FOREIGN KEY(account, segment) REFERENCES segments(account, name) ON DELETE CASCADE
        );
        CREATE TABLE proposals(
            account integer NOT NULL REFERENCES accounts ON DELETE CASCADE,
            id text NOT NULL,
            kind text NOT NULL,
            target bytea NOT NULL,
            proposer bytea NOT NULL,
            proposed_at bigint NOT NULL,
            fingerprint text NOT NULL,
            body text NOT NULL,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'cancelled')),
            decided_by bytea,
            decided_at bigint,
            surface text,
            note bytea,
            PRIMARY KEY(account, id)
        );
        CREATE INDEX proposals_by_time ON proposals(account, proposed_at DESC, id);
        CREATE TABLE proposal_members(
            account integer NOT NULL,
            proposal text NOT NULL,
            friend_id bytea NOT NULL,
            PRIMARY KEY(account, proposal, friend_id),
            FOREIGN KEY(account, proposal) REFERENCES proposals(account, id) ON DELETE CASCADE
        );
        CREATE TABLE segment_provenance(
            account integer NOT NULL,
            segment bytea NOT NULL,
            proposal text NOT NULL,
            segment_updated_at bigint NOT NULL,
            PRIMARY KEY(account, segment),
            FOREIGN KEY(account, segment) REFERENCES segments(account, name) ON DELETE CASCADE
        );
        """)
}
