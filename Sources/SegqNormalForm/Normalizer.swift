import SegqSyntax
import SegqSemantics

/// The normal form of a query, or nil when it could not be built (E0304),
/// with the normaliser's diagnostics.
public struct NormalizeResult: Sendable {
    public var normalForm: NormalForm?
    public var diagnostics: [Diagnostic]

    public init(normalForm: NormalForm?, diagnostics: [Diagnostic]) {
        self.normalForm = normalForm
        self.diagnostics = diagnostics
    }
}

/// Turns a checked query into the group-of-AND model (Grammar/README.md "The normal form").
///
/// Contracts:
/// - The normal form is equivalent to the query for every friend of every
///   store under the missing-value rules of §5: `not (p >= 3)` stays a
///   negated condition, true for friends without `p`.
/// - Time operands stay symbolic; comparisons are merged only when they
///   are ordered the same way for every `now` and time zone.
/// - Conditions within a group, and groups, are in canonical order; groups
///   are duplicate-free, satisfiable as far as the rules can tell, and none
///   is implied by another. Normalising the normal form again gives itself.
/// - Work is bounded by `limits.maxGroups`; a larger expansion is refused
///   with E0304 at the sub-expression that exceeds it, and the depth of the
///   query is never used for recursion.
///
/// Diagnostics: W0201/W0202 (a condition always true/false), W0203/W0204
/// (the query matches nobody/everybody), E0304, and, when
/// `reportsUnlinkedNegations` is set, W0103 (a negated condition that also
/// matches friends not linked to an integration).
public struct Normalizer: Sendable {
    public var limits: Limits
    /// Give W0103 from the normal form. Off by default: the checker already
    /// gives W0103 on the written query, and the pipeline would repeat it.
    /// Turn it on for typed queries that did not come from the checker.
    public var reportsUnlinkedNegations: Bool

    public init(limits: Limits = .init(), reportsUnlinkedNegations: Bool = false) {
        self.limits = limits
        self.reportsUnlinkedNegations = reportsUnlinkedNegations
    }

    public func normalize(_ query: TypedQuery) -> NormalizeResult {
        let nnf = NegationNormalForm(query)
        var diagnostics = nnf.diagnostics
        let groups: [[Condition]]
        switch GroupExpansion(maxGroups: max(1, limits.maxGroups)).expand(nnf) {
        case .tooManyGroups(let error):
            diagnostics.append(error)
            return NormalizeResult(normalForm: nil, diagnostics: diagnostics)
        case .groups(let g):
            groups = g
        }
        let form = NormalForm(groups.map(Group.init))
        if reportsUnlinkedNegations { diagnostics += QueryWarnings.unlinkedNegations(in: form) }
        if let w = QueryWarnings.constantQuery(form, query: query, already: diagnostics) {
            diagnostics.append(w)
        }
        return NormalizeResult(normalForm: form, diagnostics: diagnostics)
    }
}
