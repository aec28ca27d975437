import SegqSemantics

/// Settings a store carries besides its friends (docs/data-formats.md "Stores"):
/// the time zone day values are resolved in, the account's name, and the
/// integrations the account has even when no friend is linked yet.
public struct StoreSettings: Hashable, Sendable {
    /// IANA time zone identifier, "UTC" by default.
    public var timeZone: String
    public var accountName: String?
    /// Integrations that exist for the schema even with no linked friend.
    public var declaredIntegrations: Set<Integration>

    public init(timeZone: String = "UTC", accountName: String? = nil,
                declaredIntegrations: Set<Integration> = []) {
        self.timeZone = timeZone
        self.accountName = accountName
        self.declaredIntegrations = declaredIntegrations
    }
}
