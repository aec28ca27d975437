import SegqStore

/// The SQLite store answers whole resolved queries with SQL (`SQLiteStore+Query`).
extension SQLiteStore: PushDownStore {
    /// The push-down engine's name in `explain` and `bench`.
    public static let engineName = "sqlite"

    public var engineName: String { SQLiteStore.engineName }
    public var storeKind: String { "SQLite store" }
}
