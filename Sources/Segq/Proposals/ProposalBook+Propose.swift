import SegqBasics
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Recording a proposal: evaluate what the change would do now and keep
/// that, with the facts its fingerprint covers, for the person who decides.
extension ProposalBook {
    /// Records `change` as a pending proposal by `proposer` and returns it.
    /// Refuses what could never be approved (a name taken without
    /// `replace`, a segment others use, an unknown tag, a query with errors).
    public func propose(_ change: ProposedChange, by proposer: String) throws -> ProposalRecord {
        let a = analysis
        let context = session.context
        let who = proposer.trimmingCharacters(in: .whitespacesAndNewlines)
        var record = ProposalRecord(
            id: "", kind: change.kind, target: change.target.trimmingCharacters(in: .whitespacesAndNewlines),
            proposer: who.isEmpty ? "unknown agent" : who, proposedAt: StoreClock.nowMillis(),
            evaluatedAt: context.now, timeZone: a.zoneName,
            totalFriends: try a.totalFriends(), fingerprint: "", basis: FingerprintBasis())
        guard !record.target.isEmpty else {
            throw CatalogError.refused(change.kind.hasPrefix("segment") ? "a segment needs a name" : "a tag needs a name")
        }
        var canonical: String?
        var members: [String] = []
        var snapshot: String?
        switch change {
        case .saveSegment(let name, let query, let folder, let isStatic, let replace):
            record.query = query
            record.folder = folder
            record.isStatic = isStatic
            record.replace = replace
            let existing = try store.segment(named: name)
            if existing != nil && !replace {
                throw CatalogError.refused("a segment named \(a.quoted(name)) already exists (propose it with replace to update it)")
            }
            let (_, form, text) = try a.compiled(query)
            canonical = text
            try checkNoCycle(name: name, canonical: text)
            let preview = try a.preview(form, limit: ProposalAnalysis.sampleSize)
            describe(&record, form: form, preview: preview)
            if isStatic {
                members = try a.evaluating { try a.runner.friendIDs(form, context: context) }
                snapshot = ProposalAnalysis.snapshotFact(instant: context.now, members: members)
            }
            if let existing { record.diff = try replacementDiff(existing, form: form, canonical: text, count: preview.count) }
        case .dropSegment(let name):
            let segment = try SegmentCatalog(session: session).segment(named: name)
            record.target = segment.name
            let users = try a.dependents(of: segment.name)
            if !users.isEmpty {
                throw CatalogError.refused("segment \(a.quoted(segment.name)) is used by "
                    + users.map(a.quoted).joined(separator: ", ") + "; propose changing those first")
            }
            let form = try a.form(segment.canonicalText)
            let preview = try a.preview(a.membership(segment.name), limit: ProposalAnalysis.sampleSize)
            describe(&record, form: form, preview: preview)
            record.query = segment.canonicalText
            record.canonical = segment.canonicalText
            record.diff = AudienceDiff(groupsRemoved: ProposalAnalysis.groups(form).map { $0.joined(separator: " and ") },
                                       countBefore: preview.count, countAfter: 0,
                                       leaving: Array(ProposalAnalysis.sample(preview).prefix(ProposalAnalysis.diffSampleSize)),
                                       leavingCount: preview.count)
        case .addTag(let tag, let query), .removeTag(let tag, let query):
            let remove: Bool
            if case .removeTag = change { remove = true } else { remove = false }
            if remove { try TagCatalog(session: session).requireTag(tag) }
            record.query = query
            let (_, form, text) = try a.compiled(query)
            canonical = text
            let preview = try a.preview(form, limit: ProposalAnalysis.sampleSize)
            describe(&record, form: form, preview: preview)
            record.diff = try tagDiff(tag, canonical: text, remove: remove)
        case .renameTag(let old, let new):
            let catalog = try TagCatalog(session: session)
            try catalog.requireTag(old)
            let newName = new.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !newName.isEmpty else { throw CatalogError.refused("a tag needs a name") }
            if try store.tagExists(newName) {
                throw CatalogError.refused("a tag named \(a.quoted(newName)) already exists; propose deleting or renaming it first")
            }
            record.newName = newName
            let holders = try a.preview(try a.form("tag = \(a.quoted(old))"), limit: ProposalAnalysis.sampleSize)
            record.count = holders.count
            record.sample = ProposalAnalysis.sample(holders)
            var diff = AudienceDiff()
            diff.rewrittenSegments = try catalog.usage(of: old).filter(\.exact).map(\.segment)
            record.diff = diff
        case .deleteTag(let tag):
            let catalog = try TagCatalog(session: session)
            try catalog.requireTag(tag)
            let users = try catalog.usage(of: tag).filter(\.exact).map(\.segment)
            if !users.isEmpty {
                throw CatalogError.refused("tag \(a.quoted(tag)) is used by " + CountedNoun.noun(users.count, "segment") + " "
                    + users.map(a.quoted).joined(separator: ", ") + "; propose changing them first")
            }
            let holders = try a.preview(try a.form("tag = \(a.quoted(tag))"), limit: ProposalAnalysis.sampleSize)
            record.count = holders.count
            record.sample = ProposalAnalysis.sample(holders)
            var diff = AudienceDiff(countBefore: holders.count, countAfter: 0,
                                    leaving: Array(record.sample.prefix(ProposalAnalysis.diffSampleSize)),
                                    leavingCount: holders.count)
            diff.affectedSegments = try catalog.usage(of: tag).map {
                AffectedSegment(name: $0.segment, countBefore: try a.count(a.membership($0.segment)), countAfter: nil)
            }
            record.diff = diff
        }
        record.canonical = record.canonical ?? canonical
        record.basis = try a.basis(for: record.change ?? change, canonical: canonical, snapshot: snapshot)
        record.fingerprint = record.basis.digest
        record.id = try newID()
        try store.insertProposal(stored(record), members: members)
        return record
    }

    private func describe(_ record: inout ProposalRecord, form: NormalForm, preview: Preview) {
        record.count = preview.count
        record.sample = ProposalAnalysis.sample(preview)
        record.groups = ProposalAnalysis.groups(form)
        record.summary = analysis.summary(form)
    }

    /// Refuses a segment whose query would refer to itself.
    private func checkNoCycle(name: String, canonical: String) throws {
        let overlay = OverlaySegments(base: store, name: name, query: canonical)
        let runner = session.pushDownRunner(on: store, segments: overlay)
        _ = try analysis.evaluating { try runner.count(analysis.membership(name), context: session.context) }
    }

    /// What replacing `existing` with the new query changes.
    private func replacementDiff(_ existing: SavedSegment, form: NormalForm, canonical: String, count: Int) throws -> AudienceDiff {
        let a = analysis
        let name = a.quoted(existing.name)
        let old = ProposalAnalysis.groups(try a.form(existing.canonicalText)).map { $0.joined(separator: " and ") }
        let new = ProposalAnalysis.groups(form).map { $0.joined(separator: " and ") }
        var diff = AudienceDiff()
        diff.groupsAdded = new.filter { !old.contains($0) }
        diff.groupsRemoved = old.filter { !new.contains($0) }
        diff.countBefore = try a.count(a.membership(existing.name))
        diff.countAfter = count
        let entering = try a.preview(try a.form("(\(canonical)) and not segment = \(name)"), limit: ProposalAnalysis.diffSampleSize)
        let leaving = try a.preview(try a.form("segment = \(name) and not (\(canonical))"), limit: ProposalAnalysis.diffSampleSize)
        diff.entering = ProposalAnalysis.sample(entering)
        diff.enteringCount = entering.count
        diff.leaving = ProposalAnalysis.sample(leaving)
        diff.leavingCount = leaving.count
        let overlay = OverlaySegments(base: store, name: existing.name, query: canonical)
        let after = session.pushDownRunner(on: store, segments: overlay)
        for user in try a.dependents(of: existing.name) {
            let before = try a.count(a.membership(user))
            let now = try a.evaluating { try after.count(a.membership(user), context: session.context) }
            if before != now { diff.affectedSegments.append(AffectedSegment(name: user, countBefore: before, countAfter: now)) }
        }
        return diff
    }

    /// What adding or removing `tag` on the query's friends changes.
    private func tagDiff(_ tag: String, canonical: String, remove: Bool) throws -> AudienceDiff {
        let a = analysis
        let t = "tag = \(a.quoted(tag))"
        var diff = AudienceDiff()
        diff.countBefore = try a.count(try a.form(t))
        diff.countAfter = try a.count(try a.form(remove ? "\(t) and not (\(canonical))" : "\(t) or (\(canonical))"))
        let moving = try a.preview(try a.form(remove ? "(\(canonical)) and \(t)" : "(\(canonical)) and not \(t)"),
                                   limit: ProposalAnalysis.diffSampleSize)
        if remove {
            diff.leaving = ProposalAnalysis.sample(moving)
            diff.leavingCount = moving.count
        } else {
            diff.entering = ProposalAnalysis.sample(moving)
            diff.enteringCount = moving.count
        }
        if moving.count > 0 {
            var seen: Set<String> = []
            for (user, _) in try a.tagUsers(tag) {
                for name in [user] + (try a.dependents(of: user)) where seen.insert(name).inserted {
                    diff.affectedSegments.append(AffectedSegment(name: name, countBefore: try a.count(a.membership(name)),
                                                                 countAfter: nil))
                }
            }
        }
        return diff
    }

    /// A short id a person can type: 6 letters and digits without look-alikes.
    private func newID() throws -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let id = String((0..<6).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
            if try store.proposal(id: id) == nil { return id }
        }
        throw CatalogError.refused("could not find a free proposal id")
    }
}
