import SegqSQLiteStore
import SegqStore

extension Session {
    /// Runs a catalog change as one write transaction of `store`: the write
    /// lock is taken first, then the session's schema and catalogue are read
    /// again, so every check `body` makes (a name exists, a segment uses a
    /// tag, which friends a query selects) sees exactly the data its writes
    /// change. Another segq writing meanwhile makes this wait, or fail with
    /// the store's "busy; try again" error; nothing is half-applied.
    func writing<T>(to store: SQLiteStore, _ body: () throws -> T) throws -> T {
        defer { replaceStore(.sqlite(store)) }
        return try store.writeTransaction {
            replaceStore(.sqlite(store))
            return try body()
        }
    }
}
