import SegqSemantics
import SegqNormalForm
import SegqStore

/// Runs normal forms against one store: what the command line, the REPL
/// and `propose` call. It resolves the query at an evaluation context
/// (times, derived fields, saved segments), picks the engine by its
/// `EnginePolicy`, plans, executes and explains.
///
/// - A store loaded from files runs in memory.
/// - A database store (`PushDownStore`: SQLite) is queried by push-down, or, when the policy asks
///   for repeated evaluation and a loader is given, loaded into memory once
///   (on first use) and then queried on bitmaps.
/// - With `EnginePolicy.interactive` and a `BackgroundImageSource`, the
///   database answers by push-down while its memory image loads on another
///   thread; the first query after the image is ready switches to it, but
///   only if the store's version is still the one seen before the load
///   began (otherwise the image is thrown away and loaded again). Both
///   engines answer every query alike, so the switch changes no answer.
///
/// A store loaded into memory is a snapshot: after writing to the SQLite
/// store (an import, a saved segment), make a new runner.
///
/// Not thread-safe (an SQLite connection is single-threaded); use one
/// runner per thread.
public final class QueryRunner {
    /// Builds the in-memory store from the SQLite store (all friends, in row order).
    public typealias MemoryLoader = () throws -> any BitmapStore

    private enum Backend {
        case memory(any BitmapStore)
        case pushDown(any PushDownStore)
    }

    private let origin: EnginePolicy.StoreOrigin
    private let policy: EnginePolicy
    private var backend: Backend
    private var loader: MemoryLoader?
    private let imageSource: BackgroundImageSource?
    /// The image loading in the background and the store's version when it started.
    private var loading: (image: BackgroundImage, version: Int64)?
    private var chosen: EngineChoice?
    private let segments: SavedSegmentSource?
    private let compile: SegmentResolver.Compiler?
    /// Polled by the in-memory engine between plan nodes; true stops the
    /// run with `EvaluationError.cancelled` (the REPL's Ctrl-C).
    public var isCancelled: (() -> Bool)?

    /// A store already in memory (loaded from `files`).
    public init(memory store: some BitmapStore, files: [String] = [],
                segments: SavedSegmentSource? = nil, compile: SegmentResolver.Compiler? = nil) {
        self.origin = .files(files)
        self.policy = .force(.memory)
        self.backend = .memory(store)
        self.imageSource = nil
        self.segments = segments
        self.compile = compile
    }

    /// A database store at `path` that runs queries itself (SQLite, or any
    /// other `PushDownStore`). `loadIntoMemory` is used when the policy
    /// chooses the memory engine; without it every query is pushed down.
    /// `inBackground` builds the memory image on another thread when the
    /// policy is `.interactive` (without it, `.interactive` loads as
    /// `.repeatedEvaluation` does).
    public init(pushDown store: some PushDownStore, path: String, policy: EnginePolicy = .singleEvaluation,
                loadIntoMemory: MemoryLoader? = nil, inBackground: BackgroundImageSource? = nil,
                segments: SavedSegmentSource? = nil, compile: SegmentResolver.Compiler? = nil) {
        self.origin = .database(engine: EngineChoice.Engine(rawValue: store.engineName), kind: store.storeKind, path: path)
        self.policy = policy
        self.backend = .pushDown(store)
        self.loader = loadIntoMemory
        self.imageSource = policy == .interactive ? inBackground : nil
        self.segments = segments
        self.compile = compile
    }

    /// The SQLite store at `path`: `init(pushDown:...)` under the name the
    /// command line and the tests use.
    public convenience init(sqlite store: some PushDownStore, path: String, policy: EnginePolicy = .singleEvaluation,
                            loadIntoMemory: MemoryLoader? = nil, inBackground: BackgroundImageSource? = nil,
                            segments: SavedSegmentSource? = nil, compile: SegmentResolver.Compiler? = nil) {
        self.init(pushDown: store, path: path, policy: policy, loadIntoMemory: loadIntoMemory,
                  inBackground: inBackground, segments: segments, compile: compile)
    }

    // MARK: Engine

    /// The engine every query of this runner uses, and why. The first call
    /// decides (and, when the decision is to load an SQLite store into
    /// memory, loads it); later calls repeat the decision.
    public func engine() throws -> EngineChoice {
        if let chosen { return chosen }
        let choice: EngineChoice
        switch backend {
        case .memory(let store):
            choice = policy.choose(for: origin, friendCount: store.friendCount)
        case .pushDown(let store):
            let friends = try storeCall { try store.friendCount() }
            var wanted = policy.choose(for: origin, friendCount: friends)
            if wanted.engine == .memory {
                if let imageSource {
                    // Not remembered until the switch: each query asks again.
                    return try switchToImage(imageSource, store: store, friends: friends, memory: wanted)
                }
                if let loader {
                    backend = .memory(try storeCall(loader))
                    self.loader = nil
                } else {
                    wanted = EngineChoice(EngineChoice.Engine(rawValue: store.engineName),
                                          reason: wanted.reason + "; no in-memory loader, so pushed down as SQL")
                }
            }
            choice = wanted
        }
        chosen = choice
        return choice
    }

    /// The memory engine when the background image is ready and still
    /// current (switching to it for good), else push-down; starts the load
    /// on first use and again when the store changed meanwhile.
    private func switchToImage(_ source: BackgroundImageSource, store: any PushDownStore, friends: Int,
                               memory: EngineChoice) throws -> EngineChoice {
        let pushDown = EngineChoice.Engine(rawValue: store.engineName)
        guard case .database(_, _, let path) = origin else { return memory }
        let name = EnginePolicy.fileName(path)
        let counted = Format.count(friends) + (friends == 1 ? " friend" : " friends")
        let loadingChoice = EngineChoice(pushDown, reason: "\(store.storeKind) \(name), \(counted): pushed down as SQL while the memory image loads")
        guard let loading else {
            try startImage(source)
            return loadingChoice
        }
        switch loading.image.finished {
        case nil:
            return loadingChoice
        case .failed(let message)?:
            self.loading = nil
            let choice = EngineChoice(pushDown, reason: "\(store.storeKind) \(name), \(counted): pushed down as SQL (the memory image could not be loaded: \(message))")
            chosen = choice
            return choice
        case .ready(let image)?:
            guard try storeCall(source.version) == loading.version else {
                // Changed since the image was read: it would answer for the old data.
                try startImage(source)
                return loadingChoice
            }
            self.loading = nil
            backend = .memory(image)
            loader = nil
            chosen = memory
            return memory
        }
    }

    private func startImage(_ source: BackgroundImageSource) throws {
        loading?.image.cancel()
        // The version is read before the load starts, so a change committed
        // while it reads is seen as a change.
        let version = try storeCall(source.version)
        loading = (BackgroundImage(load: source.load), version)
    }

    /// Waits for the memory image loading in the background, if any, and
    /// switches to it when it is current (tests, and front ends that would
    /// rather wait). Returns the engine queries now use.
    @discardableResult
    public func waitForMemoryImage() throws -> EngineChoice {
        if chosen == nil, loading == nil, imageSource != nil { _ = try engine() }
        loading?.image.wait()
        return try engine()
    }

    deinit {
        loading?.image.cancel()
    }

    // MARK: Planning

    /// The physical expression of `form` at `context`: times resolved,
    /// derived fields rewritten, saved segments inlined.
    public func expression(for form: NormalForm, context: EvaluationContext) throws -> PhysicalExpr {
        try resolve(form, context: context).expression
    }

    private func resolve(_ form: NormalForm, context: EvaluationContext) throws
        -> (expression: PhysicalExpr, segmentNames: [PhysicalExpr: String]) {
        let compiler = compile ?? { _, _ in throw MissingSegmentCompiler() }
        let resolver = SegmentResolver(source: segments, context: context, compile: compiler)
        let expr = try PhysicalResolver(context: context, segments: resolver).expression(for: form)
        return (expr, resolver.dynamicSegments)
    }

    /// The plan of `form` at `context` on the chosen engine. For push-down
    /// the tree's estimates are placeholders (the database plans the work).
    public func plan(_ form: NormalForm, context: EvaluationContext) throws -> Plan {
        let engine = try engine()
        let (expr, names) = try resolve(form, context: context)
        switch backend {
        case .memory(let store):
            return Planner(statistics: store, segmentNames: names).plan(expr, engine: engine)
        case .pushDown(let store):
            let friends = try storeCall { try store.friendCount() }
            return Planner(statistics: UnknownStatistics(friendCount: friends), segmentNames: names).plan(expr, engine: engine)
        }
    }

    /// What runs `form` on the chosen engine: the memory engine's plan,
    /// or, for push-down, the expression alone. A pushed-down query needs
    /// no plan tree (its estimates are placeholders), so building none
    /// asks the store nothing: a count is one statement on the database.
    private enum Route {
        case memory(any BitmapStore, Plan)
        case pushDown(any PushDownStore, PhysicalExpr)
    }

    private func route(_ form: NormalForm, context: EvaluationContext) throws -> Route {
        _ = try engine()
        switch backend {
        case .memory(let store): return .memory(store, try plan(form, context: context))
        case .pushDown(let store): return .pushDown(store, try resolve(form, context: context).expression)
        }
    }

    // MARK: Results

    /// The exact number of friends `form` selects.
    public func count(_ form: NormalForm, context: EvaluationContext) throws -> Int {
        switch try route(form, context: context) {
        case .memory(let store, let plan):
            return try memoryCount(store, plan)
        case .pushDown(let store, let expression):
            return try storeCall { try store.count(expression) }
        }
    }

    /// The count and the first `limit` friends, without materialising more.
    public func preview(_ form: NormalForm, context: EvaluationContext, limit: Int = 10) throws -> Preview {
        let take = max(0, limit)
        switch try route(form, context: context) {
        case .memory(let store, let plan):
            return try memoryPreview(store, plan, limit: take)
        case .pushDown(let store, let expression):
            return try storeCall {
                let count = try store.count(expression)
                let rows = take == 0 || count == 0 ? [] : try store.rowIDs(expression, limit: take)
                return Preview(count: count, friends: try store.friends(rowIDs: rows))
            }
        }
    }

    /// The ids of the selected friends in store order, at most `limit` (all when nil).
    public func friendIDs(_ form: NormalForm, context: EvaluationContext, limit: Int? = nil) throws -> [String] {
        var ids: [String] = []
        try forEachFriendID(form, context: context, limit: limit) { ids.append($0) }
        return ids
    }

    /// Calls `body` with each selected friend's id in store order, at most `limit`.
    public func forEachFriendID(_ form: NormalForm, context: EvaluationContext, limit: Int? = nil,
                                _ body: (String) throws -> Void) throws {
        switch try route(form, context: context) {
        case .memory(let store, let plan):
            try run(store, plan, analyze: false) { rows, store in
                try QueryRunner.visit(rows, limit: limit) { try body(store.friendID(atRow: $0)) }
            }
        case .pushDown(let store, let expression):
            let rows = try storeCall { try store.rowIDs(expression, limit: limit.map { max(0, $0) }) }
            try inBatches(rows) { batch in
                for id in try storeCall({ try store.friendIDs(rowIDs: batch) }) { try body(id) }
            }
        }
    }

    /// Calls `body` with each selected friend in store order, at most
    /// `limit`, materialising one friend (memory) or one batch (SQLite) at a time.
    public func forEachFriend(_ form: NormalForm, context: EvaluationContext, limit: Int? = nil,
                              _ body: (Friend) throws -> Void) throws {
        switch try route(form, context: context) {
        case .memory(let store, let plan):
            try run(store, plan, analyze: false) { rows, store in
                try QueryRunner.visit(rows, limit: limit) { try body(store.friend(atRow: $0)) }
            }
        case .pushDown(let store, let expression):
            try pushDownFriends(store, expression, limit: limit, body)
        }
    }

    /// The selected friends in store order, at most `limit` (all when nil).
    public func friends(_ form: NormalForm, context: EvaluationContext, limit: Int? = nil) throws -> [Friend] {
        var out: [Friend] = []
        try forEachFriend(form, context: context, limit: limit) { out.append($0) }
        return out
    }

    // MARK: Explain

    /// `segq explain`: the plan tree with estimated rows (memory) or the SQL
    /// and the database's plan (push-down); `analyze` runs the query and
    /// adds actual rows and times.
    /// The plan as text; `analyze` runs it and adds actual rows, and times unless `timings` is false.
    public func explain(_ form: NormalForm, context: EvaluationContext, analyze: Bool = false,
                        timings: Bool = true) throws -> String {
        let plan = try plan(form, context: context)
        switch backend {
        case .memory(let store):
            if !analyze { return Explain.render(plan, context: context) }
            let measurements = try run(store, plan, analyze: true) { _, _ in () }.measurements
            return Explain.render(plan, context: context, measurements: measurements, timings: timings)
        case .pushDown(let store):
            let sql = store.countSQLText(for: plan.expression)
            return try storeCall {
                let databasePlan = try store.queryPlan(plan.expression)
                var analyzed: (count: Int, nanoseconds: UInt64)?
                if analyze {
                    let start = Clock.now()
                    let count = try store.count(plan.expression)
                    analyzed = (count, Clock.now() &- start)
                }
                return Explain.renderPushDown(engine: plan.engine, sql: sql,
                                              databasePlan: databasePlan, analyzed: analyzed, timings: timings)
            }
        }
    }

    /// What `explain` shows, as a value: the plan tree, or the pushed-down
    /// statement with its bound values and the database's plan; `analyze`
    /// runs it and adds actual rows (and times unless `timings` is false).
    public func report(_ form: NormalForm, context: EvaluationContext, analyze: Bool = false,
                       timings: Bool = true) throws -> PlanReport {
        let plan = try plan(form, context: context)
        switch backend {
        case .memory(let store):
            let measurements = analyze ? try run(store, plan, analyze: true) { _, _ in () }.measurements : nil
            return Explain.report(plan, context: context, measurements: measurements, timings: timings)
        case .pushDown(let store):
            let shown = store.countStatementShown(for: plan.expression)
            return try storeCall {
                let statement = PlanReport.Statement(sql: shown.sql, bound: shown.bound,
                                                     databasePlan: try store.queryPlan(plan.expression))
                var report = PlanReport(engine: plan.engine.engine.rawValue, reason: plan.engine.reason, analyzed: analyze,
                                        root: nil, statement: statement, actualRows: nil, nanoseconds: nil)
                if analyze {
                    let start = Clock.now()
                    report.actualRows = try store.count(plan.expression)
                    if timings { report.nanoseconds = Clock.now() &- start }
                }
                return report
            }
        }
    }

    // MARK: Engines

    @discardableResult
    private func run<S: BitmapStore, T>(_ store: S, _ plan: Plan, analyze: Bool,
                                        _ use: (S.Rows, S) throws -> T) throws -> (value: T, measurements: PlanMeasurements) {
        var executor = MemoryExecutor(store: store, analyze: analyze, isCancelled: isCancelled)
        let rows = try executor.run(plan)
        return (try use(rows, store), executor.measurements)
    }

    private func memoryCount<S: BitmapStore>(_ store: S, _ plan: Plan) throws -> Int {
        var executor = MemoryExecutor(store: store, analyze: false, isCancelled: isCancelled)
        return try executor.count(plan)
    }

    private func memoryPreview<S: BitmapStore>(_ store: S, _ plan: Plan, limit: Int) throws -> Preview {
        var executor = MemoryExecutor(store: store, analyze: false, isCancelled: isCancelled)
        let (count, rows) = try executor.preview(plan, limit: limit)
        return Preview(count: count, friends: rows.map(store.friend(atRow:)))
    }

    private static func visit<R: RowSet>(_ rows: R, limit: Int?, _ body: (Int) throws -> Void) throws {
        guard let limit else {
            try rows.forEach(body)
            return
        }
        for row in rows.rows(limit: max(0, limit)) { try body(row) }
    }

    /// Friends of a pushed-down query, fetched in batches of row ids.
    private func pushDownFriends(_ store: any PushDownStore, _ expr: PhysicalExpr, limit: Int?,
                                 _ body: (Friend) throws -> Void) throws {
        let rows = try storeCall { try store.rowIDs(expr, limit: limit.map { max(0, $0) }) }
        try inBatches(rows) { batch in
            for friend in try storeCall({ try store.friends(rowIDs: batch) }) { try body(friend) }
        }
    }

    /// Calls `body` with consecutive slices of `rows`, polling cancellation between them.
    private func inBatches(_ rows: [Int], _ body: ([Int]) throws -> Void) throws {
        var start = 0
        while start < rows.count {
            if let isCancelled, isCancelled() { throw EvaluationError.cancelled }
            let end = min(rows.count, start + QueryRunner.batchSize)
            try body(Array(rows[start..<end]))
            start = end
        }
    }

    static let batchSize = 512

    /// Runs a store call, turning its errors into `EvaluationError.store`
    /// (evaluation errors pass through).
    private func storeCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EvaluationError {
            throw error
        } catch {
            throw EvaluationError.store(String(describing: error))
        }
    }
}

/// Raised when a dynamic saved segment is referenced and the runner was
/// given no compiler for its query text.
struct MissingSegmentCompiler: Error, CustomStringConvertible {
    var description: String { "no query compiler was given to evaluate dynamic segments" }
}
