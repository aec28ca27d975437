import Foundation
import SegqNormalForm
import SegqPlanner
import SegqSyntax
import SegqStore

/// Which engine runs a query: the planner's choice, or one forced.
public enum EngineSelection: String, CaseIterable, Sendable {
    case auto, memory, sqlite, postgres
}

/// How often the caller will evaluate: once (`eval`, `explain`), many
/// times (`bench`), or many times by a person waiting for the first answer
/// (the REPL), which decides whether and when a SQLite store is loaded
/// into memory: `interactive` answers by push-down while the memory image
/// loads in the background.
public enum EvaluationUse: Sendable {
    case once, repeated, interactive
}

/// Runs compiled queries against a session's store: counts, previews,
/// members, plans. Front ends hand it a `Compilation` without errors and
/// never see the planner's types.
public final class QueryEvaluator {
    public let session: Session
    let runner: QueryRunner

    /// Nil when the session has no store open.
    public init?(session: Session, use: EvaluationUse = .once, engine: EngineSelection = .auto) {
        guard let store = session.store else { return nil }
        self.session = session
        let fallback: EnginePolicy
        switch use {
        case .once: fallback = .singleEvaluation
        case .repeated: fallback = .repeatedEvaluation
        case .interactive: fallback = .interactive
        }
        let policy: EnginePolicy
        switch engine {
        case .auto: policy = fallback
        case .memory: policy = .force(.memory)
        case .sqlite: policy = .force(.sqlite)
        case .postgres: policy = .force(.postgres)
        }
        self.runner = store.runner(policy: policy)
    }

    /// Polled between plan nodes; true stops the run with `EvaluationCancelled`.
    public var isCancelled: (() -> Bool)? {
        get { runner.isCancelled }
        set { runner.isCancelled = newValue }
    }

    private func form(_ compilation: Compilation) throws -> NormalForm {
        guard compilation.ok, let form = compilation.normalForm else { throw QueryHasErrors() }
        return form
    }

    /// The engine the queries run on and why (`engine=memory (…)`); loads
    /// a SQLite store into memory when the use is repeated.
    public func engineDescription() throws -> (engine: String, reason: String) {
        let choice = try runner.engine()
        return (choice.engine.rawValue, choice.reason)
    }

    /// Waits for a memory image loading in the background (`.interactive`)
    /// and switches to it; returns the engine queries now use.
    @discardableResult
    public func waitForMemoryImage() throws -> (engine: String, reason: String) {
        let choice = try runner.waitForMemoryImage()
        return (choice.engine.rawValue, choice.reason)
    }

    /// Number of friends in the store.
    public func friendCount() throws -> Int {
        try translated { try runner.count(.everybody, context: session.context) }
    }

    public func count(_ compilation: Compilation) throws -> Int {
        let form = try form(compilation)
        return try translated { try runner.count(form, context: session.context) }
    }

    /// The count and the first `limit` matching friends, in store order.
    public func preview(_ compilation: Compilation, limit: Int) throws -> FriendPreview {
        let form = try form(compilation)
        let preview = try translated { try runner.preview(form, context: session.context, limit: limit) }
        return FriendPreview(count: preview.count, friends: preview.friends)
    }

    public func forEachFriend(_ compilation: Compilation, limit: Int? = nil, _ body: (Friend) throws -> Void) throws {
        let form = try form(compilation)
        try translated { try runner.forEachFriend(form, context: session.context, limit: limit, body) }
    }

    public func forEachFriendID(_ compilation: Compilation, limit: Int? = nil, _ body: (String) throws -> Void) throws {
        let form = try form(compilation)
        try translated { try runner.forEachFriendID(form, context: session.context, limit: limit, body) }
    }

    /// The plan as text: engine, reason, tree with estimates (and, with
    /// `analyze`, actual rows and times).
    public func explain(_ compilation: Compilation, analyze: Bool = false, timings: Bool = true) throws -> String {
        let form = try form(compilation)
        return try translated { try runner.explain(form, context: session.context, analyze: analyze, timings: timings) }
    }

    /// `explain --json`: the plan as JSON (`PlanRendering`), with the
    /// compilation's warnings as `diagnostics`.
    public func explainJSON(_ compilation: Compilation, analyze: Bool = false, timings: Bool = true) throws -> JSONValue {
        let form = try form(compilation)
        let report = try translated { try runner.report(form, context: session.context, analyze: analyze, timings: timings) }
        return PlanRendering.json(report, diagnostics: DiagnosticJSON.json(compilation.diagnostics, in: compilation.source))
    }

    private func translated<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch EvaluationError.cancelled {
            throw EvaluationCancelled()
        }
    }
}

/// What a preview shows: how many friends match, and the first few.
public struct FriendPreview: Hashable, Sendable {
    public var count: Int
    public var friends: [Friend]

    public init(count: Int, friends: [Friend]) {
        self.count = count
        self.friends = friends
    }
}

/// An evaluation stopped because `QueryEvaluator.isCancelled` said so.
public struct EvaluationCancelled: Error, CustomStringConvertible {
    public var description: String { "cancelled" }
}

/// A query with errors was handed to the evaluator.
public struct QueryHasErrors: Error, CustomStringConvertible {
    public var description: String { "the query has errors" }
}
