/// The open store in a few lines (`.store`, and after `.open`).
public enum StoreRendering {
    public static func summary(_ description: StoreDescription) -> String {
        let kind = description.kind == .sqlite ? "SQLite store" : "friend file loaded in memory"
        let integrations = description.integrations.joined(separator: ", ")
        return """
            store:        \(description.path) (\(kind))
            friends:      \(description.friendCount.map(String.init) ?? "?")
            time zone:    \(description.timeZone)
            integrations: \(integrations.isEmpty ? "none" : integrations)
            """
    }
}
