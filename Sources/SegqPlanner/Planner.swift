import SegqStore

/// Builds the in-memory plan of a resolved query from store statistics.
///
/// - The root is the union of the groups, in the normal form's order (so
///   `GROUP n` in `explain` is the n-th group of the printed query).
/// - A group intersects its conditions, most selective first; complements
///   (negated conditions) run last, as subtractions from the running result.
/// - Nested `and`/`or` flatten into the enclosing intersection/union;
///   double complements cancel; empty intersections are all friends, empty
///   unions none.
/// - Estimates assume independent conditions: an intersection keeps the
///   product of the fractions, a union the complement of the product of
///   the complements; a complement is the friends the child misses.
public struct Planner {
    public let statistics: PlanStatistics
    /// Expressions that are dynamic saved segments inlined by the resolver
    /// (`SegmentResolver.dynamicSegments`): shown as a `SEGMENT` node.
    public let segmentNames: [PhysicalExpr: String]

    public init(statistics: PlanStatistics, segmentNames: [PhysicalExpr: String] = [:]) {
        self.statistics = statistics
        self.segmentNames = segmentNames
    }

    /// The plan of a resolved query (see `PhysicalResolver` for its shape).
    public func plan(_ expression: PhysicalExpr, engine: EngineChoice) -> Plan {
        var root = rootNode(expression)
        var next = 0
        root.number(from: &next)
        return Plan(engine: engine, expression: expression, root: root, friendCount: statistics.friendCount)
    }

    private var total: Int { max(0, statistics.friendCount) }

    private func rootNode(_ e: PhysicalExpr) -> PlanNode {
        switch e {
        case .all, .none: return node(e)
        case .or(let groups):
            let children = groups.enumerated().map { groupNode($0.element, number: $0.offset + 1) }
            return PlanNode(.unionOfGroups, children: children, estimatedRows: unionEstimate(children))
        default:
            let group = groupNode(e, number: 1)
            return PlanNode(.unionOfGroups, children: [group], estimatedRows: group.estimatedRows)
        }
    }

    private func groupNode(_ e: PhysicalExpr, number: Int) -> PlanNode {
        let children = ordered(flattenAnd(e).map(node))
        return PlanNode(.group(number), children: children, estimatedRows: intersectEstimate(children))
    }

    private func node(_ e: PhysicalExpr) -> PlanNode {
        if let name = segmentNames[e] {
            let child = unlabeledNode(e)
            return PlanNode(.segment(name: name), children: [child], estimatedRows: child.estimatedRows)
        }
        return unlabeledNode(e)
    }

    private func unlabeledNode(_ e: PhysicalExpr) -> PlanNode {
        switch e {
        case .all: return PlanNode(.all, estimatedRows: total)
        case .none: return PlanNode(.none, estimatedRows: 0)
        case .atom(let atom):
            let estimate = min(total, max(0, statistics.estimatedRows(for: atom)))
            return PlanNode(.access(atom, statistics.accessPath(for: atom)), estimatedRows: estimate)
        case .members(let name, let ids):
            return PlanNode(.members(name: name, ids: ids), estimatedRows: min(total, Set(ids).count))
        case .not(.not(let inner)):
            return node(inner)
        case .not(let inner):
            let child = node(inner)
            return PlanNode(.complement, children: [child], estimatedRows: total - child.estimatedRows)
        case .and(let parts):
            let children = ordered(parts.flatMap(flattenAnd).map(node))
            if children.isEmpty { return PlanNode(.all, estimatedRows: total) }
            if children.count == 1 { return children[0] }
            return PlanNode(.intersect, children: children, estimatedRows: intersectEstimate(children))
        case .or(let parts):
            let children = parts.flatMap(flattenOr).map(node)
            if children.isEmpty { return PlanNode(.none, estimatedRows: 0) }
            if children.count == 1 { return children[0] }
            return PlanNode(.union, children: children, estimatedRows: unionEstimate(children))
        }
    }

    private func flattenAnd(_ e: PhysicalExpr) -> [PhysicalExpr] {
        if case .and(let parts) = e { return parts.flatMap(flattenAnd) }
        return [e]
    }

    private func flattenOr(_ e: PhysicalExpr) -> [PhysicalExpr] {
        if case .or(let parts) = e { return parts.flatMap(flattenOr) }
        return [e]
    }

    /// Most selective first, complements last; stable for equal estimates.
    private func ordered(_ nodes: [PlanNode]) -> [PlanNode] {
        nodes.enumerated().sorted { a, b in
            let ka = (a.element.isComplement ? 1 : 0, a.element.estimatedRows, a.offset)
            let kb = (b.element.isComplement ? 1 : 0, b.element.estimatedRows, b.offset)
            return ka < kb
        }.map(\.element)
    }

    private func intersectEstimate(_ nodes: [PlanNode]) -> Int {
        guard total > 0 else { return 0 }
        let n = Double(total)
        let fraction = nodes.reduce(1.0) { $0 * Double($1.estimatedRows) / n }
        return min(total, Int((fraction * n).rounded()))
    }

    private func unionEstimate(_ nodes: [PlanNode]) -> Int {
        guard total > 0 else { return 0 }
        let n = Double(total)
        let missed = nodes.reduce(1.0) { $0 * (1 - Double($1.estimatedRows) / n) }
        return min(total, Int(((1 - missed) * n).rounded()))
    }
}
