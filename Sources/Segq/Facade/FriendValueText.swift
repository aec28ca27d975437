import SegqBasics
import SegqSemantics
import SegqStore
import SegqNormalForm

/// A friend's value of one field, in the words `why` shows beside a
/// condition: `has 2`, `has "VIP", "Kyoto"`, `not linked to HubSpot`,
/// `no HubSpot `stage``. Times are RFC 3339 in UTC.
enum FriendValueText {
    static func describe(_ field: Field, of friend: Friend, segments: [SegmentVerdict]) -> String {
        switch field {
        case .id: return "has " + QuotedText.query(friend.id)
        case .name: return friend.name.map { "has " + QuotedText.query($0) } ?? "no name"
        case .added: return "added " + RFC3339.format(friend.addedAt)
        case .tag: return set(friend.tags, none: "no tags")
        case .tagKey(let key):
            return set(TagKeys.values(of: key, inTags: friend.tags), none: "no " + CodeSpan.of(key) + " tag")
        case .segment:
            guard !segments.isEmpty else { return "segments are evaluated by the engine" }
            return segments.map { ($0.isMember ? "in " : "not in ") + QuotedText.query($0.name) }
                .joined(separator: ", ")
        case .shopifyLinked, .hubspotLinked, .klaviyoLinked:
            let integration = field.integration!
            return (linked(integration, friend) ? "linked to " : "not linked to ") + integration.displayName
        default:
            return integrationValue(field, of: friend)
        }
    }

    private static func linked(_ integration: Integration, _ friend: Friend) -> Bool {
        switch integration {
        case .shopify: return friend.shopify != nil
        case .hubspot: return friend.hubspot != nil
        case .klaviyo: return friend.klaviyo != nil
        }
    }

    private static func integrationValue(_ field: Field, of friend: Friend) -> String {
        guard let integration = field.integration else { return "" }
        let unlinked = "not linked to " + integration.displayName
        switch field {
        case .shopifyId, .shopifyTag, .shopifyPurchases, .shopifyLastPurchase, .shopifyDaysSinceLastPurchase,
             .shopifyAbandonedCart, .shopifyCartAbandonedAt, .shopifyHoursSinceCartAbandoned:
            guard let shopify = friend.shopify else { return unlinked }
            switch field {
            case .shopifyId: return shopify.id.map { "has " + QuotedText.query($0) } ?? "no Shopify id"
            case .shopifyTag: return set(shopify.tags, none: "no Shopify tags")
            case .shopifyPurchases: return "has \(shopify.purchases)"
            case .shopifyLastPurchase, .shopifyDaysSinceLastPurchase:
                return shopify.lastPurchaseAt.map { "last purchase " + RFC3339.format($0) } ?? "no purchase"
            case .shopifyAbandonedCart: return shopify.abandonedCartAt == nil ? "has false" : "has true"
            default:
                return shopify.abandonedCartAt.map { "cart abandoned " + RFC3339.format($0) } ?? "no abandoned cart"
            }
        case .hubspotId, .hubspotSegment, .hubspotProperty:
            guard let crm = friend.hubspot else { return unlinked }
            return crmValue(field, crm, integration)
        default:
            guard let crm = friend.klaviyo else { return unlinked }
            return crmValue(field, crm, integration)
        }
    }

    private static func crmValue(_ field: Field, _ crm: CRMData, _ integration: Integration) -> String {
        switch field {
        case .hubspotId, .klaviyoId:
            return crm.id.map { "has " + QuotedText.query($0) } ?? "no \(integration.displayName) id"
        case .hubspotSegment: return set(crm.lists, none: "in no HubSpot segment")
        case .klaviyoList: return set(crm.lists, none: "on no Klaviyo list")
        case .hubspotProperty(let name), .klaviyoProperty(let name):
            guard let value = crm.properties[name] ?? crm.properties[name.precomposedStringWithCanonicalMapping] else {
                return "no \(integration.displayName) " + CodeSpan.of(name)
            }
            switch value {
            case .string(let s): return "has " + QuotedText.query(s)
            case .number(let d): return "has " + QueryPrinter.valueText(.number(d))
            case .bool(let b): return "has \(b)"
            }
        default: return ""
        }
    }

    private static func set(_ values: [String], none: String) -> String {
        values.isEmpty ? none : "has " + values.map(QuotedText.query).joined(separator: ", ")
    }
}
