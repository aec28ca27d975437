import Foundation
import SegqBasics
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Why one friend is (or is not) in a query's audience: every group and
/// condition of the normal form with the friend's value and its verdict,
/// and the reason in words. A `segment` condition carries the explanation
/// of each saved segment it names, down to `Explanation.segmentDepth` levels.
public struct Explanation: Hashable, Sendable {
    public var friendID: String
    public var friendName: String?
    /// The canonical text of the query explained.
    public var query: String
    public var matches: Bool
    public var groups: [GroupVerdict]
    /// "in: group 2 holds" / "not in: group 1 fails on `…` (has 2); …".
    public var reason: String

    /// How deep `segment` conditions are explained through saved segments.
    public static let segmentDepth = 4
}

/// One group of the normal form for one friend.
public struct GroupVerdict: Hashable, Sendable {
    /// 1-based, as the groups are shown.
    public var number: Int
    public var holds: Bool
    public var conditions: [ConditionVerdict]
}

/// One condition for one friend: its canonical text, the friend's value in
/// words, and whether it holds.
public struct ConditionVerdict: Hashable, Sendable {
    public var condition: String
    public var holds: Bool
    public var value: String
    /// For `segment` conditions: why the friend is or is not in each saved segment named.
    public var segments: [SegmentVerdict]
}

/// A saved segment a condition names, for one friend.
public struct SegmentVerdict: Hashable, Sendable {
    public var name: String
    /// "static" (its members are stored) or "dynamic".
    public var kind: String
    public var isMember: Bool
    /// The explanation of a dynamic segment's query; nil for a static
    /// segment, an unknown one, or past `Explanation.segmentDepth`.
    public indirect enum Detail: Hashable, Sendable { case none, query(Explanation) }
    public var detail: Detail
}

/// `why` named a friend the store does not have.
public struct UnknownFriend: Error, CustomStringConvertible {
    public var id: String
    public var nearest: String?
    public var description: String {
        "no friend has the id \(QuotedText.query(id))" + (nearest.map { "; did you mean \(QuotedText.query($0))?" } ?? "")
    }
}

extension QueryEvaluator {
    /// Why the friend with `friendID` is or is not matched by `compilation`
    /// (which must have no errors): each condition is evaluated for that
    /// friend alone, on the same engine and at the same `now` as a count.
    public func explanation(of friendID: String, in compilation: Compilation) throws -> Explanation {
        guard compilation.ok, let form = compilation.normalForm else { throw QueryHasErrors() }
        guard let friend = try friend(withID: friendID) else {
            throw UnknownFriend(id: friendID, nearest: nil)
        }
        return try explanation(of: friend, form: form, depth: 0, visiting: [])
    }

    private func friend(withID id: String) throws -> Friend? {
        var found: Friend?
        try runner.forEachFriend(Self.only(id), context: session.context, limit: 1) { found = $0 }
        return found
    }

    /// `id = "…"` as a normal form.
    private static func only(_ id: String) -> NormalForm {
        NormalForm([Group([idCondition(id)])])
    }

    private static func idCondition(_ id: String) -> Condition {
        Condition(field: .id, type: .string, test: .equals(.string(id)))
    }

    /// True when the friend satisfies every condition (an empty list: always).
    private func holds(_ conditions: [Condition], for friend: Friend) throws -> Bool {
        let form = NormalForm([Group([Self.idCondition(friend.id)] + conditions)])
        return try runner.count(form, context: session.context) > 0
    }

    private func explanation(of friend: Friend, form: NormalForm, depth: Int,
                             visiting: Set<String>) throws -> Explanation {
        var groups: [GroupVerdict] = []
        for (index, group) in form.groups.enumerated() {
            var verdicts: [ConditionVerdict] = []
            for condition in group.conditions {
                let holds = try holds([condition], for: friend)
                let segments = try segmentVerdicts(condition, friend: friend, depth: depth, visiting: visiting)
                verdicts.append(ConditionVerdict(condition: QueryPrinter.text(of: condition), holds: holds,
                                                 value: FriendValueText.describe(condition.field, of: friend,
                                                                                 segments: segments),
                                                 segments: segments))
            }
            groups.append(GroupVerdict(number: index + 1, holds: verdicts.allSatisfy(\.holds), conditions: verdicts))
        }
        // The whole query, as a count runs it: the verdict does not rest on the groups alone.
        let matches = try runner.count(NormalForm(form.groups.map { Group([Self.idCondition(friend.id)] + $0.conditions) }),
                                       context: session.context) > 0
        return Explanation(friendID: friend.id, friendName: friend.name, query: QueryPrinter.text(of: form),
                           matches: matches, groups: groups, reason: Self.reason(matches: matches, groups))
    }

    /// The saved segments a `segment` condition names, each explained for the friend.
    private func segmentVerdicts(_ condition: Condition, friend: Friend, depth: Int,
                                 visiting: Set<String>) throws -> [SegmentVerdict] {
        guard condition.field == .segment, let store = session.store?.catalogStore else { return [] }
        let names: [String]
        switch condition.test {
        case .equals(.string(let name)): names = [name]
        case .oneOf(let values): names = values.compactMap(\.stringValue)
        default: return []
        }
        var out: [SegmentVerdict] = []
        for name in names {
            guard let definition = try store.segmentDefinition(named: name) else { continue }
            let member = Condition(field: .segment, type: .stringSet, test: .equals(.string(name)))
            let isMember = try holds([member], for: friend)
            switch definition.kind {
            case .static:
                out.append(SegmentVerdict(name: name, kind: "static", isMember: isMember, detail: .none))
            case .dynamic(let query):
                var detail = SegmentVerdict.Detail.none
                let inner = session.compile(query)
                if depth + 1 < Explanation.segmentDepth, !visiting.contains(name), inner.ok, let form = inner.normalForm {
                    detail = .query(try explanation(of: friend, form: form, depth: depth + 1,
                                                    visiting: visiting.union([name])))
                }
                out.append(SegmentVerdict(name: name, kind: "dynamic", isMember: isMember, detail: detail))
            }
        }
        return out
    }

    /// "in: group 2 holds" or "not in: group 1 fails on `c` (value); group 2 …".
    static func reason(matches: Bool, _ groups: [GroupVerdict]) -> String {
        if groups.isEmpty { return "not in: the query matches nobody" }
        if matches {
            let holding = groups.filter(\.holds).map { String($0.number) }
            if holding.isEmpty { return "in" }
            return holding.count == 1 ? "in: group \(holding[0]) holds"
                : "in: groups " + holding.dropLast().joined(separator: ", ") + " and \(holding.last!) hold"
        }
        let failures = groups.compactMap { group -> String? in
            guard let failed = group.conditions.first(where: { !$0.holds }) else { return nil }
            return "group \(group.number) fails on \(CodeSpan.of(failed.condition)) (\(failed.value))"
        }
        return "not in: " + failures.joined(separator: "; ")
    }
}
