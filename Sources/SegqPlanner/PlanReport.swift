import SegqSemantics

/// What `explain` shows, as a value rather than text: the engine and why,
/// then either the in-memory plan tree (estimated rows; actual rows and
/// times when analyzed) or the pushed-down statement with its bound values
/// and the database's own plan. `segq explain --json` renders it.
public struct PlanReport: Hashable, Sendable {
    /// One node of the in-memory plan, labelled as the text plan labels it.
    public struct Node: Hashable, Sendable {
        /// `SEARCH tag USING BITMAP (= "VIP")`, `GROUP 1  INTERSECT`, …
        public var label: String
        public var estimatedRows: Int
        /// Nil unless analyzed, and for a node an early exit skipped.
        public var actualRows: Int?
        /// Nil unless analyzed with timings, and for a skipped node.
        public var nanoseconds: UInt64?
        /// True when an analyzed run skipped the node.
        public var skipped: Bool
        public var children: [Node]
    }

    /// The statement a push-down store runs to count.
    public struct Statement: Hashable, Sendable {
        /// The SQL text, with placeholders where values are bound.
        public var sql: String
        /// The values bound to the placeholders, in order, as SQL literals.
        public var bound: [String]
        /// The database's own plan, one line per node, children indented
        /// two spaces deeper than their parent.
        public var databasePlan: [String]
    }

    public var engine: String
    public var reason: String
    public var analyzed: Bool
    /// The in-memory plan; nil when pushed down.
    public var root: Node?
    /// The pushed-down statement; nil in memory.
    public var statement: Statement?
    /// Friends the query matched (analyzed runs).
    public var actualRows: Int?
    /// Wall time of the whole analyzed run (nil without timings).
    public var nanoseconds: UInt64?
}

extension Explain {
    /// The in-memory plan as a report (`render` draws the same as text).
    static func report(_ plan: Plan, context: EvaluationContext, measurements: PlanMeasurements?,
                       timings: Bool) -> PlanReport {
        let describe = AtomDescription(timeZone: context.timeZone)
        func node(_ n: PlanNode) -> PlanReport.Node {
            let m = measurements?.nodes[n.id]
            return PlanReport.Node(label: label(n, describe), estimatedRows: n.estimatedRows, actualRows: m?.actualRows,
                                   nanoseconds: timings ? m?.nanoseconds : nil,
                                   skipped: measurements != nil && m == nil, children: n.children.map(node))
        }
        let root = node(plan.root)
        return PlanReport(engine: plan.engine.engine.rawValue, reason: plan.engine.reason, analyzed: measurements != nil,
                          root: root, statement: nil, actualRows: measurements == nil ? nil : root.actualRows,
                          nanoseconds: timings ? measurements?.totalNanoseconds : nil)
    }
}
