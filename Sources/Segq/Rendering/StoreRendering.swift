/// The open store in a few lines (`.store`, and after `.open`).
public enum StoreRendering {
    public static func summary(_ description: StoreDescription) -> String {
        let kind: String
        switch description.kind {
        case .sqlite: kind = "SQLite store"
        case .postgres: kind = "PostgreSQL store"
        case .friendFiles: kind = "friend file loaded in memory"
        }
        let integrations = description.integrations.joined(separator: ", ")
        return """
            store:        \(description.path) (\(kind))
            friends:      \(description.friendCount.map(String.init) ?? "?")
            time zone:    \(description.timeZone)
            integrations: \(integrations.isEmpty ? "none" : integrations)
            """
    }
}
