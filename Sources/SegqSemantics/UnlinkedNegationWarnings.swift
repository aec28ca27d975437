import SegqSyntax

/// W0103 (Grammar/README.md "Missing values and negation" and "Diagnostics"): a negated test on an integration field is
/// true for every friend not linked to that integration, which surprises
/// people reading `shopify.purchases != 3` or `not shopify.purchases >= 3`.
///
/// Contract: one warning per condition whose effective test (after the
/// enclosing `not`s) is a negative one other than `is not null`, on a field
/// of an integration, unless a sibling in the same conjunction already
/// requires the friend to be linked (`shopify.linked and …`) or the field
/// to be present (`p > 0 and p != 3`, `p is not null and …`). Walks with
/// an explicit stack, so depth cannot overflow the call stack.
enum UnlinkedNegationWarnings {
    /// What a conjunction guarantees about every friend it matches.
    private struct Guards {
        var linked: Set<Integration> = []
        var present: Set<Field> = []

        func cover(_ field: Field) -> Bool {
            present.contains(field) || field.integration.map(linked.contains) == true
        }
    }

    static func diagnose(_ root: QueryNode, into diagnostics: inout [Diagnostic]) {
        var stack: [(node: QueryNode, negated: Bool, guards: Guards)] = [(root, false, Guards())]
        while let (node, negated, inherited) = stack.popLast() {
            switch node {
            case .constant: continue
            case .condition(let c):
                guard let integration = c.field.integration, c.field.canBeMissing, c.test != .isNull,
                      c.negated != negated, !inherited.cover(c.field), let span = c.span else { continue }
                diagnostics.append(.warning(.negationIncludesUnlinked,
                                            CheckerMessage.negationIncludesUnlinked(path: c.field.path, integration),
                                            at: span,
                                            suggestion: Suggestion(message: CheckerMessage.excludeUnlinked(integration))))
            case .not(let inner, _):
                stack.append((inner, !negated, inherited))
            case .and(let children, _), .or(let children, _):
                var isAnd = false
                if case .and = node { isAnd = true }
                var guards = inherited
                // Under an odd number of `not`s an `or` behaves as an `and` (De Morgan).
                if isAnd != negated {
                    for child in children { add(child, negated: negated, to: &guards) }
                }
                for child in children.reversed() { stack.append((child, negated, guards)) }
            }
        }
    }

    /// Records what a conjunct guarantees when it holds: a positive test
    /// (other than `is null`) or `is not null` means the field is present;
    /// a true `X.linked` means the friend is linked to X.
    private static func add(_ conjunct: QueryNode, negated: Bool, to guards: inout Guards) {
        // Look through `not` chains (iteratively) to the condition they negate.
        var node = conjunct, negated = negated
        while case .not(let inner, _) = node {
            node = inner
            negated.toggle()
        }
        guard case .condition(let c) = node else { return }
        let effectiveNegated = c.negated != negated
        switch c.field {
        case .shopifyLinked, .hubspotLinked, .klaviyoLinked:
            guard case .equals(.bool(let b)) = c.test, b != effectiveNegated, let i = c.field.integration else { return }
            guards.linked.insert(i)
        default:
            if (c.test == .isNull) == effectiveNegated { guards.present.insert(c.field) }
        }
    }
}
