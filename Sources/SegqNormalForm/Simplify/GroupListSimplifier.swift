import SegqSemantics

/// Simplifies an OR of simplified groups, keeping its meaning:
/// - an empty group (always true) makes the whole OR one empty group;
/// - duplicate groups go; a group implied by another group goes
///   (absorption, with `Implication`);
/// - `G and c or H and not c`, where G's conditions are all in H, becomes
///   `G and c or H` (resolution; with G = H the pair is just G);
/// - one-condition groups comparing one field on one scale merge when
///   their ranges overlap or touch: `p >= 5 or p between 1 and 6` is
///   `p >= 1`; a range covering the whole scale is `p is not null`;
/// - one-condition groups testing one field for listed values merge:
///   `tag = "a" or tag = "b"` is `tag in ("a", "b")`; on a single-valued
///   field `x != a or x != b` (a ≠ b) is always true.
/// The result is sorted by `CanonicalOrder` and is a fixpoint.
enum GroupListSimplifier {
    static func simplify(_ input: [[Condition]]) -> [[Condition]] {
        if input.count < 2 { return input }
        var groups = input
        var rounds = 0
        while true {
            rounds += 1
            if groups.contains(where: { $0.isEmpty }) { return [[]] }
            groups = dedupe(groups)
            var changed = mergeListedValues(&groups)
            changed = mergeRanges(&groups) || changed
            if groups.contains(where: { $0.isEmpty }) { return [[]] }
            changed = absorb(&groups) || changed
            changed = resolve(&groups) || changed
            // Unchanged since `dedupe` above: sorted and duplicate-free.
            if !changed { return groups }
            if rounds > 64 { break }
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
    /// The distinct conditions are numbered and `Implication` is asked once
    /// per pair of them; a group is then a bit set, and "every condition of
    /// A follows from one of B" is a few word operations per condition.
    private static func absorb(_ groups: inout [[Condition]]) -> Bool {
        guard groups.count > 1 else { return false }
        if groups.count <= 12 { return absorbFew(&groups) }
        var ids: [Condition: Int] = [:]
        var distinct: [Condition] = []
        let numbered: [[Int]] = groups.map { g in
            g.map { c in
                if let i = ids[c] { return i }
                ids[c] = distinct.count
                distinct.append(c)
                return distinct.count - 1
            }
        }
        let words = (distinct.count + 63) / 64
        // impliers[a]: the conditions that imply condition a.
        var impliers = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: distinct.count)
        for (a, ca) in distinct.enumerated() {
            for (b, cb) in distinct.enumerated() where a == b || Implication.implies(cb, ca) {
                impliers[a][b / 64] |= 1 << UInt64(b % 64)
            }
        }
        let sets: [[UInt64]] = numbered.map { g in
            var w = [UInt64](repeating: 0, count: words)
            for i in g { w[i / 64] |= 1 << UInt64(i % 64) }
            return w
        }
        func absorbs(_ a: Int, _ b: Int) -> Bool {
            numbered[a].allSatisfy { x in
                let need = impliers[x], have = sets[b]
                for k in 0..<words where need[k] & have[k] != 0 { return true }
                return false
            }
        }
        var removed = [Bool](repeating: false, count: groups.count)
        for i in groups.indices {
            for j in groups.indices where j != i && !removed[j] && absorbs(j, i) {
                // Of two equivalent groups the first in canonical order stays.
                if j < i || !absorbs(i, j) {
                    removed[i] = true
                    break
                }
            }
        }
        guard removed.contains(true) else { return false }
        groups = groups.indices.filter { !removed[$0] }.map { groups[$0] }
        return true
    }

    /// `absorb` for a few groups: pairwise, without numbering.
    private static func absorbFew(_ groups: inout [[Condition]]) -> Bool {
        var removed = [Bool](repeating: false, count: groups.count)
        var any = false
        for i in groups.indices {
            for j in groups.indices where j != i && !removed[j] && Implication.absorbs(groups[j], groups[i]) {
                if j < i || !Implication.absorbs(groups[i], groups[j]) {
                    removed[i] = true
                    any = true
                    break
                }
            }
        }
        guard any else { return false }
        groups = groups.indices.filter { !removed[$0] }.map { groups[$0] }
        return true
    }

    /// Self-subsuming resolution: for `A = G and c`, `B = H and not c`
    /// with G ⊆ H, B becomes H. Candidates A are found through an index
    /// from conditions to the groups holding them.
    private static func resolve(_ groups: inout [[Condition]]) -> Bool {
        guard groups.count > 1 else { return false }
        // With few groups every group is a candidate; with many, an index
        // from conditions to the groups holding them finds them.
        let few = groups.count <= 12
        var index: [Condition: [Int]] = [:]
        if !few {
            for (i, g) in groups.enumerated() {
                for c in g { index[c, default: []].append(i) }
            }
        }
        let everyGroup = Array(groups.indices)
        var dirty = [Bool](repeating: false, count: groups.count)
        var changed = false
        for bi in groups.indices {
            let b = groups[bi]
            search: for (k, d) in b.enumerated() {
                let candidates = few ? everyGroup : (index[d.complement] ?? [])
                for ai in candidates where ai != bi && !dirty[ai] && groups[ai].count <= b.count {
                    let c = d.complement
                    if few && !groups[ai].contains(c) { continue }
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
        guard groups.lazy.filter({ $0.count == 1 && $0[0].test.listedValues != nil }).prefix(2).count == 2 else { return false }
        var positive: [(Field, Int)] = [], negated: [(Field, Int)] = []
        var merged: [Int: [Value]] = [:]   // slot → every value listed for it, sorted once at the end
        var changed = false
        var out: [[Condition]] = []
        out.reserveCapacity(groups.count)
        for g in groups {
            guard g.count == 1, g[0].type != .untyped, g[0].type != .time,
                  let vs = g[0].test.listedValues else { out.append(g); continue }
            let c = g[0]
            if !c.negated {
                if let i = positive.first(where: { $0.0 == c.field })?.1 {
                    merged[i, default: out[i].first?.test.listedValues ?? []] += vs
                    changed = true
                    continue
                }
                positive.append((c.field, out.count))
            } else if c.type != .stringSet {
                if let i = negated.first(where: { $0.0 == c.field })?.1, let prev = out[i].first?.test.listedValues {
                    let common = ValueList.intersection(prev, vs)
                    out[i] = common.isEmpty ? [] : [c.with(ValueList.test(common), negated: true)]
                    changed = true
                    continue
                }
                negated.append((c.field, out.count))
            }
            out.append(g)
        }
        for (i, values) in merged {
            if let c = out[i].first { out[i] = [c.with(ValueList.test(ValueList.sorted(values)), negated: false)] }
        }
        if changed {
            // Merged lists are canonicalised again (`in (false, true)` on a bool, …).
            groups = out.compactMap { $0.count == 1 ? GroupSimplifier.simplifyNew($0) : $0 }
        }
        return changed
    }

    /// Merges one-condition groups whose ranges on one field and scale
    /// overlap or touch into one range.
    private static func mergeRanges(_ groups: inout [[Condition]]) -> Bool {
        guard groups.lazy.filter({ $0.count == 1 && $0[0].type.isOrdered && !$0[0].negated }).prefix(2).count == 2 else { return false }
        // Bucket the one-range groups by field and scale.
        var keys: [(Field, OrderScale)] = []
        var buckets: [[(index: Int, interval: ValueInterval)]] = []
        for (i, g) in groups.enumerated() where g.count == 1 && !g[0].negated {
            guard let iv = ValueInterval(g[0].test, type: g[0].type) else { continue }
            if let b = keys.firstIndex(where: { $0.0 == g[0].field && $0.1 == iv.scale }) {
                buckets[b].append((i, iv))
            } else {
                keys.append((g[0].field, iv.scale))
                buckets.append([(i, iv)])
            }
        }
        var out: [[Condition]?] = groups.map { $0 }   // nil: merged into another range
        var changed = false
        for bucket in buckets where bucket.count > 1 {
            // Sweep in order of lower bounds: a range that does not touch
            // the union so far touches no later one either.
            let sorted = bucket.sorted { a, b in
                switch (a.interval.lower, b.interval.lower) {
                case (nil, nil): return a.index < b.index
                case (nil, _): return true
                case (_, nil): return false
                case let (x?, y?):
                    if x.key != y.key { return x.key < y.key }
                    if x.strict != y.strict { return !x.strict }
                    return a.index < b.index
                }
            }
            var current = sorted[0].interval
            var members = [sorted[0].index]
            func flush() {
                guard members.count > 1 else { return }
                let first = members.min() ?? members[0]
                guard let c = groups[first].first else { return }
                let tests = current.tests
                let conditions = tests.isEmpty ? [c.with(.isNull, negated: true)] : tests.map { c.with($0, negated: false) }
                for m in members { out[m] = nil }
                out[first] = GroupSimplifier.simplifyNew(conditions) ?? conditions
                changed = true
            }
            for entry in sorted.dropFirst() {
                if touches(current, entry.interval) {
                    current = union(current, entry.interval)
                    members.append(entry.index)
                } else {
                    flush()
                    current = entry.interval
                    members = [entry.index]
                }
            }
            flush()
        }
        guard changed else { return false }
        groups = out.compactMap { $0 }
        return true
    }

    /// The two ranges overlap or meet with no value between them.
    private static func touches(_ a: ValueInterval, _ b: ValueInterval) -> Bool {
        if !a.isDisjoint(from: b) { return true }
        return meets(a.upper, b.lower, scale: a.scale) || meets(b.upper, a.lower, scale: a.scale)
    }

    private static func meets(_ upper: Bound?, _ lower: Bound?, scale: OrderScale) -> Bool {
        guard let u = upper, let l = lower else { return false }
        if u.key == l.key { return !u.strict || !l.strict }
        guard scale.isDiscrete, !u.strict, !l.strict, case .int(let x) = u.key, case .int(let y) = l.key else { return false }
        return x < Int64.max && x + 1 == y
    }

    private static func union(_ a: ValueInterval, _ b: ValueInterval) -> ValueInterval {
        var r = a
        if let la = a.lower, let lb = b.lower {
            r.lower = ValueInterval.lowerTighter(la, lb) ? (ValueInterval.lowerTighter(lb, la)
                ? (CanonicalOrder.compare(la.value, lb.value) <= 0 ? la : lb) : lb) : la
        } else {
            r.lower = nil
        }
        if let ua = a.upper, let ub = b.upper {
            r.upper = ValueInterval.upperTighter(ua, ub) ? (ValueInterval.upperTighter(ub, ua)
                ? (CanonicalOrder.compare(ua.value, ub.value) <= 0 ? ua : ub) : ub) : ua
        } else {
            r.upper = nil
        }
        return r
    }
}
