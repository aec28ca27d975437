import SegqStore

/// Query execution: the push-down of a `PhysicalExpr` as one statement on
/// the server, every literal bound (`PostgresQueryCompiler`).
extension PostgresStore: PushDownStore {
    /// The push-down engine's name in `explain` and `bench`.
    public static let engineName = "postgres"

    public var engineName: String { PostgresStore.engineName }
    public var storeKind: String { "PostgreSQL store" }

    var compiler: PostgresQueryCompiler { PostgresQueryCompiler(account: account) }

    /// The count statement for `expr` exactly as it runs: SQL text with
    /// `$n` placeholders and the values bound to them in order.
    public func countStatement(for expr: PhysicalExpr) -> (sql: String, bindings: [Scalar]) {
        compiler.countQuery(expr).render(compiler.dialect)
    }

    /// The row-id select of `expr` with its values written in place (for showing only).
    public func sql(for expr: PhysicalExpr) -> String {
        compiler.rowIDQuery(expr, limit: nil).display(compiler.dialect)
    }

    /// The count statement as it runs and the values bound to `$1`, `$2`, … in order.
    public func countStatementShown(for expr: PhysicalExpr) -> (sql: String, bound: [String]) {
        let (sql, bindings) = countStatement(for: expr)
        return (sql, bindings.map(compiler.dialect.literal))
    }

    /// The number of the account's friends matching `expr`.
    public func count(_ expr: PhysicalExpr) throws -> Int {
        let (sql, bindings) = countStatement(for: expr)
        return Int(try db.query(sql, bindings.map(Self.value), reusing: true).int64(0, 0))
    }

    /// The row ids of the friends matching `expr`, ascending, at most `limit`.
    public func rowIDs(_ expr: PhysicalExpr, limit: Int?) throws -> [Int] {
        let (sql, bindings) = compiler.rowIDQuery(expr, limit: limit).render(compiler.dialect)
        let rows = try db.query(sql, bindings.map(Self.value))
        return (0..<rows.count).map { Int(rows.int64($0, 0)) }
    }

    /// The ids of the friends with these row ids, in the order given.
    public func friendIDs(rowIDs: [Int]) throws -> [String] {
        let rows = try db.query("SELECT row_id, id FROM friends WHERE account = $1 AND row_id = ANY($2)",
                                [.int4(account), .int4Array(rowIDs.map { Int32(clamping: $0) })])
        var byRow: [Int: String] = [:]
        for r in 0..<rows.count { byRow[Int(rows.int64(r, 0))] = rows.string(r, 1) }
        return rowIDs.compactMap { byRow[$0] }
    }

    /// The server's plan for the count statement of `expr` (`EXPLAIN`), one
    /// line per node, children indented deeper than their parent.
    public func queryPlan(_ expr: PhysicalExpr) throws -> [String] {
        let (sql, bindings) = countStatement(for: expr)
        let rows = try db.query("EXPLAIN " + sql, bindings.map(Self.value))
        return (0..<rows.count).map { rows.string($0, 0) }
    }

    /// A bound scalar as the server receives it: strings as their UTF-8 bytes (`bytea`).
    static func value(_ scalar: Scalar) -> PostgresValue {
        switch scalar {
        case .string(let s): return .stored(s)
        case .int(let v): return .int8(v)
        case .number(let v): return .float8(v)
        case .bool(let b): return .bool(b)
        }
    }
}
