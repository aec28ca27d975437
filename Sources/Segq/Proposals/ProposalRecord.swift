import SegqBasics
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner
/// A friend shown with a proposal.
public struct SampleFriend: Codable, Hashable, Sendable {
    public var id: String
    public var name: String?
}

/// A saved segment whose audience the change moves.
public struct AffectedSegment: Codable, Hashable, Sendable {
    public var name: String
    public var countBefore: Int?
    /// Nil when it cannot be known before the change is made (a tag change
    /// moves the audience of the segments that test the tag).
    public var countAfter: Int?
}

/// How a change moves audiences: the groups that differ, the count before
/// and after, a few friends entering and leaving, and every saved segment
/// whose audience changes with it.
public struct AudienceDiff: Codable, Hashable, Sendable {
    public var groupsAdded: [String] = []
    public var groupsRemoved: [String] = []
    public var countBefore: Int?
    public var countAfter: Int?
    public var entering: [SampleFriend] = []
    public var enteringCount: Int?
    public var leaving: [SampleFriend] = []
    public var leavingCount: Int?
    public var affectedSegments: [AffectedSegment] = []
    /// Segments whose stored query text the change rewrites (a tag rename).
    public var rewrittenSegments: [String] = []
}

/// What a person decided, and where.
public struct ProposalDecision: Codable, Hashable, Sendable {
    public var status: ProposalStatus
    public var by: String
    /// Milliseconds since the epoch.
    public var at: Int64
    public var surface: String
    public var note: String?
}

/// A proposal as recorded: the change, who proposed it and when, and what
/// the person deciding sees — the audience's count and share, a sample,
/// the summary, the groups and, when it changes existing segments or tags,
/// the diff. `basis` is every fact the fingerprint covers, so a refusal
/// can say which one changed.
public struct ProposalRecord: Codable, Hashable, Sendable {
    public var id: String
    public var kind: String
    public var target: String
    /// The new tag name of a rename.
    public var newName: String?
    /// The query as proposed, and its canonical text.
    public var query: String?
    public var canonical: String?
    public var folder: String?
    public var isStatic: Bool = false
    public var replace: Bool = false
    public var proposer: String
    /// Milliseconds since the epoch.
    public var proposedAt: Int64
    /// The instant relative dates were resolved at, and the zone.
    public var evaluatedAt: Int64
    public var timeZone: String
    /// Friends the change is about (the segment's audience, the friends
    /// that hold the tag, …) when it was proposed; of `totalFriends`.
    public var count: Int?
    public var totalFriends: Int
    public var groups: [[String]] = []
    public var summary: String?
    public var sample: [SampleFriend] = []
    public var diff: AudienceDiff?
    public var fingerprint: String
    public var basis: FingerprintBasis
    /// Filled from the store's columns when read; nil while pending.
    public var decision: ProposalDecision?

    /// The share of all friends, 0…1.
    public var share: Double? {
        guard let count, totalFriends > 0 else { return nil }
        return Double(count) / Double(totalFriends)
    }

    /// The change this record proposes.
    public var change: ProposedChange? {
        switch kind {
        case "segment.save":
            guard let query else { return nil }
            return .saveSegment(name: target, query: query, folder: folder, isStatic: isStatic, replace: replace)
        case "segment.drop": return .dropSegment(name: target)
        case "tag.add": return query.map { .addTag(tag: target, query: $0) }
        case "tag.remove": return query.map { .removeTag(tag: target, query: $0) }
        case "tag.rename": return newName.map { .renameTag(from: target, to: $0) }
        case "tag.delete": return .deleteTag(tag: target)
        default: return nil
        }
    }
}
