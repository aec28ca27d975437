import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
import SegqSQLiteStore
import Segq
import TestSupport
@testable import SegqPlanner

/// One query over one store, with the store's saved segments.
struct DifferentialCase {
    var friends: [Friend]
    var segments: SavedSegmentList
    /// Normal forms of the dynamic segments, by query text.
    var segmentQueries: [String: NormalForm]
    var context: EvaluationContext
    var form: NormalForm
    /// The query the normal form was normalised from, when there was one:
    /// the reference then judges the query itself, so the normaliser is
    /// checked too.
    var typed: TypedQuery? = nil

    var compile: SegmentResolver.Compiler {
        let queries = segmentQueries
        return { text, _ in
            guard let form = queries[text] else { throw SegmentQueryError([]) }
            return form
        }
    }
}

/// What an engine answered: the selected ids in store order and the
/// count, or the error it raised.
enum DifferentialAnswer: Equatable, CustomStringConvertible {
    case rows(count: Int, ids: [String])
    case failure(String)

    var description: String {
        switch self {
        case .rows(let count, let ids): return "\(count) friends \(ids)"
        case .failure(let message): return "error: \(message)"
        }
    }
}

/// One way of evaluating a case.
struct DifferentialEngine {
    var name: String
    var answer: (DifferentialCase) -> DifferentialAnswer

    static func capture(_ body: () throws -> DifferentialAnswer) -> DifferentialAnswer {
        do { return try body() } catch { return .failure(String(describing: error)) }
    }

    /// The referee: `ReferenceEvaluator` (TestSupport) on each condition of
    /// the normal form, friend by friend, with saved segments evaluated the
    /// same way beforehand. Shares nothing with the planner or the stores.
    static let reference = DifferentialEngine(name: "reference evaluator") { c in
        var members: [String: Set<String>] = [:]
        for segment in c.segments.segments {
            switch segment.kind {
            case .static(let ids): members[segment.name] = Set(ids)
            case .dynamic(let query):
                guard let form = c.segmentQueries[query] else { return .failure("no query \(query)") }
                let evaluator = ReferenceEvaluator(context: c.context, segmentMembers: members)
                members[segment.name] = Set(c.friends.filter { evaluator.matches(form, $0) }.map(\.id))
            }
        }
        let evaluator = ReferenceEvaluator(context: c.context, segmentMembers: members)
        let ids = c.friends.filter { f in
            if let typed = c.typed { return evaluator.matches(typed, f) }
            return evaluator.matches(c.form, f)
        }.map(\.id)
        return .rows(count: ids.count, ids: ids)
    }

    /// The expression oracle over the resolved query, friend by friend:
    /// it agrees with the reference when the resolver is right.
    static let resolvedOracle = DifferentialEngine(name: "resolved expression oracle") { c in
        capture {
            let resolver = SegmentResolver(source: c.segments, context: c.context, compile: c.compile)
            let expr = try PhysicalResolver(context: c.context, segments: resolver).expression(for: c.form)
            let ids = c.friends.filter { ExpressionOracle.holds(expr, $0.nfc) }.map(\.id)
            return .rows(count: ids.count, ids: ids)
        }
    }

    /// Count, ids and preview of a runner; they must agree with each other.
    static func run(_ runner: QueryRunner, _ c: DifferentialCase) throws -> DifferentialAnswer {
        let count = try runner.count(c.form, context: c.context)
        let ids = try runner.friendIDs(c.form, context: c.context)
        let preview = try runner.preview(c.form, context: c.context, limit: 3)
        guard preview.count == count, preview.friends.map(\.id) == Array(ids.prefix(3)) else {
            return .failure("preview \(preview.count) \(preview.friends.map(\.id)) disagrees with count/ids")
        }
        return .rows(count: count, ids: ids)
    }

    /// The planner and memory executor over the columnar `InMemoryStore`.
    static var memory: DifferentialEngine {
        let stores = PerStore { c in InMemoryStore(friends: c.friends) }
        return DifferentialEngine(name: "memory plan") { c in
            capture {
                let runner = QueryRunner(memory: try stores.value(for: c), segments: c.segments, compile: c.compile)
                guard try runner.engine().engine == .memory else { return .failure("not in memory") }
                return try run(runner, c)
            }
        }
    }

    /// SQL push-down to an SQLite store (an in-memory database) holding the friends.
    static var sqlite: DifferentialEngine {
        let runners = PerStore { c -> QueryRunner in
            let store = try SQLiteStore.create(path: ":memory:")
            try store.importFriends(c.friends, mode: .replace, now: 0)
            return QueryRunner(sqlite: store, path: ":memory:", policy: .force(.sqlite),
                               segments: c.segments, compile: c.compile)
        }
        return DifferentialEngine(name: "sqlite push-down") { c in
            capture {
                let runner = try runners.value(for: c)
                guard try runner.engine().engine == .sqlite else { return .failure("not pushed down") }
                return try run(runner, c)
            }
        }
    }

    /// The SQLite store loaded into memory by the engine policy (the REPL's
    /// path), with the saved segments stored in the database.
    static var sqliteLoaded: DifferentialEngine {
        let runners = PerStore { c -> QueryRunner in
            let store = try SQLiteStore.create(path: ":memory:")
            try store.importFriends(c.friends, mode: .replace, now: 0)
            for segment in c.segments.segments {
                switch segment.kind {
                case .static(let ids):
                    _ = try store.saveSegment(SavedSegment(name: segment.name, queryText: "", canonicalText: "",
                                                           kind: .static), members: ids, now: 0)
                case .dynamic(let query):
                    _ = try store.saveSegment(SavedSegment(name: segment.name, queryText: query, canonicalText: query), now: 0)
                }
            }
            // Saved segments come from the SQLite store itself here.
            return QueryRunner(sqlite: store, policy: .repeatedEvaluation, compile: c.compile)
        }
        return DifferentialEngine(name: "sqlite loaded into memory") { c in
            capture {
                let runner = try runners.value(for: c)
                guard try runner.engine().engine == .memory else { return .failure("not loaded into memory") }
                return try run(runner, c)
            }
        }
    }
}

/// A value built from a case's store (friends and saved segments), rebuilt
/// only when they change (between stores and while shrinking), not per query.
final class PerStore<T> {
    private let make: (DifferentialCase) throws -> T
    private var key: ([Friend], SavedSegmentList, [String: NormalForm])?
    private var cached: T?

    init(_ make: @escaping (DifferentialCase) throws -> T) { self.make = make }

    func value(for c: DifferentialCase) throws -> T {
        if let cached, let key, key.0 == c.friends, key.1 == c.segments, key.2 == c.segmentQueries { return cached }
        let fresh = try make(c)
        key = (c.friends, c.segments, c.segmentQueries)
        cached = fresh
        return fresh
    }
}

extension ReferenceEvaluator {
    /// A normal form: some group whose conditions all hold.
    func matches(_ form: NormalForm, _ friend: Friend) -> Bool {
        form.groups.contains { g in g.conditions.allSatisfy { holds($0, for: friend) } }
    }
}

extension Friend {
    /// Every string in NFC, as the stores keep them.
    var nfc: Friend {
        func n(_ s: String) -> String { TextMatching.nfc(s) }
        func crm(_ d: CRMData) -> CRMData {
            var props: [String: PropertyValue] = [:]
            for (k, v) in d.properties {
                if case .string(let s) = v { props[n(k)] = .string(n(s)) } else { props[n(k)] = v }
            }
            return CRMData(id: d.id.map(n), lists: d.lists.map(n), properties: props)
        }
        var f = self
        f.id = n(id)
        f.name = name.map(n)
        f.tags = tags.map(n)
        f.shopify?.id = shopify?.id.map(n)
        f.shopify?.tags = shopify?.tags.map(n) ?? []
        f.hubspot = hubspot.map(crm)
        f.klaviyo = klaviyo.map(crm)
        return f
    }
}

/// Greedy minimisation of a failing case: fewer friends (halving chunks
/// down to single friends), then fewer groups and conditions, as long as
/// the engines still disagree.
enum Shrinker {
    static func shrink(_ start: DifferentialCase, stillFails: (DifferentialCase) -> Bool) -> DifferentialCase {
        var c = start
        var chunk = max(1, c.friends.count / 2)
        while true {
            var i = 0
            while i < c.friends.count {
                var trial = c
                trial.friends.removeSubrange(i..<min(c.friends.count, i + chunk))
                if stillFails(trial) { c = trial } else { i += chunk }
            }
            if chunk == 1 { break }
            chunk /= 2
        }
        // A normal form that stands for a typed query cannot lose parts.
        guard c.typed == nil else { return c }
        var g = 0
        while g < c.form.groups.count && c.form.groups.count > 1 {
            var trial = c
            trial.form.groups.remove(at: g)
            if stillFails(trial) { c = trial } else { g += 1 }
        }
        for g in c.form.groups.indices {
            var k = 0
            while k < c.form.groups[g].conditions.count && c.form.groups[g].conditions.count > 1 {
                var trial = c
                trial.form.groups[g].conditions.remove(at: k)
                if stillFails(trial) { c = trial } else { k += 1 }
            }
        }
        return c
    }
}
