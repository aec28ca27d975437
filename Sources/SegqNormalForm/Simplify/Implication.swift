import SegqSemantics

/// A sound (never wrong, not complete) test that one canonical condition
/// implies another for every friend, used to drop groups absorbed by a
/// smaller group: `p >= 5 or p >= 3` is `p >= 3`.
enum Implication {
    /// True when every friend matching `b` matches `a`.
    static func implies(_ b: Condition, _ a: Condition) -> Bool {
        if a.field != b.field { return impliesAcrossFields(b, a) }
        if b == a { return true }
        if a.type != b.type { return false }
        // `is not null` follows from any test that needs a value.
        if a.negated && a.test.isNullTest { return b.requiresPresence }
        if a.test.isNullTest || b.test.isNullTest { return false }

        if a.type.isOrdered, let ia = ValueInterval(a.test, type: a.type),
           let ib = ValueInterval(b.test, type: b.type), ia.scale == ib.scale {
            switch (b.negated, a.negated) {
            case (false, false): return ib.isSubset(of: ia)
            case (false, true): return ib.isDisjoint(from: ia)
            case (true, true): return ia.isSubset(of: ib)
            case (true, false): return false
            }
        }
        if a.type == .untyped { return false }
        if let va = a.test.listedValues, let vb = b.test.listedValues {
            switch (b.negated, a.negated) {
            case (false, false): return ValueList.isSubset(vb, of: va)
            case (true, true): return ValueList.isSubset(va, of: vb)
            case (false, true):
                // A scalar equal to one of vb is none of va when they share nothing.
                return a.type != .stringSet && ValueList.intersection(va, vb).isEmpty
            case (true, false): return false
            }
        }
        if a.type == .stringSet, a.negated, a.test.isEmptyTest, !b.negated {
            return b.test.listedValues != nil || b.test.isTextTest
        }
        return false
    }

    private static func impliesAcrossFields(_ b: Condition, _ a: Condition) -> Bool {
        guard let i = a.field.integration, b.field.integration == i else { return false }
        if a.field.isLinkedFlag {
            // `<integration>.linked` follows from a test that needs a value of it.
            return !a.negated && (b.field.isLinkedFlag ? !b.negated : b.requiresPresence)
        }
        // `not <integration>.linked` implies every test that holds on a missing value.
        return b.field.isLinkedFlag && b.negated && !a.requiresPresence
    }

    /// True when group `a` is implied by group `b` (so `a or b` is `a`):
    /// each condition of `a` follows from some condition of `b`.
    static func absorbs(_ a: [Condition], _ b: [Condition]) -> Bool {
        a.allSatisfy { x in b.contains { y in implies(y, x) } }
    }
}
