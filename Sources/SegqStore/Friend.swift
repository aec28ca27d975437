/// A property value from HubSpot or Klaviyo.
public enum PropertyValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
}

/// Shopify data of a linked friend. `purchases` is 0 when linked without a count.
public struct ShopifyData: Hashable, Sendable {
    public var id: String?
    public var tags: [String]
    public var purchases: Int64
    /// Milliseconds since the epoch; nil when no purchase.
    public var lastPurchaseAt: Int64?
    /// Milliseconds since the epoch; nil when no abandoned cart.
    public var abandonedCartAt: Int64?

    public init(id: String? = nil, tags: [String] = [], purchases: Int64 = 0,
                lastPurchaseAt: Int64? = nil, abandonedCartAt: Int64? = nil) {
        self.id = id
        self.tags = tags
        self.purchases = purchases
        self.lastPurchaseAt = lastPurchaseAt
        self.abandonedCartAt = abandonedCartAt
    }
}

/// HubSpot or Klaviyo data of a linked friend: lists (HubSpot "segments",
/// Klaviyo "lists") and properties.
public struct CRMData: Hashable, Sendable {
    public var id: String?
    public var lists: [String]
    public var properties: [String: PropertyValue]

    public init(id: String? = nil, lists: [String] = [], properties: [String: PropertyValue] = [:]) {
        self.id = id
        self.lists = lists
        self.properties = properties
    }
}

/// One friend of the account (docs/data-formats.md). An
/// integration that is nil means "not linked".
public struct Friend: Hashable, Sendable {
    public var id: String
    public var name: String?
    /// When the friend was added, milliseconds since the epoch.
    public var addedAt: Int64
    public var tags: [String]
    public var shopify: ShopifyData?
    public var hubspot: CRMData?
    public var klaviyo: CRMData?

    public init(id: String, name: String? = nil, addedAt: Int64, tags: [String] = [],
                shopify: ShopifyData? = nil, hubspot: CRMData? = nil, klaviyo: CRMData? = nil) {
        self.id = id
        self.name = name
        self.addedAt = addedAt
        self.tags = tags
        self.shopify = shopify
        self.hubspot = hubspot
        self.klaviyo = klaviyo
    }
}
