import SegqStore
/// Where and how a `Column` is stored in the SQLite layout (see `SQLiteSchema`).
enum ColumnLayout {
    /// A text column of `friends`; `folded` is its folded copy (NULL where
    /// equal to the value). `nullable`: may be missing.
    case text(column: String, folded: String, nullable: Bool)
    /// An integer column of `friend_facts` (counts, times in epoch ms).
    case integer(column: String, nullable: Bool)
    /// A 0/1 column of `friend_facts` that is never missing (`linked`).
    case flag(column: String)
    /// A set field in its own table.
    case set(SQLiteSchema.SetTable)
    /// An integration property in `properties`.
    case property(SQLiteSchema.PropertyIntegration, name: String)

    init(_ column: Column) {
        switch column {
        case .id: self = .text(column: "id", folded: "id_folded", nullable: false)
        case .name: self = .text(column: "name", folded: "name_folded", nullable: true)
        case .added: self = .integer(column: "added_ms", nullable: false)
        case .tag: self = .set(SQLiteSchema.friendTags)
        case .shopifyLinked: self = .flag(column: "shopify_linked")
        case .shopifyId: self = .text(column: "shopify_id", folded: "shopify_id_folded", nullable: true)
        case .shopifyTag: self = .set(SQLiteSchema.shopifyTags)
        case .shopifyPurchases: self = .integer(column: "shopify_purchases", nullable: true)
        case .shopifyLastPurchase: self = .integer(column: "shopify_last_purchase_ms", nullable: true)
        case .shopifyCartAbandonedAt: self = .integer(column: "shopify_cart_abandoned_ms", nullable: true)
        case .hubspotLinked: self = .flag(column: "hubspot_linked")
        case .hubspotId: self = .text(column: "hubspot_id", folded: "hubspot_id_folded", nullable: true)
        case .hubspotList: self = .set(SQLiteSchema.hubspotLists)
        case .hubspotProperty(let name): self = .property(.hubspot, name: name)
        case .klaviyoLinked: self = .flag(column: "klaviyo_linked")
        case .klaviyoId: self = .text(column: "klaviyo_id", folded: "klaviyo_id_folded", nullable: true)
        case .klaviyoList: self = .set(SQLiteSchema.klaviyoLists)
        case .klaviyoProperty(let name): self = .property(.klaviyo, name: name)
        }
    }
}
