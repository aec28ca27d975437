import SegqPlanner

/// `segq explain --json`: the engine and why, then the in-memory plan tree
/// or the pushed-down statement with its bound values and the database's
/// plan (docs/schemas/explain.schema.json).
enum PlanRendering {
    static func json(_ report: PlanReport, diagnostics: JSONValue) -> JSONValue {
        .object([
            ("ok", .bool(true)),
            ("diagnostics", diagnostics),
            ("engine", .string(report.engine)),
            ("reason", .string(report.reason)),
            ("analyzed", .bool(report.analyzed)),
            ("plan", report.root.map(node) ?? .null),
            ("sql", report.statement.map { .string($0.sql) } ?? .null),
            ("bound", report.statement.map { .array($0.bound.map(JSONValue.string)) } ?? .null),
            ("database_plan", report.statement.map { .array($0.databasePlan.map(JSONValue.string)) } ?? .null),
            ("actual_rows", report.actualRows.map { .int(Int64($0)) } ?? .null),
            ("time_ms", report.nanoseconds.map(milliseconds) ?? .null),
        ])
    }

    private static func node(_ n: PlanReport.Node) -> JSONValue {
        .object([
            ("operation", .string(n.label)),
            ("estimated_rows", .int(Int64(n.estimatedRows))),
            ("actual_rows", n.actualRows.map { .int(Int64($0)) } ?? .null),
            ("time_ms", n.nanoseconds.map(milliseconds) ?? .null),
            ("skipped", .bool(n.skipped)),
            ("children", .array(n.children.map(node))),
        ])
    }

    private static func milliseconds(_ nanoseconds: UInt64) -> JSONValue { .double(Double(nanoseconds) / 1e6) }
}
