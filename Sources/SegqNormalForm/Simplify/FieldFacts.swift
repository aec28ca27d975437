import SegqSemantics

extension Field {
    /// Fields present exactly when the friend is linked to the integration
    /// (Grammar/README.md "Fields" and the friend model: linked friends always have
    /// tags, a purchase count, a cart flag, lists). For them `is null` is
    /// `not <integration>.linked`.
    var isPresentIffLinked: Bool {
        switch self {
        case .shopifyTag, .shopifyPurchases, .shopifyAbandonedCart, .hubspotSegment, .klaviyoList: return true
        default: return false
        }
    }

    var isLinkedFlag: Bool {
        self == .shopifyLinked || self == .hubspotLinked || self == .klaviyoLinked
    }

    static func linked(_ integration: Integration) -> Field {
        switch integration {
        case .shopify: return .shopifyLinked
        case .hubspot: return .hubspotLinked
        case .klaviyo: return .klaviyoLinked
        }
    }
}

extension Condition {
    /// `<integration>.linked`, or its negation.
    static func linked(_ integration: Integration, _ isLinked: Bool, span: Span?) -> Condition {
        Condition(field: .linked(integration), type: .bool, test: .equals(.bool(true)), negated: !isLinked, span: span)
    }

    /// True when the condition is false on a missing value, so a group
    /// holding it requires the field to be present.
    var requiresPresence: Bool {
        if case .isNull = test { return negated }
        return !negated
    }

    func with(_ test: Test, negated: Bool? = nil) -> Condition {
        Condition(field: field, type: type, test: test, negated: negated ?? self.negated, span: span)
    }
}

import SegqSyntax
