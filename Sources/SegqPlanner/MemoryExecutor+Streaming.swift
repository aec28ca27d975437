import SegqStore

/// Counts and first rows streamed by the store (`BitmapStore.streamedCount`):
/// the plan goes back to a `PhysicalExpr` whose operands keep the plan's
/// order, and the store walks it block by block instead of combining whole
/// row sets. A store that cannot stream gets the row-set run.
extension MemoryExecutor {
    /// The number of rows the plan selects.
    mutating func count(_ plan: Plan) throws -> Int {
        if !analyze {
            if let isCancelled, isCancelled() { throw EvaluationError.cancelled }
            if let n = store.streamedCount(PlanNode.orderedExpression(plan.root)) { return n }
        }
        return try run(plan).cardinality
    }

    /// The number of rows the plan selects and the first `limit` of them, ascending.
    mutating func preview(_ plan: Plan, limit: Int) throws -> (count: Int, rows: [Int]) {
        if !analyze {
            if let isCancelled, isCancelled() { throw EvaluationError.cancelled }
            let expr = PlanNode.orderedExpression(plan.root)
            if let preview = store.streamedPreview(expr, limit: limit) { return preview }
            if let n = store.streamedCount(expr) {
                if n == 0 || limit == 0 { return (n, []) }
                if let rows = store.streamedFirstRows(expr, limit: limit) { return (n, rows) }
            }
        }
        let rows = try run(plan)
        return (rows.cardinality, rows.rows(limit: limit))
    }
}

extension PlanNode {
    /// The expression this node computes, operands in plan order (an
    /// intersection's most selective child first, complements last);
    /// segment labels are dropped and one-child unions and intersections
    /// collapse.
    static func orderedExpression(_ node: PlanNode) -> PhysicalExpr {
        func collapse(_ parts: [PhysicalExpr], _ make: ([PhysicalExpr]) -> PhysicalExpr) -> PhysicalExpr {
            parts.count == 1 ? parts[0] : make(parts)
        }
        switch node.operation {
        case .unionOfGroups, .union:
            if node.children.isEmpty { return .none }
            return collapse(node.children.map(orderedExpression)) { .or($0) }
        case .group, .intersect:
            if node.children.isEmpty { return .all }
            return collapse(node.children.map(orderedExpression)) { .and($0) }
        case .complement:
            guard let child = node.children.first else { return .all }
            return .not(orderedExpression(child))
        case .access(let atom, _):
            return .atom(atom)
        case .members(let name, let ids):
            return .members(name: name, ids: ids)
        case .segment:
            guard let child = node.children.first else { return .none }
            return orderedExpression(child)
        case .all:
            return .all
        case .none:
            return .none
        }
    }
}
