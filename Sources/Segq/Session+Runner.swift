import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
import SegqSQLiteStore
import SegqPostgresStore
import SegqPlanner

extension OpenedStore {
    /// A runner for this store. `policy` says how the caller will use it
    /// (once, or repeatedly as the REPL and `bench` do), which decides the
    /// engine; saved segments come from the database store and are
    /// compiled with the same front end as any query.
    public func runner(policy: EnginePolicy = .singleEvaluation) -> QueryRunner {
        switch self {
        case .memory(let store, let path):
            return QueryRunner(memory: store, files: [path], segments: nil, compile: nil)
        case .sqlite(let store):
            return databaseRunner(store, policy: policy, inBackground: OpenedStore.backgroundImage(of: store)) {
                try OpenedStore.loadIntoMemory(store)
            }
        case .postgres(let store):
            return databaseRunner(store, policy: policy) { try OpenedStore.loadIntoMemory(store) }
        }
    }

    /// `inBackground` lets an interactive session answer by push-down
    /// while the memory image is built on another thread.
    private func databaseRunner(_ store: some CatalogStore, policy: EnginePolicy,
                                inBackground: BackgroundImageSource? = nil,
                                load: @escaping QueryRunner.MemoryLoader) -> QueryRunner {
        let compiler = Compiler(schema: store.schema, catalog: store)
        return QueryRunner(pushDown: store, path: shownPath, policy: policy, loadIntoMemory: load,
                           inBackground: inBackground, segments: store, compile: { query, _ in try compiler.compileSavedQuery(query) })
    }

    /// The store as plans and messages name it: a file path, or `account NAME`.
    var shownPath: String {
        switch self {
        case .memory(_, let path): return path
        case .sqlite(let store): return store.path
        case .postgres(let store): return "account " + store.accountName
        }
    }
}

extension EngineChoice.Engine {
    /// SQL pushed down to a SQLite store.
    public static let sqlite = EngineChoice.Engine(rawValue: SQLiteStore.engineName)
    /// SQL pushed down to a PostgreSQL server.
    public static let postgres = EngineChoice.Engine(rawValue: PostgresStore.engineName)
}

extension QueryRunner {
    /// An SQLite store with its own saved segments; when the policy picks
    /// the memory engine the store is loaded with `OpenedStore.loadIntoMemory`.
    public convenience init(sqlite store: SQLiteStore, policy: EnginePolicy = .singleEvaluation,
                            compile: SegmentResolver.Compiler? = nil) {
        self.init(pushDown: store, path: store.path, policy: policy,
                  loadIntoMemory: { try OpenedStore.loadIntoMemory(store) },
                  inBackground: OpenedStore.backgroundImage(of: store),
                  segments: store, compile: compile)
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
