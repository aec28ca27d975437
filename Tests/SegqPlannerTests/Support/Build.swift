import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore

/// Small builders so unit tests read like the queries they stand for.
enum Build {
    /// 2026-11-23T10:00:00Z in UTC.
    static let context = EvaluationContext(now: 1_795_428_000_000)

    static func c(_ field: Field, _ test: Test, not negated: Bool = false) -> Condition {
        let type = field.builtInType ?? .string
        return Condition(field: field, type: type, test: test, negated: negated)
    }

    static func form(_ groups: [Condition]...) -> NormalForm {
        NormalForm(groups.map { Group($0) })
    }

    /// Four friends: a VIP linked to Shopify with 5 purchases, a linked one
    /// with 1, one never linked, and a VIP linked with 3 and a HubSpot stage.
    static let friends: [Friend] = [
        Friend(id: "a", name: "Aiko", addedAt: 1_795_000_000_000, tags: ["VIP"],
               shopify: ShopifyData(id: "s1", purchases: 5, lastPurchaseAt: 1_795_300_000_000)),
        Friend(id: "b", addedAt: 1_795_100_000_000, tags: ["Trade"], shopify: ShopifyData(purchases: 1)),
        Friend(id: "c", name: "Chie", addedAt: 1_795_200_000_000),
        Friend(id: "d", addedAt: 1_795_400_000_000, tags: ["VIP", "Trade"], shopify: ShopifyData(purchases: 3),
               hubspot: CRMData(properties: ["stage": .string("Customer")])),
    ]
}
