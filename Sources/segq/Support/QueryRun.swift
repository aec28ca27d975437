import ArgumentParser
import Segq

/// The steps every evaluating command shares: open the store (required),
/// compile the query against it, report diagnostics, and hand back what
/// is needed to run it.
struct QueryRun {
    let session: Session
    let store: OpenedStore
    let compilation: Compilation
    let form: NormalForm

    /// Fails with exit status 1 (diagnostics printed) when the query has
    /// errors, 2 when there is no store.
    static func prepare(store options: StoreOptions, time: TimeOptions, query: String) throws -> QueryRun {
        let session = try options.openSession(time: time)
        guard let store = session.store else {
            Output.error("this command needs a store (--store PATH or $SEGQ_STORE)")
            throw SegqExit.usage
        }
        let compilation = session.compile(query)
        Diagnostics.report(compilation.diagnostics, in: compilation.source)
        guard compilation.ok, let form = compilation.normalForm else { throw SegqExit.queryError }
        return QueryRun(session: session, store: store, compilation: compilation, form: form)
    }

    /// Runs `body`, turning evaluation failures into diagnostics (exit 1)
    /// or store errors (exit 3).
    static func evaluating<T>(_ source: SourceFile, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SegqExit {
            throw error
        } catch {
            if let diagnostics = queryDiagnostics(of: error) {
                Diagnostics.report(diagnostics, in: source)
                throw SegqExit.queryError
            }
            Output.error("\(error)")
            throw SegqExit.store
        }
    }
}
