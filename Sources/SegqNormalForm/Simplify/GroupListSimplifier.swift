import SegqSemantics

/// Simplifies an OR of simplified groups, keeping its meaning:
/// - an empty group (always true) makes the whole OR one empty group;
/// - duplicate groups go; a group implied by another group goes
///   (absorption, with `Implication`);
/// - `G and c or H and not c`, where G's conditions are all in H, becomes
///   `G and c or H` (resolution; with G = H the pair is just G);
/// - one-condition groups testing one field for listed values merge:
///   `tag = "a" or tag = "b"` is `tag in ("a", "b")`; on a single-valued
///   field `x != a or x != b` (a ≠ b) is always true.
/// The result is sorted by `CanonicalOrder` and is a fixpoint.
enum GroupListSimplifier {
    static func simplify(_ input: [[Condition]]) -> [[Condition]] {
        var groups = input
        var rounds = 0
        while true {
            rounds += 1
            if groups.contains(where: { $0.isEmpty }) { return [[]] }
            groups = dedupe(groups)
            var changed = mergeListedValues(&groups)
            if groups.contains(where: { $0.isEmpty }) { return [[]] }
            changed = absorb(&groups) || changed
            changed = resolve(&groups) || changed
            if !changed || rounds > 64 { break }
        }
        return dedupe(groups)
    }

    private static func dedupe(_ groups: [[Condition]]) -> [[Condition]] {
        let sorted = groups.sorted { compare($0, $1) < 0 }
        var out: [[Condition]] = []
        out.reserveCapacity(sorted.count)
        for g in sorted where out.last != g { out.append(g) }
        return out
    }

    static func compare(_ a: [Condition], _ b: [Condition]) -> Int {
        CanonicalOrder.compare(Group(a), Group(b))
    }

    /// Drops every group that implies another group (`a or a and b` is `a`).
    private static func absorb(_ groups: inout [[Condition]]) -> Bool {
        guard groups.count > 1 else { return false }
        let masks = groups.map(FieldMask.init)
        var removed = [Bool](repeating: false, count: groups.count)
        for i in groups.indices {
            for j in groups.indices where j != i && !removed[j] && masks[j].mayBeImplied(by: masks[i]) {
                guard Implication.absorbs(groups[j], groups[i]) else { continue }
                // Of two equivalent groups the first in canonical order stays.
                if j < i || !Implication.absorbs(groups[i], groups[j]) {
                    removed[i] = true
                    break
                }
            }
        }
        guard removed.contains(true) else { return false }
        groups = groups.indices.filter { !removed[$0] }.map { groups[$0] }
        return true
    }

    /// Self-subsuming resolution: for `A = G and c`, `B = H and not c`
    /// with G ⊆ H, B becomes H. Candidates A are found through an index
    /// from conditions to the groups holding them.
    private static func resolve(_ groups: inout [[Condition]]) -> Bool {
        var index: [Condition: [Int]] = [:]
        for (i, g) in groups.enumerated() {
            for c in g { index[c, default: []].append(i) }
        }
        var dirty = [Bool](repeating: false, count: groups.count)
        var changed = false
        for bi in groups.indices {
            let b = groups[bi]
            search: for (k, d) in b.enumerated() {
                guard let candidates = index[d.complement] else { continue }
                for ai in candidates where ai != bi && !dirty[ai] && groups[ai].count <= b.count {
                    let c = d.complement
                    var rest = b
                    rest.remove(at: k)
                    if groups[ai].allSatisfy({ $0 == c || rest.contains($0) }) {
                        groups[bi] = GroupSimplifier.simplify(rest) ?? rest
                        dirty[bi] = true
                        changed = true
                        break search
                    }
                }
            }
        }
        return changed
    }

    /// Merges one-condition groups of listed values on the same field.
    private static func mergeListedValues(_ groups: inout [[Condition]]) -> Bool {
        var positive: [Field: Int] = [:], negated: [Field: Int] = [:]
        var changed = false
        var out: [[Condition]] = []
        out.reserveCapacity(groups.count)
        for g in groups {
            guard g.count == 1, g[0].type != .untyped, g[0].type != .time,
                  let vs = g[0].test.listedValues else { out.append(g); continue }
            let c = g[0]
            if !c.negated {
                if let i = positive[c.field], let prev = out[i].first?.test.listedValues {
                    out[i] = [c.with(ValueList.test(ValueList.union(prev, vs)), negated: false)]
                    changed = true
                    continue
                }
                positive[c.field] = out.count
            } else if c.type != .stringSet {
                if let i = negated[c.field], let prev = out[i].first?.test.listedValues {
                    let common = ValueList.intersection(prev, vs)
                    out[i] = common.isEmpty ? [] : [c.with(ValueList.test(common), negated: true)]
                    changed = true
                    continue
                }
                negated[c.field] = out.count
            }
            out.append(g)
        }
        if changed {
            // Merged lists are canonicalised again (`in (false, true)` on a bool, …).
            groups = out.compactMap { $0.count == 1 ? GroupSimplifier.simplify($0) : $0 }
        }
        return changed
    }
}

/// Which fields a group tests, as bits, to rule out most pairs before the
/// full absorption test: a condition can only be implied by a condition on
/// the same field, or, for the link facts, on the same integration.
struct FieldMask {
    /// Bits every implying group must have.
    var needs: UInt64 = 0
    /// Bits this group has.
    var has: UInt64 = 0

    init(_ group: [Condition]) {
        for c in group {
            let own = Self.bit(c.field)
            if let i = c.field.integration {
                let link = Self.bit(Field.linked(i))
                has |= own | link
                needs |= (c.field.isLinkedFlag || !c.requiresPresence) ? link : own
            } else {
                has |= own
                needs |= own
            }
        }
    }

    static func bit(_ f: Field) -> UInt64 {
        UInt64(1) << UInt64(UInt(bitPattern: f.hashValue) % 64)
    }

    /// False when no condition set with `other`'s fields can imply this group.
    func mayBeImplied(by other: FieldMask) -> Bool { needs & ~other.has == 0 }
}
