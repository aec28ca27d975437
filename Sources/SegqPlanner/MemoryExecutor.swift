import SegqStore

/// Runs an in-memory plan on bitmaps.
///
/// - An intersection starts from its first (most selective) positive child
///   and stops as soon as its running result is empty; complements are
///   subtracted last, without building the complement.
/// - A union stops once it holds every friend (later groups are covered).
/// - An atom that occurs in several groups is evaluated once per run.
/// - The cancellation check is polled before every node; when it returns
///   true the run throws `EvaluationError.cancelled`.
/// - When analyzing, each node's rows and time are recorded; skipped nodes
///   get no measurement.
struct MemoryExecutor<Store: BitmapStore> {
    typealias Rows = Store.Rows
    let store: Store
    let analyze: Bool
    let isCancelled: (() -> Bool)?
    private(set) var measurements = PlanMeasurements()
    private var atomCache: [Atom: Rows] = [:]
    private let total: Int

    init(store: Store, analyze: Bool, isCancelled: (() -> Bool)?) {
        self.store = store
        self.analyze = analyze
        self.isCancelled = isCancelled
        self.total = max(0, store.friendCount)
    }

    /// The rows the plan selects.
    mutating func run(_ plan: Plan) throws -> Rows {
        let start = analyze ? Clock.now() : 0
        let rows = try evaluate(plan.root)
        if analyze { measurements.totalNanoseconds = Clock.now() &- start }
        return rows
    }

    private mutating func evaluate(_ node: PlanNode) throws -> Rows {
        if let isCancelled, isCancelled() { throw EvaluationError.cancelled }
        let start = analyze ? Clock.now() : 0
        let rows = try compute(node)
        if analyze { record(node, rows: rows.cardinality, since: start) }
        return rows
    }

    private mutating func compute(_ node: PlanNode) throws -> Rows {
        switch node.operation {
        case .unionOfGroups, .union:
            return try union(node.children)
        case .group, .intersect:
            return try intersection(node.children)
        case .complement:
            guard let child = node.children.first else { return Rows.all(total) }
            var rows = try evaluate(child)
            rows.formComplement()
            return rows
        case .access(let atom, _):
            if let cached = atomCache[atom] { return cached }
            let rows = store.evaluate(atom)
            atomCache[atom] = rows
            return rows
        case .members(_, let ids):
            return store.rows(ofFriendIDs: ids)
        case .segment:
            guard let child = node.children.first else { return Rows(count: total) }
            return try evaluate(child)
        case .all:
            return Rows.all(total)
        case .none:
            return Rows(count: total)
        }
    }

    private mutating func union(_ children: [PlanNode]) throws -> Rows {
        var result: Rows?
        for child in children {
            if let r = result, r.cardinality == total { break }
            let rows = try evaluate(child)
            if result == nil { result = rows } else { result?.formUnion(rows) }
        }
        return result ?? Rows(count: total)
    }

    private mutating func intersection(_ children: [PlanNode]) throws -> Rows {
        var result: Rows?
        for child in children where !child.isComplement {
            if let r = result, r.isEmpty { return r }
            let rows = try evaluate(child)
            if result == nil { result = rows } else { result?.formIntersection(rows) }
        }
        var rows = result ?? Rows.all(total)
        for child in children where child.isComplement {
            if rows.isEmpty { break }
            try subtract(child, from: &rows)
        }
        return rows
    }

    /// `rows` minus the complement's child: `rows ∩ ¬x` without building `¬x`.
    private mutating func subtract(_ complement: PlanNode, from rows: inout Rows) throws {
        if let isCancelled, isCancelled() { throw EvaluationError.cancelled }
        guard let child = complement.children.first else { return }
        let start = analyze ? Clock.now() : 0
        let excluded = try evaluate(child)
        rows.subtract(excluded)
        if analyze { record(complement, rows: total - excluded.cardinality, since: start) }
    }

    private mutating func record(_ node: PlanNode, rows: Int, since start: UInt64) {
        measurements.nodes[node.id] = NodeMeasurement(actualRows: rows, nanoseconds: Clock.now() &- start)
    }
}
