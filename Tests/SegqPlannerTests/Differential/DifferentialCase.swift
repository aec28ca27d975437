import SegqSemantics
import SegqNormalForm
import SegqStore
@testable import SegqPlanner

/// One query over one store, with the store's saved segments.
struct DifferentialCase {
    var friends: [Friend]
    var segments: SavedSegmentList
    /// Normal forms of the dynamic segments, by query text.
    var segmentQueries: [String: NormalForm]
    var context: EvaluationContext
    var form: NormalForm

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

    /// The expression oracle over the resolved query, friend by friend.
    static let oracle = DifferentialEngine(name: "oracle") { c in
        capture {
            let resolver = SegmentResolver(source: c.segments, context: c.context, compile: c.compile)
            let expr = try PhysicalResolver(context: c.context, segments: resolver).expression(for: c.form)
            let ids = c.friends.filter { ExpressionOracle.holds(expr, $0) }.map(\.id)
            return .rows(count: ids.count, ids: ids)
        }
    }

    /// The planner and memory executor through `QueryRunner`, over any
    /// bitmap store built from the friends; the preview must agree too.
    static func memory<S: BitmapStore>(_ name: String, store build: @escaping ([Friend]) -> S) -> DifferentialEngine {
        DifferentialEngine(name: name) { c in
            capture {
                let runner = QueryRunner(memory: build(c.friends), segments: c.segments, compile: c.compile)
                let count = try runner.count(c.form, context: c.context)
                let ids = try runner.friendIDs(c.form, context: c.context)
                let preview = try runner.preview(c.form, context: c.context, limit: 3)
                guard preview.count == count, preview.friends.map(\.id) == Array(ids.prefix(3)) else {
                    return .failure("preview \(preview.count) \(preview.friends.map(\.id)) disagrees with count/ids")
                }
                return .rows(count: count, ids: ids)
            }
        }
    }
}

extension DifferentialEngine {
    /// SQL push-down to an SQLite store (an in-memory database) holding the friends.
    /// The store is rebuilt only when the friends change (between stores,
    /// and while shrinking), not for every query.
    static var sqlite: DifferentialEngine {
        let cache = StoreCache()
        return DifferentialEngine(name: "sqlite push-down") { c in
        capture {
            let store = try cache.store(for: c.friends)
            let runner = QueryRunner(sqlite: store, path: ":memory:", policy: .force(.sqlite),
                                     segments: c.segments, compile: c.compile)
            guard try runner.engine().engine == .sqlite else { return .failure("not pushed down") }
            let count = try runner.count(c.form, context: c.context)
            let ids = try runner.friendIDs(c.form, context: c.context)
            let preview = try runner.preview(c.form, context: c.context, limit: 3)
            guard preview.count == count, preview.friends.map(\.id) == Array(ids.prefix(3)) else {
                return .failure("preview \(preview.count) \(preview.friends.map(\.id)) disagrees with count/ids")
            }
            return .rows(count: count, ids: ids)
        }
        }
    }

    private final class StoreCache {
        var friends: [Friend]?
        var store: SQLiteStore?

        func store(for friends: [Friend]) throws -> SQLiteStore {
            if let store, self.friends == friends { return store }
            let fresh = try SQLiteStore.create(path: ":memory:")
            try fresh.importFriends(friends, mode: .replace, now: 0)
            self.friends = friends
            store = fresh
            return fresh
        }
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
