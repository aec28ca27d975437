/// A value a friend linked to an integration may lack. Derived fields
/// share the datum they are computed from: `shopify.days_since_last_purchase`
/// is missing exactly when `shopify.last_purchase` is.
public enum Datum: Hashable, Sendable {
    case id(Integration)
    case shopifyLastPurchase
    case shopifyCartTime
    case property(Integration, String)

    /// The datum a field reads, or nil for fields never missing on a
    /// linked friend (`linked`, `shopify.purchases`, tags, lists, the cart flag).
    public init?(_ field: Field) {
        switch field {
        case .shopifyId: self = .id(.shopify)
        case .hubspotId: self = .id(.hubspot)
        case .klaviyoId: self = .id(.klaviyo)
        case .shopifyLastPurchase, .shopifyDaysSinceLastPurchase: self = .shopifyLastPurchase
        case .shopifyCartAbandonedAt, .shopifyHoursSinceCartAbandoned: self = .shopifyCartTime
        case .hubspotProperty(let p): self = .property(.hubspot, p)
        case .klaviyoProperty(let p): self = .property(.klaviyo, p)
        default: return nil
        }
    }

    /// The field a query tests to require the datum (`… is not null`).
    public var field: Field {
        switch self {
        case .id(.shopify): return .shopifyId
        case .id(.hubspot): return .hubspotId
        case .id(.klaviyo): return .klaviyoId
        case .shopifyLastPurchase: return .shopifyLastPurchase
        case .shopifyCartTime: return .shopifyCartAbandonedAt
        case .property(.hubspot, let p): return .hubspotProperty(p)
        case .property(_, let p): return .klaviyoProperty(p)
        }
    }
}
