import SegqBasics
import SegqSemantics
import Foundation
import SegqSyntax
import SegqNormalForm
import SegqStore
import SegqPlanner

/// The proposals of a database store (SQLite, or a PostgreSQL account) and the only way their changes are
/// made: an agent proposes (`propose`), a person reviews (`review`) and
/// decides (`approve` / `cancel`). Approving re-checks the fingerprint and
/// makes the change, records the decision and the segment's provenance in
/// one transaction.
///
/// Ids are looked up exactly; an unknown id is refused without naming any
/// other, so guessing reveals nothing.
public struct ProposalBook {
    public let session: Session
    public let store: any CatalogStore

    public init(session: Session) throws {
        self.store = try session.catalogDatabase()
        self.session = session
    }

    var analysis: ProposalAnalysis { ProposalAnalysis(session: session, store: store) }

    /// A proposal as a person sees it before deciding: the record, whether
    /// it can still be approved (and if not, why), and the count now.
    public struct Review: Sendable {
        public var record: ProposalRecord
        public var status: ProposalStatus
        /// What changed since it was proposed; non-empty exactly when `status` is `.stale`.
        public var staleReasons: [String]
        /// Friends the change is about now (moves with the data; not a reason to refuse).
        public var countNow: Int?

        init(record: ProposalRecord, status: ProposalStatus, staleReasons: [String], countNow: Int?) {
            self.record = record
            self.status = status
            self.staleReasons = staleReasons
            self.countNow = countNow
        }

        /// A proposal just recorded: pending, its count now the one recorded.
        public init(justProposed record: ProposalRecord) {
            self.init(record: record, status: .pending, staleReasons: [], countNow: record.count)
        }
    }

    // MARK: Reading

    /// Every proposal, newest first, with its status now.
    public func list() throws -> [Review] {
        try store.proposals().map { try review(decode($0)) }
    }

    /// The proposal `id` as recorded.
    public func record(id: String) throws -> ProposalRecord {
        let key = id.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !key.isEmpty, let stored = try store.proposal(id: key) else {
            throw CatalogError.refused("no proposal with id \(QueryPrinter.stringText(id))")
        }
        return try decode(stored)
    }

    /// The proposal `id` with its status and count now.
    public func review(id: String) throws -> Review { try review(record(id: id)) }

    func review(_ record: ProposalRecord) throws -> Review {
        guard record.decision == nil else {
            return Review(record: record, status: record.decision!.status, staleReasons: [], countNow: nil)
        }
        let reasons = try staleReasons(record)
        return Review(record: record, status: reasons.isEmpty ? .pending : .stale, staleReasons: reasons,
                      countNow: reasons.isEmpty ? try countNow(record) : nil)
    }

    /// What changed since `record` was proposed, as people read it.
    func staleReasons(_ record: ProposalRecord) throws -> [String] {
        guard let change = record.change else { return ["the proposal's record cannot be read"] }
        if record.basis.digest != record.fingerprint { return ["the proposal's record was altered"] }
        var canonical: String?
        if let query = change.query {
            let compilation = session.compile(query)
            canonical = compilation.ok ? compilation.normalized : nil
        }
        if case .dropSegment = change { canonical = nil }
        var snapshot: String?
        if record.isStatic {
            snapshot = ProposalAnalysis.snapshotFact(instant: record.evaluatedAt, members: try store.proposalMembers(id: record.id))
        }
        let now = try analysis.basis(for: change, canonical: canonical, snapshot: snapshot)
        return record.basis.changes(to: now)
    }

    /// Friends the change is about, now.
    func countNow(_ record: ProposalRecord) throws -> Int? {
        let a = analysis
        switch record.change {
        case .saveSegment(_, let query, _, _, _)?, .addTag(_, let query)?, .removeTag(_, let query)?:
            return try a.count(try a.compiled(query).1)
        case .dropSegment(let name)?:
            return try a.count(a.membership(name))
        case .renameTag(let tag, _)?, .deleteTag(let tag)?:
            return try a.count(try a.form("tag = \(a.quoted(tag))"))
        case nil:
            return nil
        }
    }

    // MARK: Storage

    func stored(_ record: ProposalRecord) throws -> StoredProposal {
        var body = record
        body.decision = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(body), as: UTF8.self)
        return StoredProposal(id: record.id, kind: record.kind, target: record.target, proposer: record.proposer,
                              proposedAt: record.proposedAt, fingerprint: record.fingerprint, body: text)
    }

    func decode(_ stored: StoredProposal) throws -> ProposalRecord {
        guard var record = try? JSONDecoder().decode(ProposalRecord.self, from: Data(stored.body.utf8)) else {
            throw CatalogError.refused("proposal \(stored.id) cannot be read")
        }
        // The columns are what approval checks; the body cannot override them.
        record.id = stored.id
        record.fingerprint = stored.fingerprint
        if stored.status != "pending", let status = ProposalStatus(rawValue: stored.status) {
            record.decision = ProposalDecision(status: status, by: stored.decidedBy ?? "?", at: stored.decidedAt ?? 0,
                                               surface: stored.surface ?? "?", note: stored.note)
        }
        return record
    }
}
