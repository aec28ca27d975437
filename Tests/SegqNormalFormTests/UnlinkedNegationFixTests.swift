import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import TestSupport

/// Every fix W0103 offers, applied to the query text and compiled again,
/// gives a query that checks and whose summary no longer takes in the
/// friends the fix names: after `(C and shopify.linked)` no group testing
/// the field admits friends not linked to Shopify; after
/// `(C and shopify.last_purchase is not null)` none admits friends without
/// the purchase either.
private let checker = Checker(schema: RandomVocabulary.schema)

private let queries = [
    "not shopify.last_purchase >= -30d",
    "shopify.purchases != 3",
    "not shopify.purchases >= 3",
    #"tag = "VIP" and not (shopify.last_purchase >= -30d or hubspot.stage = "Lead")"#,
    #"not (shopify.tag = "x" and tag = "VIP")"#,
    #"hubspot.stage != "Lead" or klaviyo.city != "Osaka""#,
    "shopify.linked and shopify.days_since_last_purchase != 3",
    "not not not shopify.hours_since_cart_abandoned < 5",
    #"hubspot.stage not in ("Lead", "Customer") and tag = "VIP""#,
]

private func condition(at span: Span, in node: QueryNode) -> Condition? {
    switch node {
    case .condition(let c): return c.span == span ? c : nil
    case .not(let inner, _): return condition(at: span, in: inner)
    case .and(let xs, _), .or(let xs, _): return xs.lazy.compactMap { condition(at: span, in: $0) }.first
    case .constant: return nil
    }
}

private func applying(_ fix: Suggestion, to text: String) -> String? {
    guard let replacement = fix.replacement, let span = fix.span else { return nil }
    let bytes = Array(text.utf8)
    return String(decoding: bytes[..<span.offset] + Array(replacement.utf8) + bytes[span.end...], as: UTF8.self)
}

@Test(arguments: queries)
func everyW0103FixLeavesTheNamedFriendsOut(_ text: String) throws {
    let checked = checker.check(text)
    let typed = try #require(checked.query)
    let warnings = checked.diagnostics.filter { $0.code == .negationIncludesUnlinked }
    #expect(!warnings.isEmpty, "\(text): no W0103")
    for warning in warnings {
        let c = try #require(condition(at: warning.span, in: typed.root))
        let integration = try #require(c.field.integration)
        let fixes = [warning.suggestion].compactMap { $0 } + warning.alternatives
        #expect(!fixes.isEmpty)
        for fix in fixes {
            let fixed = try #require(applying(fix, to: text), "\(text): a fix without a replacement: \(fix.message)")
            let rechecked = checker.check(fixed)
            let fixedQuery = try #require(rechecked.query, "\(fixed) does not check")
            let form = try #require(Normalizer().normalize(fixedQuery).normalForm)
            let leavesOutDatum = fixed.contains(" is not null)") || fixed.contains(" is null)")
            for group in form.groups where group.conditions.contains(where: { $0.field == c.field }) {
                let reach = try #require(GroupReach(group).integrations.first { $0.integration == integration })
                #expect(!reach.unlinked, "\(fixed): the summary still takes in friends not linked to \(integration)")
                if leavesOutDatum, let datum = Datum(c.field) {
                    #expect(reach.admitsLinked(without: datum) != true,
                            "\(fixed): the summary still takes in friends without \(datum)")
                }
                #expect(!Summary.text(of: NormalForm([group])).contains("not linked to " + integration.displayName))
            }
        }
    }
}
