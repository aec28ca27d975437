/// What a query is checked against: which integrations exist, and the
/// properties (with types) each has. A store supplies one; without a store
/// the default schema admits every integration and any property (untyped,
/// with a warning).
public struct Schema: Hashable, Sendable {
    public var integrations: Set<Integration>
    /// nil: properties are not known (no store); any name is accepted, untyped.
    public var hubspotProperties: [String: ValueType]?
    public var klaviyoProperties: [String: ValueType]?
    /// Names of saved segments, when known.
    public var segmentNames: [String]?

    public init(integrations: Set<Integration> = Set(Integration.allCases),
                hubspotProperties: [String: ValueType]? = nil,
                klaviyoProperties: [String: ValueType]? = nil,
                segmentNames: [String]? = nil) {
        self.integrations = integrations
        self.hubspotProperties = hubspotProperties
        self.klaviyoProperties = klaviyoProperties
        self.segmentNames = segmentNames
    }

    /// The schema used when no store is given.
    public static let `default` = Schema()

    public func properties(of integration: Integration) -> [String: ValueType]? {
        switch integration {
        case .hubspot: return hubspotProperties
        case .klaviyo: return klaviyoProperties
        case .shopify: return [:]
        }
    }
}
