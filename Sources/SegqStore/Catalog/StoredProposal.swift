/// A pending change an agent proposed, as stored. What it proposes and
/// what the person saw (count, sample, summary, diff) is `body`, a JSON
/// document the facade writes and reads; the store keeps the columns it
/// needs to list, find and decide proposals.
public struct StoredProposal: Hashable, Sendable {
    /// The short id a person types (`k7f3qa`).
    public var id: String
    /// `segment.save`, `segment.drop`, `tag.add`, `tag.remove`, `tag.rename`, `tag.delete`.
    public var kind: String
    /// The segment or tag the change is about.
    public var target: String
    public var proposer: String
    /// Milliseconds since the epoch.
    public var proposedAt: Int64
    /// SHA-256 (hex) of everything that decides the change's audience.
    public var fingerprint: String
    public var body: String
    /// `pending`, `approved` or `cancelled`.
    public var status: String
    public var decidedBy: String?
    public var decidedAt: Int64?
    /// Where the decision was taken: `terminal`, `repl`, `mcp`.
    public var surface: String?
    /// Why a decision was refused or what it did, for the record.
    public var note: String?

    public init(id: String, kind: String, target: String, proposer: String, proposedAt: Int64,
                fingerprint: String, body: String, status: String = "pending", decidedBy: String? = nil,
                decidedAt: Int64? = nil, surface: String? = nil, note: String? = nil) {
        self.id = id
        self.kind = kind
        self.target = target
        self.proposer = proposer
        self.proposedAt = proposedAt
        self.fingerprint = fingerprint
        self.body = body
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.surface = surface
        self.note = note
    }
}

/// Where a saved segment came from: the approved proposal that saved it.
/// Valid while the segment's `updated_at` still equals `segmentUpdatedAt`;
/// a later direct save makes it "saved directly".
public struct SegmentProvenance: Hashable, Sendable {
    public var segment: String
    public var proposalID: String
    public var segmentUpdatedAt: Int64

    public init(segment: String, proposalID: String, segmentUpdatedAt: Int64) {
        self.segment = segment
        self.proposalID = proposalID
        self.segmentUpdatedAt = segmentUpdatedAt
    }
}
