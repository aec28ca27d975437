import SegqSemantics

/// Simplifies the conditions of one group that test one field (their AND),
/// keeping the meaning for every friend (Grammar/README.md "Missing values and negation"). Returns nil when
/// they can hold for no friend.
///
/// - a condition and its complement: never;
/// - `is null` with a test that needs a value: never; `is null` with
///   negated tests: just `is null` (negated tests hold on a missing value);
/// - a test that needs a value makes `is not null` redundant, and lets a
///   negated comparison become the opposite comparison (`p >= 1 and not
///   p >= 3` is `p between 1 and 2`);
/// - per value kind: see `ScalarFieldSimplifier` and `SetFieldSimplifier`.
///   Untyped properties get only the rules above.
enum FieldSimplifier {
    /// `presentByLink`: the group requires the field's integration to be
    /// linked and the field is present whenever linked.
    static func simplify(_ input: [Condition], presentByLink: Bool = false) -> [Condition]? {
        // The input is in canonical order: duplicates, and a condition and
        // its complement, are neighbours.
        var cs: [Condition] = []
        cs.reserveCapacity(input.count)
        for c in input {
            if let last = cs.last {
                if last == c { continue }
                if c.negated && last == c.complement { return nil }
            }
            cs.append(c)
        }
        let present = presentByLink || cs.contains { $0.requiresPresence }
        if let null = cs.first(where: { !$0.negated && $0.test.isNullTest }) {
            return present ? nil : [null]
        }
        let notNull = cs.first { $0.negated && $0.test.isNullTest }
        cs.removeAll { $0.negated && $0.test.isNullTest }
        var out: [Condition]
        if let first = cs.first {
            switch first.type {
            case .untyped: out = cs
            case .stringSet:
                guard let s = SetFieldSimplifier.simplify(cs) else { return nil }
                out = s
            default:
                guard let s = ScalarFieldSimplifier.simplify(cs, present: present) else { return nil }
                out = s
            }
        } else {
            out = []
        }
        // `is not null` stays only when nothing else requires the value.
        if let notNull = notNull, !out.contains(where: { $0.requiresPresence }) { out.append(notNull) }
        return out
    }
}

/// Fields holding one value (string, int, number, bool, time).
enum ScalarFieldSimplifier {
    static func simplify(_ cs: [Condition], present: Bool) -> [Condition]? {
        let proto = cs[0]
        var equal: [Value]?            // the value is one of these (intersection of `=`/`in`)
        var excludedRaw: [Value] = []  // the value is none of these (union of `!=`/`not in`)
        var ranges: [ValueInterval] = []                       // positive, one per scale
        var negatedRanges: [(Condition, ValueInterval)] = []   // the value is outside each
        var text: [Condition] = []
        var rest: [Condition] = []

        for c in cs {
            if c.type != .time, let vs = c.test.listedValues {
                if c.negated {
                    excludedRaw += vs
                } else {
                    equal = equal.map { ValueList.intersection($0, vs) } ?? ValueList.sorted(vs)
                }
            } else if var iv = ValueInterval(c.test, type: c.type) {
                if c.negated {
                    guard present, let opposite = oppositeInterval(c) else {
                        negatedRanges.append((c, iv))
                        continue
                    }
                    iv = opposite
                }
                if let i = ranges.firstIndex(where: { $0.scale == iv.scale }) {
                    ranges[i] = ranges[i].intersected(with: iv)
                } else {
                    ranges.append(iv)
                }
            } else if c.test.isTextTest {
                text.append(c)
            } else {
                rest.append(c)
            }
        }
        if ranges.contains(where: { $0.isEmpty }) { return nil }
        var excluded = ValueList.sorted(excludedRaw)

        if var values = equal {
            values = values.filter { v in
                guard let o = OrderedValue(v, type: proto.type) else { return true }
                return ranges.allSatisfy { $0.scale != o.scale || $0.contains(o.key) }
                    && negatedRanges.allSatisfy { $0.1.scale != o.scale || !$0.1.contains(o.key) }
            }
            values = ValueList.subtracting(values, excluded)
            values = values.filter { v in
                guard case .string(let s) = v else { return true }
                return text.allSatisfy { c in (c.test.textMatches(s) ?? true) != c.negated }
            }
            if values.isEmpty { return nil }
            let kept = proto.type == .string ? [] : text
            return [proto.with(ValueList.test(values), negated: false)] + kept + rest
        }

        var out: [Condition] = []
        for r in ranges {
            for t in r.tests { out.append(proto.with(t, negated: false)) }
        }
        for (c, nr) in negatedRanges {
            guard let r = ranges.first(where: { $0.scale == nr.scale }) else { out.append(c); continue }
            if r.isSubset(of: nr) { return nil }
            if !r.isDisjoint(from: nr) { out.append(c) }
        }
        if !ranges.isEmpty {
            excluded = excluded.filter { v in
                guard let o = OrderedValue(v, type: proto.type) else { return true }
                return ranges.allSatisfy { $0.scale != o.scale || $0.contains(o.key) }
            }
        }
        if !excluded.isEmpty { out.append(proto.with(ValueList.test(excluded), negated: true)) }
        return out + text + rest
    }

    /// A negated comparison of a value known to be present, as the opposite
    /// comparison's interval (`not p >= 3` → `p < 3`); nil for `!=`/`not between`.
    private static func oppositeInterval(_ c: Condition) -> ValueInterval? {
        c.test.oppositeComparison.flatMap { ValueInterval($0, type: c.type) }
    }
}

/// `set<string>` fields: `= v` has v, `in` has any, `!=`/`not in` lacks all,
/// text tests hold for some element, `is empty`.
enum SetFieldSimplifier {
    static func simplify(_ cs: [Condition]) -> [Condition]? {
        let proto = cs[0]
        var hasRaw: [Value] = []
        var anyOf: [[Value]] = []
        var lacksRaw: [Value] = []
        var isEmpty = false, isNotEmpty = false
        var positiveText: [Condition] = [], negatedText: [Condition] = []
        var rest: [Condition] = []
        for c in cs {
            if let vs = c.test.listedValues {
                if c.negated { lacksRaw += vs }
                else if vs.count == 1 { hasRaw += vs }
                else { anyOf.append(vs) }
            } else if c.test.isEmptyTest {
                if c.negated { isNotEmpty = true } else { isEmpty = true }
            } else if c.test.isTextTest {
                if c.negated { negatedText.append(c) } else { positiveText.append(c) }
            } else {
                rest.append(c)
            }
        }
        var has = ValueList.sorted(hasRaw)
        let lacks = ValueList.sorted(lacksRaw)
        if isEmpty {
            if !has.isEmpty || !anyOf.isEmpty || !positiveText.isEmpty { return nil }
            return [proto.with(.isEmpty, negated: false)] + rest
        }
        if !ValueList.intersection(has, lacks).isEmpty { return nil }
        // Lists: drop what is lacked; a list met by a required element is implied.
        var changed = true
        while changed {
            changed = false
            var next: [[Value]] = []
            for list in anyOf {
                let l = ValueList.subtracting(list, lacks)
                if l.isEmpty { return nil }
                if !ValueList.intersection(l, has).isEmpty { changed = changed || false; continue }
                if l.count == 1 { has = ValueList.union(has, l); changed = true; continue }
                next.append(l)
            }
            anyOf = next
        }
        anyOf = anyOf.enumerated().filter { (i, l) in
            !anyOf.enumerated().contains { (j, m) in
                j != i && ValueList.isSubset(m, of: l) && (m.count < l.count || j < i)
            }
        }.map { $0.1 }
        var out: [Condition] = has.map { proto.with(.equals($0), negated: false) }
        out += anyOf.map { proto.with(.oneOf($0), negated: false) }
        if !lacks.isEmpty { out.append(proto.with(ValueList.test(lacks), negated: true)) }
        out += positiveText + negatedText
        let someElement = !has.isEmpty || !anyOf.isEmpty || !positiveText.isEmpty
        if isNotEmpty && !someElement { out.append(proto.with(.isEmpty, negated: true)) }
        return out + rest
    }
}
