import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

extension OpenedStore {
    /// A runner for this store. `policy` says how the caller will use it
    /// (once, or repeatedly as the REPL and `bench` do), which decides the
    /// engine; saved segments come from the SQLite store and are compiled
    /// with the same front end as any query.
    public func runner(policy: EnginePolicy = .singleEvaluation) -> QueryRunner {
        switch self {
        case .memory(let store, let path):
            return QueryRunner(memory: store, files: [path], segments: nil, compile: nil)
        case .sqlite(let store):
            let compiler = Compiler(schema: store.schema, catalog: store)
            return QueryRunner(sqlite: store, path: store.path, policy: policy,
                               loadIntoMemory: { try OpenedStore.loadIntoMemory(store) },
                               segments: store,
                               compile: { query, _ in try compiler.compileSavedQuery(query) })
        }
    }

    /// The SQLite store's friends as a columnar in-memory store.
    public static func loadIntoMemory(_ store: SQLiteStore) throws -> InMemoryStore {
        let cursor = try store.allFriends()
        let memory = InMemoryStore(friends: cursor, settings: (try? store.settings()) ?? StoreSettings())
        if let error = cursor.error { throw error }
        return memory
    }
}

extension Compiler {
    /// Compiles a saved segment's canonical query; errors become a
    /// `SegmentQueryError` carrying the diagnostics.
    func compileSavedQuery(_ text: String) throws -> NormalForm {
        let compilation = compile(text)
        guard let form = compilation.normalForm, compilation.ok else {
            throw SegmentQueryError(compilation.diagnostics.filter { $0.severity == .error })
        }
        return form
    }
}
