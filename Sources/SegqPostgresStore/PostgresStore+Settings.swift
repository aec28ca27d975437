import SegqSemantics
import SegqStore

/// The account's settings live in `settings` as text under fixed keys
/// (the same keys and encodings as the SQLite store's).
extension PostgresStore {
    enum SettingKey {
        static let timeZone = "time_zone"
        static let accountName = "account_name"
        static let declaredIntegrations = "declared_integrations"
        /// Integrations some friend is linked to, recomputed by every import.
        static let linkedIntegrations = "linked_integrations"
    }

    func setting(_ key: String) throws -> String? {
        try db.query("SELECT value FROM settings WHERE account = $1 AND key = $2", [.int4(account), .text(key)])
            .optionalString(0, 0)
    }

    func setSetting(_ key: String, _ value: String?) throws {
        if let value {
            try db.query("""
                INSERT INTO settings(account, key, value) VALUES ($1, $2, $3)
                ON CONFLICT (account, key) DO UPDATE SET value = excluded.value
                """, [.int4(account), .text(key), .text(value)])
        } else {
            try db.query("DELETE FROM settings WHERE account = $1 AND key = $2", [.int4(account), .text(key)])
        }
    }

    static func encodeIntegrations(_ set: Set<Integration>) -> String {
        set.sorted().map(\.rawValue).joined(separator: ",")
    }

    static func decodeIntegrations(_ text: String?) -> Set<Integration> {
        guard let text else { return [] }
        return Set(text.split(separator: ",").compactMap { Integration(rawValue: String($0)) })
    }

    /// The account's settings (defaults for any not set).
    public func settings() throws -> StoreSettings {
        StoreSettings(timeZone: try setting(SettingKey.timeZone) ?? "UTC",
                      accountName: try setting(SettingKey.accountName),
                      declaredIntegrations: Self.decodeIntegrations(try setting(SettingKey.declaredIntegrations)))
    }

    /// Replaces the account's settings, in one transaction.
    public func setSettings(_ settings: StoreSettings) throws {
        try write {
            try setSetting(SettingKey.timeZone, settings.timeZone)
            try setSetting(SettingKey.accountName, settings.accountName)
            try setSetting(SettingKey.declaredIntegrations,
                           settings.declaredIntegrations.isEmpty ? nil : Self.encodeIntegrations(settings.declaredIntegrations))
        }
    }

    /// Integrations at least one friend is linked to (as of the last import).
    func linkedIntegrations() throws -> Set<Integration> {
        Self.decodeIntegrations(try setting(SettingKey.linkedIntegrations))
    }

    /// Recomputes the linked integrations from the account's friends (inside an import).
    func refreshLinkedIntegrations() throws {
        // Each EXISTS stops at the first linked friend rather than reading them all.
        let rows = try db.query("""
            SELECT EXISTS(SELECT 1 FROM friends WHERE account = $1 AND shopify_linked),
                   EXISTS(SELECT 1 FROM friends WHERE account = $1 AND hubspot_linked),
                   EXISTS(SELECT 1 FROM friends WHERE account = $1 AND klaviyo_linked)
            """, [.int4(account)])
        var linked: Set<Integration> = []
        if rows.bool(0, 0) { linked.insert(.shopify) }
        if rows.bool(0, 1) { linked.insert(.hubspot) }
        if rows.bool(0, 2) { linked.insert(.klaviyo) }
        try setSetting(SettingKey.linkedIntegrations, Self.encodeIntegrations(linked))
    }
}
