import SegqStore
import SegqPlanner

extension OpenedStore {
    /// The database store holding saved segments, tags and proposals (a
    /// SQLite file or a PostgreSQL account); nil for friend files.
    public var catalogStore: (any CatalogStore)? {
        switch self {
        case .sqlite(let store): return store
        case .postgres(let store): return store
        case .memory: return nil
        }
    }
}

extension Session {
    /// True when the open store keeps saved segments, tags and proposals (a database store).
    public var hasCatalog: Bool { store?.catalogStore != nil }

    /// The open database store, which holds the saved segments, tags and
    /// proposals; `CatalogError.needsDatabase` when the open store is friend files.
    func catalogDatabase() throws -> any CatalogStore {
        guard let store = store?.catalogStore else { throw CatalogError.needsDatabase }
        return store
    }

    /// Runs a catalog change as one write transaction of the open store:
    /// the write lock is taken first (SQLite `BEGIN IMMEDIATE`, PostgreSQL
    /// the account's row `FOR UPDATE`), then the session's schema and
    /// catalogue are read again, so every check `body` makes (a name
    /// exists, a segment uses a tag, which friends a query selects) sees
    /// exactly the data its writes change. Another segq writing meanwhile
    /// makes this wait (or, on SQLite past its timeout, fail with "busy;
    /// try again"); nothing is half-applied.
    func writing<T>(to catalog: any CatalogStore, _ body: () throws -> T) throws -> T {
        let opened = store
        defer { replaceStore(opened) }
        return try catalog.writeTransaction {
            replaceStore(opened)
            return try body()
        }
    }

    /// A runner that pushes every query down to `catalog` on its own
    /// connection (so inside `writing(to:)` it sees the transaction's
    /// writes), with the store's saved segments or `segments` in their place.
    func pushDownRunner(on catalog: any CatalogStore, segments: SavedSegmentSource? = nil) -> QueryRunner {
        let compiler = Compiler(schema: catalog.schema, catalog: catalog)
        return QueryRunner(pushDown: catalog, path: store?.shownPath ?? "",
                           policy: .force(EngineChoice.Engine(rawValue: catalog.engineName)),
                           segments: segments ?? catalog, compile: { text, _ in try compiler.compileSavedQuery(text) })
    }
}
