import ArgumentParser
import Segq

/// The steps every evaluating command shares: open the store (required),
/// compile the query against it, report diagnostics, and hand back what
/// is needed to run it.
struct QueryRun {
    let session: Session
    let compilation: Compilation

    /// Fails with exit status 1 (diagnostics printed) when the query has
    /// errors, 2 when there is no store. The store header goes to standard
    /// error when `header` is true, except with `json`: then the diagnostics
    /// of a query with errors are printed as the compilation's JSON (`ok`
    /// false) and warnings are left to the command's JSON.
    static func prepare(store options: StoreOptions, time: TimeOptions, limits: LimitOptions? = nil,
                        query: String, json: Bool = false, header: Bool = true) throws -> QueryRun {
        let session = try options.openSession(time: time)
        limits?.apply(to: session)
        guard session.store != nil else {
            Output.error("this command needs a store (--store PATH or $SEGQ_STORE)")
            throw SegqExit.usage
        }
        if header && !json { StoreHeader.print(session) }
        // eval and explain run a settled query: no near-duplicate value notes.
        session.hintsNearDuplicateValues = false
        let compilation = session.compile(query)
        if json {
            if !compilation.ok { JSONOutput.print(compilation.json(in: session)) }
        } else {
            Diagnostics.report(compilation.diagnostics, in: compilation.source)
        }
        guard compilation.ok else { throw SegqExit.queryError }
        return QueryRun(session: session, compilation: compilation)
    }

    /// What `check` and `normalize` share: open the store named (without
    /// one, the built-in schema), compile the query, print the compilation as
    /// JSON, or the store header, its diagnostics and then what `text`
    /// prints; exit status 1 when the query has errors.
    static func printCompilation(store options: StoreOptions, time: TimeOptions, limits: LimitOptions,
                                 query: QueryArgument, json: Bool, text: (Compilation) -> Void) throws {
        let session = try options.openSession(time: time, fallback: .builtInSchema)
        limits.apply(to: session)
        let compilation = session.compile(try query.text())
        if json {
            Output.line(session.storeIdentity.adding(to: compilation.json(in: session)).pretty())
        } else {
            StoreHeader.print(session)
            Diagnostics.report(compilation.diagnostics, in: compilation.source)
            text(compilation)
        }
        if !compilation.ok { throw SegqExit.queryError }
    }

    /// The evaluator for this run's store.
    func evaluator(_ engine: EngineSelection, use: EvaluationUse = .once) throws -> QueryEvaluator {
        try Self.requireEngine(engine, in: session)
        // `prepare` made sure a store is open.
        return QueryEvaluator(session: session, use: use, engine: engine)!
    }

    /// Refuses `--engine sqlite` on a friend file (exit 2): a file is only
    /// ever evaluated in memory, and the choice must not be ignored silently.
    static func requireEngine(_ engine: EngineSelection, in session: Session) throws {
        guard engine == .sqlite, case .memory(_, let path)? = session.store else { return }
        Output.error("--engine sqlite needs a SQLite store, and \(path) is a friend file evaluated in memory; "
            + "import it with `segq import --store FILE.sqlite \(path)` or use --engine memory")
        throw SegqExit.usage
    }

    /// Runs `body`, turning evaluation failures into diagnostics (exit 1)
    /// or store errors (exit 3); with `json`, printed as `JSONOutput.failure`.
    static func evaluating<T>(_ source: SourceFile, json: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SegqExit {
            throw error
        } catch {
            if let diagnostics = queryDiagnostics(of: error) {
                if json {
                    JSONOutput.failure("the query cannot be evaluated", diagnostics: diagnostics, in: source)
                } else {
                    Diagnostics.report(diagnostics, in: source)
                }
                throw SegqExit.queryError
            }
            if json { JSONOutput.failure("\(error)") } else { Output.error("\(error)") }
            throw SegqExit.store
        }
    }
}
