import SegqStore

/// One node of an in-memory plan. Every node yields a set of rows.
public struct PlanNode: Hashable, Sendable {
    public enum Operation: Hashable, Sendable {
        /// The root: the union of the query's groups.
        case unionOfGroups
        /// One group (1-based, in the normal form's order): the intersection of its conditions.
        case group(Int)
        /// A nested intersection (inside a condition, e.g. `abandoned_cart = false`).
        case intersect
        /// A nested union.
        case union
        /// All friends except the child's rows (a negated condition).
        case complement
        /// Rows where an atom holds, read through an access path.
        case access(Atom, AccessPath)
        /// The stored member list of a static saved segment.
        case members(name: String, ids: [String])
        /// A dynamic saved segment: its query, inlined, is the one child.
        case segment(name: String)
        case all
        case none
    }

    public var operation: Operation
    public var children: [PlanNode]
    /// Estimated rows from the store's statistics; deterministic.
    public var estimatedRows: Int
    /// Preorder position in the plan; keys the measurements of an analyzed run.
    public var id: Int

    public init(_ operation: Operation, children: [PlanNode] = [], estimatedRows: Int, id: Int = 0) {
        self.operation = operation
        self.children = children
        self.estimatedRows = estimatedRows
        self.id = id
    }

    /// True for a complement node (run last in an intersection, as a subtraction).
    var isComplement: Bool {
        if case .complement = operation { return true }
        return false
    }

    /// The number of nodes in this subtree.
    public var nodeCount: Int { 1 + children.reduce(0) { $0 + $1.nodeCount } }

    /// Renumbers the subtree in preorder starting at `next`.
    mutating func number(from next: inout Int) {
        id = next
        next += 1
        for i in children.indices { children[i].number(from: &next) }
    }
}

/// Which engine runs a query, and why (shown on the first line of `explain`).
public struct EngineChoice: Hashable, Sendable {
    /// `memory` (bitmaps over a `BitmapStore`) or the name of a push-down
    /// engine, given by its store (`PushDownStore.engineName`).
    public struct Engine: RawRepresentable, Hashable, Sendable {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Bitmaps over a store in memory.
        public static let memory = Engine(rawValue: "memory")
    }

    public var engine: Engine
    public var reason: String

    public init(_ engine: Engine, reason: String) {
        self.engine = engine
        self.reason = reason
    }
}

/// A planned query: the engine and, for the in-memory engine, the tree of
/// access paths; for SQLite, the physical expression its compiler turns
/// into SQL.
public struct Plan: Hashable, Sendable {
    public var engine: EngineChoice
    /// The resolved query (what SQLite push-down compiles).
    public var expression: PhysicalExpr
    /// The in-memory plan tree, ids numbered in preorder from 0.
    public var root: PlanNode
    /// Friends in the store when planned.
    public var friendCount: Int
}
