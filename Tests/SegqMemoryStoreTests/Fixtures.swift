@testable import SegqStore
@testable import SegqMemoryStore

/// Milliseconds of `2026-MM-DDTHH:00:00Z`-style texts, for readable fixtures.
func ms(_ text: String) -> Int64 { RFC3339.parse(text) ?? 0 }

/// A dozen friends covering the corners of the model: missing names,
/// unlinked and linked-but-empty integrations, Japanese and differently
/// cased tags, properties of mixed kinds, equal times.
let edgeFriends: [Friend] = [
    Friend(id: "U01", name: "Aiko Tanaka", addedAt: ms("2025-03-14T09:21:00Z"), tags: ["VIP", "常連"],
           shopify: ShopifyData(id: "7001", tags: ["loyalty-gold"], purchases: 5,
                                lastPurchaseAt: ms("2026-10-01T12:00:00Z"), abandonedCartAt: ms("2026-11-20T08:00:00Z")),
           hubspot: CRMData(id: "501", lists: ["Newsletter"], properties: ["stage": .string("Customer"), "score": .number(7.5)]),
           klaviyo: CRMData(id: "k1", lists: ["VIP list"], properties: ["city": .string("Osaka"), "orders": .number(3)])),
    Friend(id: "U02", addedAt: ms("2026-06-01T00:00:00Z")),
    Friend(id: "U03", name: "bob", addedAt: ms("2026-05-31T23:59:59Z"), tags: ["vip", "Wholesale"],
           shopify: ShopifyData()),
    Friend(id: "U04", name: "Émile", addedAt: ms("2026-06-01T00:00:00Z"), tags: ["Complaint-Pending", "VIP"],
           shopify: ShopifyData(id: "7004", tags: [], purchases: 2, lastPurchaseAt: ms("2026-01-01T00:00:00Z")),
           hubspot: CRMData(properties: ["stage": .string("Lead"), "score": .string("high")])),
    Friend(id: "U05", name: "Straße", addedAt: ms("2024-12-31T15:00:00Z"), tags: [],
           hubspot: CRMData(id: "505", lists: [], properties: ["stage": .string("customer"), "vip": .bool(true)])),
    Friend(id: "U06", name: "Aiko Tanaka", addedAt: ms("2026-11-22T10:00:00Z"), tags: ["東京", "VIP"],
           shopify: ShopifyData(id: "7006", tags: ["loyalty-gold", "wholesale"], purchases: 3,
                                lastPurchaseAt: ms("2026-11-22T09:00:00Z")),
           klaviyo: CRMData(lists: ["VIP list", "Newsletter"], properties: ["orders": .number(0), "city": .string("東京")])),
    Friend(id: "U07", name: "", addedAt: ms("2026-02-28T00:00:00Z"), tags: ["Wholesale"],
           hubspot: CRMData(id: "507", lists: ["Newsletter", "Partners"], properties: ["score": .number(-1), "vip": .bool(false)])),
    Friend(id: "U08", name: "ΣΊΣΥΦΟΣ", addedAt: ms("2026-06-01T00:00:00Z"), tags: ["trade show 2026"],
           shopify: ShopifyData(id: "7008", purchases: 100, abandonedCartAt: ms("2026-11-22T23:00:00Z"))),
    Friend(id: "U09", name: "Zoë", addedAt: ms("2026-03-01T00:00:00Z"), tags: ["VIP"],
           klaviyo: CRMData(id: "k9", properties: ["orders": .number(12.5), "vip": .string("yes")])),
    Friend(id: "U10", name: "bob", addedAt: ms("2025-07-07T07:07:07Z"), tags: ["Wholesale", "VIP"],
           shopify: ShopifyData(id: "7010", tags: ["Wholesale"], purchases: 3, lastPurchaseAt: ms("2026-08-01T00:00:00Z"),
                                abandonedCartAt: ms("2026-08-02T00:00:00Z")),
           hubspot: CRMData(id: "510", lists: ["Partners"], properties: ["stage": .string("Customer")]),
           klaviyo: CRMData(id: "k10", lists: [])),
    Friend(id: "U11", name: "Ｆｕｌｌ", addedAt: ms("2026-11-23T00:00:00Z"), tags: ["e\u{301}cole"]),
    Friend(id: "U12", name: "Carol", addedAt: ms("2023-01-01T00:00:00Z"), tags: ["VIP", "Wholesale", "Complaint-Pending"],
           shopify: ShopifyData(id: "7012", tags: ["loyalty-gold"], purchases: 0),
           hubspot: CRMData(id: "512", properties: ["stage": .string("Customer"), "score": .number(10)])),
]
