import SegqSemantics

/// How the summary names fields and what their missing values mean
/// (Grammar/README.md "Fields" "missing when").
enum FieldWords {
    /// A noun for "whose …" and "have no …".
    static func noun(_ field: Field) -> String {
        switch field {
        case .id: return "id"
        case .name: return "name"
        case .added: return "time added"
        case .tag: return "tags"
        case .segment: return "segments"
        case .shopifyLinked: return "Shopify link"
        case .shopifyId: return "Shopify id"
        case .shopifyTag: return "Shopify tags"
        case .shopifyPurchases: return "number of Shopify purchases"
        case .shopifyLastPurchase: return "Shopify purchase"
        case .shopifyDaysSinceLastPurchase: return "number of days since their last Shopify purchase"
        case .shopifyAbandonedCart: return "abandoned Shopify cart"
        case .shopifyCartAbandonedAt: return "abandoned Shopify cart"
        case .shopifyHoursSinceCartAbandoned: return "number of hours since they abandoned a Shopify cart"
        case .hubspotLinked: return "HubSpot link"
        case .hubspotId: return "HubSpot id"
        case .hubspotSegment: return "HubSpot segments"
        case .hubspotProperty(let p): return "HubSpot " + propertyName(p)
        case .klaviyoLinked: return "Klaviyo link"
        case .klaviyoId: return "Klaviyo id"
        case .klaviyoList: return "Klaviyo lists"
        case .klaviyoProperty(let p): return "Klaviyo " + propertyName(p)
        case .tagKey(let k): return propertyName(k) + " tag"
        }
    }

    /// "`stage`": the property's name as written in a query.
    private static func propertyName(_ p: String) -> String {
        "`" + p + "`"
    }

    /// Fields that have a value exactly when the friend is linked.
    static func presentExactlyWhenLinked(_ field: Field) -> Bool {
        switch field {
        case .shopifyTag, .shopifyPurchases, .shopifyAbandonedCart, .hubspotSegment, .klaviyoList: return true
        default: return false
        }
    }
}

/// Wordings of the set tests for one set field.
struct SetWords {
    var has, lacks, anyOf, noneOf, someElement, noElement, empty, notEmpty: String

    init?(_ field: Field) {
        switch field {
        case .tag: self.init(have: "tag", plural: "tags")
        case .shopifyTag: self.init(have: "Shopify tag", plural: "Shopify tags")
        case .segment: self.init(member: "segment", plural: "segments", preposition: "in")
        case .hubspotSegment: self.init(member: "HubSpot segment", plural: "HubSpot segments", preposition: "in")
        case .klaviyoList: self.init(member: "Klaviyo list", plural: "Klaviyo lists", preposition: "on")
        default: return nil
        }
    }

    /// Things a friend has: "have the tag …".
    private init(have noun: String, plural: String) {
        has = "have the \(noun)"
        lacks = "do not have the \(noun)"
        anyOf = "have any of the \(plural)"
        noneOf = "have none of the \(plural)"
        someElement = "have a \(noun)"
        noElement = "have no \(noun)"
        empty = "have no \(plural)"
        notEmpty = "have at least one \(noun)"
    }

    /// Groups a friend belongs to: "are in the segment …".
    private init(member noun: String, plural: String, preposition: String) {
        has = "are \(preposition) the \(noun)"
        lacks = "are not \(preposition) the \(noun)"
        anyOf = "are \(preposition) any of the \(plural)"
        noneOf = "are \(preposition) none of the \(plural)"
        someElement = "are \(preposition) a \(noun)"
        noElement = "are \(preposition) no \(noun)"
        empty = "are \(preposition) no \(noun)"
        notEmpty = "are \(preposition) at least one \(noun)"
    }
}

/// The verbs of the time fields: "were added on …", "did not make their
/// last Shopify purchase on …".
struct TimeVerbs {
    var positive, negative: String

    init?(_ field: Field) {
        switch field {
        case .added: positive = "were added"; negative = "were not added"
        case .shopifyLastPurchase:
            positive = "made their last Shopify purchase"; negative = "did not make their last Shopify purchase"
        case .shopifyCartAbandonedAt:
            positive = "abandoned a Shopify cart"; negative = "did not abandon a Shopify cart"
        default: return nil
        }
    }
}
