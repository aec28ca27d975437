import SegqStore

/// The in-memory store as the planner sees it: its bitmaps are row sets,
/// its per-atom estimates and access paths feed the planner.
extension Bitmap: RowSet {}

extension InMemoryStore: BitmapStore {
    public func accessPath(for atom: Atom) -> AccessPath {
        switch access(for: atom) {
        case .bitmap: return .bitmap
        case .sortedRange: return .sortedRange
        case .scan: return .scan
        }
    }
}

extension InMemoryStore {
    /// Every friend of an SQLite store, in row order, as an in-memory store
    /// with the SQLite store's settings (what the REPL and `bench` query).
    public static func loading(_ store: SQLiteStore) throws -> InMemoryStore {
        let settings = try store.settings()
        let cursor = try store.allFriends()
        let loaded = InMemoryStore(friends: cursor, settings: settings)
        if let error = cursor.error { throw error }
        return loaded
    }
}

extension QueryRunner {
    /// An SQLite store with its own saved segments; when the policy picks
    /// the memory engine the store is loaded with `InMemoryStore.loading`.
    public convenience init(sqlite store: SQLiteStore, policy: EnginePolicy = .singleEvaluation,
                            compile: SegmentResolver.Compiler? = nil) {
        self.init(sqlite: store, path: store.path, policy: policy,
                  loadIntoMemory: { try InMemoryStore.loading(store) },
                  segments: store, compile: compile)
    }
}
