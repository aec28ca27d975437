/// The types of Grammar/README.md "Fields". `untyped` is a property seen without a
/// store schema: accepted with a warning, compared as written.
public enum ValueType: String, Hashable, Sendable, Codable {
    case string, int, number, bool, time
    case stringSet = "set<string>"
    case untyped

    public var isOrdered: Bool { self == .int || self == .number || self == .time }
}

public enum Integration: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case shopify, hubspot, klaviyo

    public var displayName: String {
        switch self {
        case .shopify: return "Shopify"
        case .hubspot: return "HubSpot"
        case .klaviyo: return "Klaviyo"
        }
    }

    public static func < (a: Integration, b: Integration) -> Bool { a.rawValue < b.rawValue }
}
