import SegqSyntax
import SegqSemantics

/// Warnings read off the finished normal form.
enum QueryWarnings {
    /// W0103: a negated test on an integration's field is true for every
    /// friend not linked to it (Grammar/README.md "Missing values and negation"). Given once per written condition, and
    /// not when its group already requires the link.
    static func unlinkedNegations(in form: NormalForm) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: Set<Span> = []
        for group in form.groups {
            for c in group.conditions {
                guard c.negated, !c.test.isNullTest, c.field.canBeMissing, !c.field.isLinkedFlag,
                      let integration = c.field.integration,
                      !group.conditions.contains(where: { Implication.implies($0, .linked(integration, true, span: nil)) }),
                      let span = c.span, seen.insert(span).inserted else { continue }
                let linked = Field.linked(integration).path
                out.append(.warning(
                    .negationIncludesUnlinked,
                    "this negated condition on `\(c.field.path)` also matches friends not linked to \(integration.displayName)",
                    at: span,
                    suggestion: Suggestion(message: "add `and \(linked)` to leave them out"),
                    notes: ["a negated test is true when the value is missing (`not p >= 3` is `p < 3 or p is null`)"]))
            }
        }
        return out
    }

    /// W0203/W0204: the whole query matches no friend, or every friend.
    /// Not given when the query is one condition that is always true or
    /// false (W0201/W0202 says so).
    static func constantQuery(_ form: NormalForm, query: TypedQuery, already: [Diagnostic]) -> Diagnostic? {
        let nobody = form.matchesNobody
        guard nobody || form.matchesEverybody else { return nil }
        guard let span = span(of: query.root) else { return nil }
        if already.contains(where: { $0.span == span && ($0.code == .alwaysFalseCondition || $0.code == .alwaysTrueCondition) }) {
            return nil
        }
        // A query that is one constant condition is warned about as a condition.
        if case .condition(let c) = strippingNot(query.root),
           case .always = ConditionCanonicalizer.canonicalize(c) { return nil }
        return nobody
            ? .warning(.matchesNobody, "this query matches no friend", at: span)
            : .warning(.matchesEverybody, "this query matches every friend", at: span)
    }

    private static func strippingNot(_ node: QueryNode) -> QueryNode {
        var node = node
        while case .not(let inner, _) = node { node = inner }
        return node
    }

    private static func span(of node: QueryNode) -> Span? {
        var node = node
        var pendingNot: Span?
        while true {
            switch node {
            case .condition(let c): return pendingNot ?? c.span
            case .and(_, let s), .or(_, let s):
                if let s = pendingNot ?? s { return s }
                return nil
            case .not(let inner, let s):
                if pendingNot == nil { pendingNot = s }
                node = inner
            case .constant: return pendingNot
            }
        }
    }
}
