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

    /// Drops every group implied by another; smaller groups are tried first,
    /// so of two equivalent groups the first in canonical order stays.
    private static func absorb(_ groups: inout [[Condition]]) -> Bool {
        guard groups.count > 1 else { return false }
        let order = groups.indices.sorted {
            groups[$0].count != groups[$1].count ? groups[$0].count < groups[$1].count : $0 < $1
        }
        var kept: [Int] = []
        for i in order {
            let g = groups[i]
            if kept.contains(where: { Implication.absorbs(groups[$0], g) }) { continue }
            kept.append(i)
        }
        guard kept.count < groups.count else { return false }
        groups = kept.sorted().map { groups[$0] }
        return true
    }

    /// Self-subsuming resolution: for `A = G and c`, `B = H and not c`
    /// with G ⊆ H, B becomes H.
    private static func resolve(_ groups: inout [[Condition]]) -> Bool {
        var changed = false
        for bi in groups.indices {
            var b = groups[bi]
            var progress = true
            while progress {
                progress = false
                search: for (ai, a) in groups.enumerated() where ai != bi && a.count <= b.count {
                    for c in a {
                        let nc = c.complement
                        guard let k = b.firstIndex(of: nc) else { continue }
                        var rest = b
                        rest.remove(at: k)
                        if a.allSatisfy({ $0 == c || rest.contains($0) }) {
                            b = GroupSimplifier.simplify(rest) ?? rest
                            progress = true
                            changed = true
                            break search
                        }
                    }
                }
                groups[bi] = b
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
        if changed { groups = out }
        return changed
    }
}
