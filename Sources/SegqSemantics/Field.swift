/// A field a condition tests. Built-in fields are cases; integration
/// properties carry their name. Derived fields (`days_since_last_purchase`,
/// `hours_since_cart_abandoned`, `abandoned_cart`) stay distinct here; the
/// planner rewrites them onto the stored times.
public enum Field: Hashable, Sendable, Comparable {
    case id, name, added, tag, segment
    case shopifyLinked, shopifyId, shopifyTag, shopifyPurchases, shopifyLastPurchase
    case shopifyDaysSinceLastPurchase, shopifyAbandonedCart, shopifyCartAbandonedAt
    case shopifyHoursSinceCartAbandoned
    case hubspotLinked, hubspotId, hubspotSegment
    case hubspotProperty(String)
    case klaviyoLinked, klaviyoId, klaviyoList
    case klaviyoProperty(String)
    /// `tag.Department`: the values of the friend's tags with that key (`Department:Sales`).
    case tagKey(String)

    /// Built-in fields in the order `.schema` and completion list them.
    public static let builtIns: [Field] = [
        .id, .name, .added, .tag, .segment,
        .shopifyLinked, .shopifyId, .shopifyTag, .shopifyPurchases, .shopifyLastPurchase,
        .shopifyDaysSinceLastPurchase, .shopifyAbandonedCart, .shopifyCartAbandonedAt,
        .shopifyHoursSinceCartAbandoned,
        .hubspotLinked, .hubspotId, .hubspotSegment,
        .klaviyoLinked, .klaviyoId, .klaviyoList,
    ]

    /// The integration the field belongs to, if any.
    public var integration: Integration? {
        switch self {
        case .id, .name, .added, .tag, .segment, .tagKey: return nil
        case .shopifyLinked, .shopifyId, .shopifyTag, .shopifyPurchases, .shopifyLastPurchase,
             .shopifyDaysSinceLastPurchase, .shopifyAbandonedCart, .shopifyCartAbandonedAt,
             .shopifyHoursSinceCartAbandoned: return .shopify
        case .hubspotLinked, .hubspotId, .hubspotSegment, .hubspotProperty: return .hubspot
        case .klaviyoLinked, .klaviyoId, .klaviyoList, .klaviyoProperty: return .klaviyo
        }
    }

    /// Canonical path text (`shopify.purchases`, `` hubspot.`lead status` ``).
    /// A property whose name is also a built-in name is always backticked.
    public var path: String {
        switch self {
        case .id: return "id"
        case .name: return "name"
        case .added: return "added"
        case .tag: return "tag"
        case .segment: return "segment"
        case .shopifyLinked: return "shopify.linked"
        case .shopifyId: return "shopify.id"
        case .shopifyTag: return "shopify.tag"
        case .shopifyPurchases: return "shopify.purchases"
        case .shopifyLastPurchase: return "shopify.last_purchase"
        case .shopifyDaysSinceLastPurchase: return "shopify.days_since_last_purchase"
        case .shopifyAbandonedCart: return "shopify.abandoned_cart"
        case .shopifyCartAbandonedAt: return "shopify.cart_abandoned_at"
        case .shopifyHoursSinceCartAbandoned: return "shopify.hours_since_cart_abandoned"
        case .hubspotLinked: return "hubspot.linked"
        case .hubspotId: return "hubspot.id"
        case .hubspotSegment: return "hubspot.segment"
        case .hubspotProperty(let p): return "hubspot." + Field.propertySegment(p)
        case .klaviyoLinked: return "klaviyo.linked"
        case .klaviyoId: return "klaviyo.id"
        case .klaviyoList: return "klaviyo.list"
        case .klaviyoProperty(let p): return "klaviyo." + Field.propertySegment(p)
        case .tagKey(let k): return "tag." + (Field.isPlainIdentifier(k) ? k : "`" + k.replacingBackticks() + "`")
        }
    }

    static let reservedSegmentNames: Set<String> = ["linked", "id", "segment", "list", "tag"]

    static func propertySegment(_ name: String) -> String {
        if reservedSegmentNames.contains(name) || !isPlainIdentifier(name) {
            return "`" + name.replacingBackticks() + "`"
        }
        return name
    }

    static func isPlainIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        func alpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        return alpha(first) && s.utf8.allSatisfy { alpha($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// The built-in type, or nil for a property (typed by the schema).
    public var builtInType: ValueType? {
        switch self {
        case .id, .name, .shopifyId, .hubspotId, .klaviyoId: return .string
        case .added, .shopifyLastPurchase, .shopifyCartAbandonedAt: return .time
        case .tag, .segment, .shopifyTag, .hubspotSegment, .klaviyoList: return .stringSet
        case .shopifyLinked, .shopifyAbandonedCart, .hubspotLinked, .klaviyoLinked: return .bool
        case .shopifyPurchases, .shopifyDaysSinceLastPurchase, .shopifyHoursSinceCartAbandoned: return .int
        case .hubspotProperty, .klaviyoProperty, .tagKey: return nil
        }
    }

    /// The key of a `tag.K` field.
    public var tagKey: String? {
        if case .tagKey(let k) = self { return k }
        return nil
    }

    /// True when some friend may have no value (Grammar/README.md "Fields" "missing when").
    public var canBeMissing: Bool {
        switch self {
        case .id, .added, .tag, .segment, .shopifyLinked, .hubspotLinked, .klaviyoLinked: return false
        default: return true
        }
    }

    /// Ordering used to print conditions in a stable order.
    public static func < (a: Field, b: Field) -> Bool { a.sortKey < b.sortKey }

    private var sortKey: (Int, String) {
        if let i = Field.builtIns.firstIndex(of: self) { return (i, "") }
        switch self {
        case .hubspotProperty(let p): return (Field.builtIns.count, p)
        case .klaviyoProperty(let p): return (Field.builtIns.count + 1, p)
        case .tagKey(let k): return (Field.builtIns.count + 2, k)
        default: return (Int.max, "")
        }
    }
}

extension String {
    func replacingBackticks() -> String {
        var out = ""
        for ch in self {
            if ch == "`" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
