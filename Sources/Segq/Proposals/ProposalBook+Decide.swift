import SegqBasics
import SegqSemantics
import SegqPlanner
import SegqSyntax
import SegqNormalForm
import SegqStore

/// Deciding a proposal. Every check, the change itself, the decision and
/// the provenance are one transaction: an error anywhere leaves the store
/// and the proposal as they were.
extension ProposalBook {
    /// Approves `id` as `person`: refused when it was already decided or is
    /// stale (naming what changed); otherwise makes the change and records
    /// who approved it, when and where. Returns the decided record.
    @discardableResult
    public func approve(id: String, by person: String, surface: DecisionSurface) throws -> ProposalRecord {
        try store.writeTransaction {
            var record = try record(id: id)
            try requirePending(record)
            let reasons = try staleReasons(record)
            guard reasons.isEmpty else {
                throw CatalogError.refused("proposal \(record.id) is stale and cannot be approved: "
                    + reasons.joined(separator: "; ") + ". Propose it again.")
            }
            let note = try apply(record)
            let at = StoreClock.nowMillis()
            guard try store.decideProposal(id: record.id, status: ProposalStatus.approved.rawValue, by: person, at: at,
                                           surface: surface.rawValue, note: note) else {
                throw CatalogError.refused("proposal \(record.id) was decided meanwhile")
            }
            if record.kind == "segment.save" {
                try store.setSegmentProvenance(segment: record.target, proposalID: record.id)
            }
            record.decision = ProposalDecision(status: .approved, by: person, at: at, surface: surface.rawValue, note: note)
            return record
        }
    }

    /// Cancels `id` as `person`; nothing else changes.
    @discardableResult
    public func cancel(id: String, by person: String, surface: DecisionSurface, note: String? = nil) throws -> ProposalRecord {
        try store.writeTransaction {
            var record = try record(id: id)
            try requirePending(record)
            let at = StoreClock.nowMillis()
            guard try store.decideProposal(id: record.id, status: ProposalStatus.cancelled.rawValue, by: person, at: at,
                                           surface: surface.rawValue, note: note) else {
                throw CatalogError.refused("proposal \(record.id) was decided meanwhile")
            }
            record.decision = ProposalDecision(status: .cancelled, by: person, at: at, surface: surface.rawValue, note: note)
            return record
        }
    }

    private func requirePending(_ record: ProposalRecord) throws {
        if let decision = record.decision {
            throw CatalogError.refused("proposal \(record.id) was already \(decision.status.rawValue) by \(decision.by) at "
                + RFC3339.format(decision.at))
        }
    }

    /// Makes the change; returns what it did, for the record.
    private func apply(_ record: ProposalRecord) throws -> String {
        switch record.change {
        case .saveSegment(let name, let query, let folder, let isStatic, _)?:
            if isStatic {
                guard let canonical = record.canonical else { throw CatalogError.refused("proposal \(record.id) has no query") }
                let members = try store.proposalMembers(id: record.id)
                try store.saveSegment(SavedSegment(name: name, folder: folder, queryText: query, canonicalText: canonical,
                                                   kind: .static), members: members, now: nil)
                session.replaceStore(session.store)
                return "saved static segment with " + CountedNoun.text(members.count, "member")
            }
            let (saved, _) = try SegmentCatalog(session: session).save(name: name, query: query, folder: folder,
                                                                       kind: .dynamic, replace: true)
            return "saved dynamic segment: \(saved.canonicalText)"
        case .dropSegment(let name)?:
            try SegmentCatalog(session: session).drop(name: name)
            return "dropped segment"
        case .addTag(let tag, let query)?:
            return "tagged " + CountedNoun.text(try TagCatalog(session: session).apply(tag, query: query, remove: false), "friend")
        case .removeTag(let tag, let query)?:
            return "untagged " + CountedNoun.text(try TagCatalog(session: session).apply(tag, query: query, remove: true), "friend")
        case .renameTag(let old, let new)?:
            let change = try TagCatalog(session: session).rename(old, to: new)
            return "renamed on " + CountedNoun.text(change.friends, "friend") + ", rewrote "
                + CountedNoun.text(change.segments.count, "segment")
        case .deleteTag(let tag)?:
            return "deleted from " + CountedNoun.text(try TagCatalog(session: session).deleteReporting(tag).friends, "friend")
        case nil:
            throw CatalogError.refused("proposal \(record.id) cannot be read")
        }
    }

    // MARK: Provenance

    /// Where a saved segment came from.
    public enum Provenance: Sendable {
        /// Saved by approving a proposal.
        case approved(ProposalRecord)
        /// Saved (or last changed) directly, not through a proposal.
        case direct
    }

    public func provenance(of segment: SavedSegment) throws -> Provenance {
        guard let recorded = try store.segmentProvenance(segment: segment.name),
              recorded.segmentUpdatedAt == segment.updatedAt,
              let stored = try store.proposal(id: recorded.proposalID) else { return .direct }
        return .approved(try decode(stored))
    }
}

extension ProposalBook {
    /// `proposed by X at T, approved by Y at T′ at a terminal (proposal ID)`, or
    /// `saved directly by a person`.
    public func provenanceText(of segment: SavedSegment) throws -> String {
        guard case .approved(let record) = try provenance(of: segment), let decision = record.decision else {
            return "saved directly by a person"
        }
        return "proposed by \(record.proposer) at \(RFC3339.format(record.proposedAt)), "
            + "approved by \(decision.by) at \(RFC3339.format(decision.at)) "
            + "\(DecisionSurface(rawValue: decision.surface)?.phrase ?? decision.surface) (proposal \(record.id))"
    }
}
