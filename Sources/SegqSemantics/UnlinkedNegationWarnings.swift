import SegqBasics
import SegqSyntax

/// W0103 (Grammar/README.md "Missing values"): a negated test on an
/// integration field is true for every friend lacking the value, which
/// surprises people reading `shopify.purchases != 3` or
/// `not shopify.last_purchase >= -30d`. Two kinds of friends lack it:
/// those not linked to the integration, and — for a datum a linked friend
/// may lack (`shopify.last_purchase`, a property, an id) — linked friends
/// without it. The warning names each kind its conjunction lets in and
/// offers a fix for each, as a replacement of the condition's text:
/// `(C and shopify.linked)` leaves out friends not linked,
/// `(C and shopify.last_purchase is not null)` every friend without the
/// datum (under an odd number of `not`s the fix is the complement:
/// `(C or not shopify.linked)`).
///
/// Contract: one warning per condition whose effective test (after the
/// enclosing `not`s) is a negative one other than `is not null`, on a field
/// of an integration, unless the siblings in the same conjunction leave out
/// both kinds: a true `X.linked` or any test that needs a value of X
/// (`shopify.purchases >= 1`) implies the link; a test that needs the datum
/// (`p > 0`, `p is not null`) implies it is present. Walks with an explicit
/// stack, so depth cannot overflow the call stack.
///
/// This is the one home of W0103: the checker gives it on the written
/// query, and the normaliser (`reportsUnlinkedNegations`) on typed queries
/// built elsewhere. With a value catalogue each kind of friend named carries
/// its count in the store.
package enum UnlinkedNegationWarnings {
    /// What a conjunction guarantees about every friend it matches.
    private struct Guards {
        var linked: Set<Integration> = []
        var present: Set<Datum> = []
    }

    package static func diagnose(_ root: QueryNode, in source: SourceFile?, counts catalog: ValueCatalog? = nil,
                                 into diagnostics: inout [Diagnostic]) {
        var stack: [(node: QueryNode, negated: Bool, guards: Guards)] = [(root, false, Guards())]
        while let (node, negated, inherited) = stack.popLast() {
            switch node {
            case .constant: continue
            case .condition(let c):
                guard let integration = c.field.integration, c.field.canBeMissing, c.test != .isNull,
                      c.negated != negated, let span = c.span else { continue }
                let unlinked = !inherited.linked.contains(integration)
                let datum = Datum(c.field).flatMap { inherited.present.contains($0) ? nil : $0 }
                guard unlinked || datum != nil else { continue }
                let text = source?.text(of: span)
                diagnostics.append(warning(c, integration, unlinked: unlinked, without: datum,
                                           writtenUnderNot: negated, text: text, at: span, counts: catalog))
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

    private static func warning(_ c: Condition, _ integration: Integration, unlinked: Bool, without datum: Datum?,
                                writtenUnderNot: Bool, text: String?, at span: Span, counts: ValueCatalog?) -> Diagnostic {
        let message = CheckerMessage.negationIncludes(
            path: c.field.path, integration,
            unlinked: unlinked, unlinkedCount: unlinked ? counts?.friendCount(notLinkedTo: integration) : nil,
            without: datum, withoutCount: datum.flatMap { counts?.friendCount(linkedWithout: $0) })
        let linkFix = fix(adding: Field.linkedFlag(of: integration).path, text, underNot: writtenUnderNot, at: span)
        let linkSuggestion = Suggestion(message: CheckerMessage.excludeUnlinked(integration, named: datum != nil),
                                        replacement: linkFix, span: linkFix == nil ? nil : span)
        let datumFix = fix(adding: c.field.path + " is not null", text, underNot: writtenUnderNot, at: span)
        let datumSuggestion = Suggestion(message: CheckerMessage.excludeWithout(path: c.field.path),
                                         replacement: datumFix, span: datumFix == nil ? nil : span)
        var d = Diagnostic.warning(.negationIncludesUnlinked, message, at: span,
                                   suggestion: unlinked ? linkSuggestion : datumSuggestion)
        if unlinked, datum != nil { d.alternatives = [datumSuggestion] }
        return d
    }

    /// The condition's text with `guardText` added to its effective test:
    /// `(C and G)`, or under an odd number of `not`s `(C or not G)`.
    private static func fix(adding guardText: String, _ text: String?, underNot: Bool, at span: Span) -> String? {
        guard let text else { return nil }
        if !underNot { return "(" + text + " and " + guardText + ")" }
        if guardText.hasSuffix(" is not null") { return "(" + text + " or " + guardText.dropLast(" not null".count) + " null)" }
        return "(" + text + " or not " + guardText + ")"
    }

    /// Records what a conjunct guarantees when it holds: a test that needs
    /// a value means the friend is linked to the field's integration and
    /// holds the datum; a true `X.linked` means the friend is linked to X.
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
            // A positive test (other than `is null`), or `is not null`, needs a value.
            guard (c.test == .isNull) == effectiveNegated else { return }
            if let i = c.field.integration { guards.linked.insert(i) }
            if let d = Datum(c.field) { guards.present.insert(d) }
        }
    }
}

extension Field {
    /// `shopify.linked`, `hubspot.linked`, `klaviyo.linked`.
    static func linkedFlag(of integration: Integration) -> Field {
        switch integration {
        case .shopify: return .shopifyLinked
        case .hubspot: return .hubspotLinked
        case .klaviyo: return .klaviyoLinked
        }
    }
}
