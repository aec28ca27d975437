import Foundation
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

extension Session {
    /// A friend's value of the field at the canonical `path`, as a cell of
    /// the preview's table: `3`, `Customer`, `VIP, Kyoto`, times as
    /// `yyyy-MM-dd HH:mm` in the session's zone, derived fields counted at
    /// the session's `now` (days in its zone, whole hours). Nil when the
    /// friend has no value (not linked, no such property) or the path names
    /// no field.
    public func cellText(ofField path: String, for friend: Friend) -> String? {
        guard let field = field(atPath: path) else { return nil }
        let zone = timeZone
        func time(_ milliseconds: Int64?) -> String? { milliseconds.map { Friend.timeText($0, in: zone) } }
        func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: ", ") }
        switch field {
        case .id: return friend.id
        case .name: return friend.name
        case .added: return time(friend.addedAt)
        case .tag: return list(friend.tags)
        case .tagKey(let key): return list(TagKeys.values(of: key, inTags: friend.tags))
        case .segment: return nil
        case .shopifyLinked: return String(friend.shopify != nil)
        case .hubspotLinked: return String(friend.hubspot != nil)
        case .klaviyoLinked: return String(friend.klaviyo != nil)
        case .shopifyId: return friend.shopify?.id
        case .shopifyTag: return friend.shopify.flatMap { list($0.tags) }
        case .shopifyPurchases: return friend.shopify.map { String($0.purchases) }
        case .shopifyLastPurchase: return time(friend.shopify?.lastPurchaseAt)
        case .shopifyCartAbandonedAt: return time(friend.shopify?.abandonedCartAt)
        case .shopifyAbandonedCart: return friend.shopify.map { String($0.abandonedCartAt != nil) }
        case .shopifyDaysSinceLastPurchase:
            return friend.shopify?.lastPurchaseAt.map { String(calendarDays(from: $0, to: currentInstant, in: zone)) }
        case .shopifyHoursSinceCartAbandoned:
            return friend.shopify?.abandonedCartAt.map { String((currentInstant - $0) / 3_600_000) }
        case .hubspotId: return friend.hubspot?.id
        case .hubspotSegment: return friend.hubspot.flatMap { list($0.lists) }
        case .klaviyoId: return friend.klaviyo?.id
        case .klaviyoList: return friend.klaviyo.flatMap { list($0.lists) }
        case .hubspotProperty(let name): return friend.hubspot.flatMap { Self.propertyText($0, name) }
        case .klaviyoProperty(let name): return friend.klaviyo.flatMap { Self.propertyText($0, name) }
        }
    }

    private static func propertyText(_ crm: CRMData, _ name: String) -> String? {
        guard let value = crm.properties[name] ?? crm.properties[name.precomposedStringWithCanonicalMapping] else {
            return nil
        }
        switch value {
        case .string(let s): return s
        case .number(let d): return QueryPrinter.valueText(.number(d))
        case .bool(let b): return String(b)
        }
    }

    /// Calendar days in `zone` from the day of `start` to the day of `end`.
    private func calendarDays(from start: Int64, to end: Int64, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let first = calendar.startOfDay(for: Date(timeIntervalSince1970: Double(start) / 1000))
        let last = calendar.startOfDay(for: Date(timeIntervalSince1970: Double(end) / 1000))
        return calendar.dateComponents([.day], from: first, to: last).day ?? 0
    }
}
