import SegqBasics
import Foundation
import SegqSemantics
import SegqStore

/// Renders plans as trees in the style of SQLite's EXPLAIN QUERY PLAN.
///
/// The first line names the engine and why it was chosen. Every node shows
/// its estimated rows; an analyzed run adds the rows it actually yielded and
/// its time (or `skipped` when an early exit spared it); without `timings`
/// it leaves the times out, so an analyzed plan is golden-testable. Labels are padded
/// to one column so the numbers line up; the output depends only on the
/// plan, the zone and the measurements, so it is golden-testable without them.
public enum Explain {
    public static func render(_ plan: Plan, context: EvaluationContext,
                              measurements: PlanMeasurements? = nil, timings: Bool = true) -> String {
        let describe = AtomDescription(timeZone: context.timeZone)
        var rows: [(label: String, note: String)] = []
        func walk(_ node: PlanNode, prefix: String, childPrefix: String) {
            var note = "est. " + Format.count(node.estimatedRows)
            if let measurements {
                if let m = measurements.nodes[node.id] {
                    note += "  actual " + Format.count(m.actualRows)
                    if timings { note += "  time " + Format.duration(m.nanoseconds) }
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
        if let measurements, timings {
            out += "total time " + Format.duration(measurements.totalNanoseconds) + "\n"
        }
        return out
    }

    /// SQL push-down: the engine line, the generated SQL, and the database's own plan (`PushDownStore.queryPlan`
    /// lines, indented by depth) drawn as a tree. An analyzed run adds the
    /// count and the time of the count statement.
    public static func renderPushDown(engine: EngineChoice, sql: String,
                                      databasePlan: [String],
                                      analyzed: (count: Int, nanoseconds: UInt64)? = nil,
                                      timings: Bool = true) -> String {
        var out = header(engine) + "\n"
        out += "SQL\n"
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "   " + line + "\n"
        }
        // The database's plan, titled by its engine (`SQLITE QUERY PLAN`).
        out += engine.engine.rawValue.uppercased() + " QUERY PLAN\n"
        out += indentedTree(databasePlan)
        if let analyzed {
            out += "actual " + Format.count(analyzed.count)
                + (timings ? "  time " + Format.duration(analyzed.nanoseconds) : "") + "\n"
        }
        return out
    }

    /// Lines indented two spaces per level, drawn as `|--`/`` `-- `` branches
    /// the way the sqlite3 shell draws EXPLAIN QUERY PLAN.
    static func indentedTree(_ lines: [String]) -> String {
        let items: [(depth: Int, text: Substring)] = lines.map { line in
            let spaces = line.prefix { $0 == " " }.count
            return (spaces / 2, line.dropFirst(spaces))
        }
        var out = ""
        for (i, item) in items.enumerated() {
            var prefix = ""
            for level in 0..<item.depth {
                prefix += hasLaterSibling(items, after: i, depth: level) ? "|  " : "   "
            }
            prefix += hasLaterSibling(items, after: i, depth: item.depth) ? "|--" : "`--"
            out += prefix + item.text + "\n"
        }
        return out
    }

    /// True when a later line sits at `depth` before the branch closes
    /// (a line shallower than `depth` comes first).
    private static func hasLaterSibling(_ items: [(depth: Int, text: Substring)], after index: Int, depth: Int) -> Bool {
        var j = index + 1
        while j < items.count {
            if items[j].depth < depth { return false }
            if items[j].depth == depth { return true }
            j += 1
        }
        return false
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
        case .segment(let name):
            return "SEGMENT \(QuotedText.query(name)) (saved query)"
        case .members(let name, let ids):
            return "SEARCH segment USING MEMBER LIST (\(QuotedText.query(name)): \(Format.count(Set(ids).count)) ids)"
        case .all: return "ALL FRIENDS"
        case .none: return "NO FRIENDS"
        }
    }
}
