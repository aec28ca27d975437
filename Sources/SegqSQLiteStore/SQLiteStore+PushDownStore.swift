import SegqStore

/// The SQLite store answers whole resolved queries with SQL (`SQLiteStore+Query`).
extension SQLiteStore: PushDownStore {}
