import SegqSemantics

/// Simplifies one group (an AND of canonical conditions) to its canonical
/// form, or nil when no friend can match it. The result is sorted by
/// `CanonicalOrder` and is a fixpoint: simplifying it again returns it.
///
/// Beyond the per-field rules of `FieldSimplifier`, one fact links fields:
/// every field of an integration (other than `linked`) is missing on a
/// friend not linked to it. So a test that needs a value implies
/// `<integration>.linked`, contradicts `not <integration>.linked`, and
/// under `not <integration>.linked` every other test of that integration
/// holds exactly when it holds on a missing value.
enum GroupSimplifier {
    /// Canonicalises each condition first, for conditions built by a rewrite.
    static func simplifyNew(_ conditions: [Condition]) -> [Condition]? {
        var canonical: [Condition] = []
        for c in conditions {
            switch ConditionCanonicalizer.canonicalize(c) {
            case .always(true, _): continue
            case .always(false, _): return nil
            case .condition(let d): canonical.append(d)
            }
        }
        return simplify(canonical)
    }

    /// `conditions` must each be canonical (`ConditionCanonicalizer`).
    static func simplify(_ conditions: [Condition]) -> [Condition]? {
        if conditions.count < 2 { return conditions }
        var current = conditions
        for _ in 0..<4 {
            guard let (next, touched) = pass(current) else { return nil }
            // Nothing rewritten: the sorted input is the answer.
            if !touched || next == current { return next }
            current = next
        }
        return current
    }

    /// One round of the rules; `touched` is false when no rule applied.
    private static func pass(_ input: [Condition]) -> (conditions: [Condition], touched: Bool)? {
        let sorted = input.count < 2 ? input : input.sorted(by: CanonicalOrder.precedes)
        guard let (linkFiltered, linked) = applyLinkFacts(sorted) else { return nil }
        var touched = linkFiltered.count != sorted.count

        var out: [Condition] = []
        out.reserveCapacity(linkFiltered.count)
        var rewritten: [Condition] = []   // what the field rules produced, to canonicalise
        var start = 0
        while start < linkFiltered.count {
            var end = start + 1
            while end < linkFiltered.count && linkFiltered[end].field == linkFiltered[start].field { end += 1 }
            let field = linkFiltered[start].field
            let presentByLink = field.isPresentIffLinked && field.integration.map(linked.contains) == true
            if end == start + 1 && !presentByLink {
                out.append(linkFiltered[start])
            } else {
                let run = Array(linkFiltered[start..<end])
                guard let simplified = FieldSimplifier.simplify(run, presentByLink: presentByLink) else { return nil }
                rewritten += simplified
                touched = true
            }
            start = end
        }
        if !touched { return (out, false) }

        // Inputs are canonical; only rewritten conditions need canonicalising.
        var present = Set(out)
        for c in rewritten {
            switch ConditionCanonicalizer.canonicalize(c) {
            case .always(true, _): continue
            case .always(false, _): return nil
            case .condition(let d): if present.insert(d).inserted { out.append(d) }
            }
        }
        out.sort(by: CanonicalOrder.precedes)
        return (out, true)
    }

    /// The conditions left after the link facts, and the integrations the
    /// group requires to be linked.
    private static func applyLinkFacts(_ cs: [Condition]) -> ([Condition], IntegrationSet)? {
        var linkRequired = IntegrationSet(), notLinked = IntegrationSet()
        var valueRequired = IntegrationSet()
        for c in cs {
            guard let i = c.field.integration else { continue }
            if c.field.isLinkedFlag {
                if c.negated { notLinked.insert(i) } else { linkRequired.insert(i) }
            } else if c.requiresPresence {
                linkRequired.insert(i)
                valueRequired.insert(i)
            }
        }
        if !linkRequired.isDisjoint(with: notLinked) { return nil }
        if notLinked.isEmpty && valueRequired.isEmpty { return (cs, linkRequired) }
        let kept = cs.filter { c in
            guard let i = c.field.integration else { return true }
            if c.field.isLinkedFlag { return c.negated || !valueRequired.contains(i) }
            return !notLinked.contains(i)
        }
        return (kept, linkRequired)
    }
}

/// A set of integrations as bits (no allocation).
struct IntegrationSet {
    private var bits: UInt8 = 0

    private static func bit(_ i: Integration) -> UInt8 {
        switch i {
        case .shopify: return 1
        case .hubspot: return 2
        case .klaviyo: return 4
        }
    }

    mutating func insert(_ i: Integration) { bits |= Self.bit(i) }
    func contains(_ i: Integration) -> Bool { bits & Self.bit(i) != 0 }
    func isDisjoint(with o: IntegrationSet) -> Bool { bits & o.bits == 0 }
    var isEmpty: Bool { bits == 0 }
}
