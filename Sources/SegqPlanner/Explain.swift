import SegqSemantics
import SegqStore

/// Renders plans as trees in the style of SQLite's EXPLAIN QUERY PLAN.
///
/// The first line names the engine and why it was chosen. Every node shows
/// its estimated rows; an analyzed run adds the rows it actually yielded and
/// its time (or `skipped` when an early exit spared it). Labels are padded
/// to one column so the numbers line up; the output depends only on the
/// plan, the zone and the measurements, so it is golden-testable without them.
public enum Explain {
    public static func render(_ plan: Plan, context: EvaluationContext,
                              measurements: PlanMeasurements? = nil) -> String {
        let describe = AtomDescription(timeZone: context.timeZone)
        var rows: [(label: String, note: String)] = []
        func walk(_ node: PlanNode, prefix: String, childPrefix: String) {
            var note = "est. " + Format.count(node.estimatedRows)
            if let measurements {
                if let m = measurements.nodes[node.id] {
                    note += "  actual " + Format.count(m.actualRows) + "  time " + Format.duration(m.nanoseconds)
                } else {
                    note += "  skipped"
                }
            }
            rows.append((prefix + label(node, describe), note))
            for (i, child) in node.children.enumerated() {
                let last = i == node.children.count - 1
                walk(child, prefix: childPrefix + (last ? "`--" : "|--"),
                     childPrefix: childPrefix + (last ? "   " : "|  "))
            }
        }
        walk(plan.root, prefix: "`--", childPrefix: "   ")
        var out = header(plan.engine) + "\n"
        let width = rows.map { $0.label.count }.max() ?? 0
        for row in rows {
            out += row.label + String(repeating: " ", count: width - row.label.count + 3) + row.note + "\n"
        }
        if let measurements {
            out += "total time " + Format.duration(measurements.totalNanoseconds) + "\n"
        }
        return out
    }

    /// SQLite push-down: the engine line, the generated SQL and SQLite's
    /// own EXPLAIN QUERY PLAN rows as a tree.
    public static func renderPushDown(engine: EngineChoice, sql: String, sqlitePlan: [SQLitePlanRow],
                                      analyzed: (count: Int, nanoseconds: UInt64)? = nil) -> String {
        var out = header(engine) + "\n"
        out += "SQL\n"
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "   " + line + "\n"
        }
        out += "SQLITE QUERY PLAN\n"
        out += SQLitePlanRow.tree(sqlitePlan)
        if let analyzed {
            out += "actual " + Format.count(analyzed.count) + "  time " + Format.duration(analyzed.nanoseconds) + "\n"
        }
        return out
    }

    static func header(_ engine: EngineChoice) -> String {
        "QUERY PLAN  engine=\(engine.engine.rawValue) (\(engine.reason))"
    }

    static func label(_ node: PlanNode, _ describe: AtomDescription) -> String {
        switch node.operation {
        case .unionOfGroups:
            return node.children.count == 1 ? "UNION OF 1 GROUP" : "UNION OF \(node.children.count) GROUPS"
        case .group(let n):
            return node.children.count > 1 ? "GROUP \(n)  INTERSECT" : "GROUP \(n)"
        case .intersect: return "INTERSECT"
        case .union: return "UNION"
        case .complement: return "COMPLEMENT"
        case .access(let atom, let path):
            let verb = path == .scan ? "SCAN" : "SEARCH"
            let using = path == .scan ? "" : " USING " + path.rawValue
            return "\(verb) \(describe.columnName(atom.column))\(using) (\(describe.predicate(atom)))"
        case .members(let name, let ids):
            return "SEARCH segment USING MEMBER LIST (\(describe.quoted(name)): \(Format.count(Set(ids).count)) ids)"
        case .all: return "ALL FRIENDS"
        case .none: return "NO FRIENDS"
        }
    }
}

/// One row of SQLite's `EXPLAIN QUERY PLAN` output.
public struct SQLitePlanRow: Hashable, Sendable {
    public var id: Int
    public var parent: Int
    public var detail: String

    public init(id: Int, parent: Int, detail: String) {
        self.id = id
        self.parent = parent
        self.detail = detail
    }

    /// The rows as the sqlite3 shell draws them: children under their parent.
    static func tree(_ rows: [SQLitePlanRow]) -> String {
        var out = ""
        func walk(parent: Int, prefix: String) {
            let children = rows.filter { $0.parent == parent && $0.id != parent }
            for (i, row) in children.enumerated() {
                let last = i == children.count - 1
                out += prefix + (last ? "`--" : "|--") + row.detail + "\n"
                walk(parent: row.id, prefix: prefix + (last ? "   " : "|  "))
            }
        }
        walk(parent: 0, prefix: "")
        return out
    }
}
