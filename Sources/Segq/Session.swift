import Foundation
import SegqSyntax
import SegqSemantics
import SegqStore

/// One user's working state: the open store (if any), the schema and
/// value catalogue it supplies, and the evaluation time settings. The
/// command line makes one per run; the REPL keeps one and changes it
/// with `.open`, `.now` and `.tz`.
public final class Session {
    public private(set) var store: OpenedStore?
    /// The records the open store skipped when it was loaded (empty for a
    /// database, or when the store was given without its load report).
    public private(set) var storeProblems: [ImportProblem] = []
    /// A fixed evaluation instant (`--now`, `.now`); nil means the clock.
    public var fixedNow: Int64?
    /// A time zone overriding the store's (`--tz`, `.tz`).
    public var timeZoneOverride: TimeZone?
    public var limits: Limits = .default
    private var compiler: Compiler

    public init(store: OpenedStore?, fixedNow: Int64? = nil, timeZone: TimeZone? = nil) {
        self.store = store
        self.fixedNow = fixedNow
        self.timeZoneOverride = timeZone
        self.compiler = Session.compiler(for: store)
    }

    static func compiler(for store: OpenedStore?) -> Compiler {
        guard let store else { return Compiler() }
        return Compiler(schema: store.schema, catalog: store.catalog)
    }

    /// A session on a store just loaded, keeping its problems.
    public convenience init(loaded: LoadedStore?, fixedNow: Int64? = nil, timeZone: TimeZone? = nil) {
        self.init(store: loaded?.store, fixedNow: fixedNow, timeZone: timeZone)
        self.storeProblems = loaded?.problems ?? []
    }

    public func replaceStore(_ store: OpenedStore?) {
        self.store = store
        self.storeProblems = []
        self.compiler = Session.compiler(for: store)
    }

    /// Switches to a store just loaded, keeping its problems.
    public func replaceStore(_ loaded: LoadedStore) {
        replaceStore(loaded.store)
        storeProblems = loaded.problems
    }

    public func compile(_ text: String) -> Compilation {
        var compiler = self.compiler
        compiler.limits = limits
        return compiler.compile(text)
    }

    public var timeZone: TimeZone {
        timeZoneOverride ?? store?.timeZone ?? TimeZone(identifier: "UTC")!
    }

    /// The context to evaluate in: the fixed instant, else the clock.
    public var context: EvaluationContext {
        let now = fixedNow ?? Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return EvaluationContext(now: now, timeZone: timeZone)
    }

    /// The context summaries resolve times in: only when `now` is fixed,
    /// so a summary never states dates that depend on when it was read.
    public var summaryContext: EvaluationContext? { fixedNow == nil ? nil : context }
}
