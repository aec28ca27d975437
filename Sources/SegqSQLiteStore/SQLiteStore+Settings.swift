import SegqStore
import SegqSemantics

/// Store settings live in the `settings` table as text under fixed keys.
extension SQLiteStore {
    private enum Key {
        static let timeZone = "time_zone"
        static let accountName = "account_name"
        static let declaredIntegrations = "declared_integrations"
        /// Integrations some friend is linked to, recomputed by every import.
        static let linkedIntegrations = "linked_integrations"
    }

    func setting(_ key: String) throws -> String? {
        try withStatement("SELECT value FROM settings WHERE key = ?") { stmt in
            try stmt.bind(key, at: 1)
            return try stmt.step() ? stmt.text(0) : nil
        }
    }

    func setSetting(_ key: String, _ value: String?) throws {
        if let value {
            try withStatement("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value") { stmt in
                try stmt.bind(key, at: 1)
                try stmt.bind(value, at: 2)
                try stmt.run()
            }
        } else {
            try withStatement("DELETE FROM settings WHERE key = ?") { stmt in
                try stmt.bind(key, at: 1)
                try stmt.run()
            }
        }
    }

    static func encodeIntegrations(_ set: Set<Integration>) -> String {
        set.sorted().map(\.rawValue).joined(separator: ",")
    }

    static func decodeIntegrations(_ text: String?) -> Set<Integration> {
        guard let text else { return [] }
        return Set(text.split(separator: ",").compactMap { Integration(rawValue: String($0)) })
    }

    /// The store's settings (defaults for any not set).
    public func settings() throws -> StoreSettings {
        StoreSettings(timeZone: try setting(Key.timeZone) ?? "UTC",
                      accountName: try setting(Key.accountName),
                      declaredIntegrations: Self.decodeIntegrations(try setting(Key.declaredIntegrations)))
    }

    /// Replaces the store's settings, in one transaction.
    public func setSettings(_ settings: StoreSettings) throws {
        try db.transaction {
            try setSetting(Key.timeZone, settings.timeZone)
            try setSetting(Key.accountName, settings.accountName)
            try setSetting(Key.declaredIntegrations,
                           settings.declaredIntegrations.isEmpty ? nil : Self.encodeIntegrations(settings.declaredIntegrations))
        }
        cachedSchema = nil
    }

    /// Integrations at least one friend is linked to (as of the last import).
    func linkedIntegrations() throws -> Set<Integration> {
        Self.decodeIntegrations(try setting(Key.linkedIntegrations))
    }

    /// Records the integrations at least one friend is linked to (inside an
    /// import, from its statistics).
    func setLinkedIntegrations(_ linked: Set<Integration>) throws {
        try setSetting(Key.linkedIntegrations, Self.encodeIntegrations(linked))
    }
}
