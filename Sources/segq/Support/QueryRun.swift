import ArgumentParser
import Segq

/// The steps every evaluating command shares: open the store (required),
/// compile the query against it, report diagnostics, and hand back what
/// is needed to run it.
struct QueryRun {
    let session: Session
    let compilation: Compilation

    /// Fails with exit status 1 (diagnostics printed) when the query has
    /// errors, 2 when there is no store.
    static func prepare(store options: StoreOptions, time: TimeOptions, limits: LimitOptions? = nil,
                        query: String) throws -> QueryRun {
        let session = try options.openSession(time: time)
        limits?.apply(to: session)
        guard session.store != nil else {
            Output.error("this command needs a store (--store PATH or $SEGQ_STORE)")
            throw SegqExit.usage
        }
        let compilation = session.compile(query)
        Diagnostics.report(compilation.diagnostics, in: compilation.source)
        guard compilation.ok else { throw SegqExit.queryError }
        return QueryRun(session: session, compilation: compilation)
    }

    /// The evaluator for this run's store.
    func evaluator(_ engine: EngineSelection, use: EvaluationUse = .once) -> QueryEvaluator {
        // `prepare` made sure a store is open.
        QueryEvaluator(session: session, use: use, engine: engine)!
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
