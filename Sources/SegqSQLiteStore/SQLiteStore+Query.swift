import SegqStore
/// Query execution: the push-down of a `PhysicalExpr` as one SQL statement.
extension SQLiteStore {
    static let compiler = SQLCompiler(dialect: SQLiteDialect())

    /// The SQL select of the matching row ids with its values written in
    /// place, for `explain` (what runs binds the values instead).
    public func sql(for expr: PhysicalExpr) -> String {
        Self.compiler.select(expr).display(Self.compiler.dialect)
    }

    /// The count statement for `expr` exactly as it runs: SQL text with
    /// placeholders and the values bound to them in order.
    public func countStatement(for expr: PhysicalExpr) -> (sql: String, bindings: [Scalar]) {
        Self.compiler.countQuery(expr).render(Self.compiler.dialect)
    }

    /// `countSQL` for people: the statement and the values bound to its
    /// placeholders in order, as SQL literals (explain's "SQL" section).
    public func countStatementShown(for expr: PhysicalExpr) -> (sql: String, bound: [String]) {
        guard let (sql, bindings) = try? countSQL(expr) else { return (sql(for: expr), []) }
        let values = bindings.map { value -> String in
            switch value {
            case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case .int(let v): return String(v)
            case .number(let v): return String(v)
            case .bool(let b): return b ? "1" : "0"
            }
        }
        return (sql, values)
    }

    /// The count statement that `count` runs for `expr` (when no histogram
    /// answers it): on bitmaps for compound queries, else an index count.
    public func countSQL(_ expr: PhysicalExpr) throws -> (sql: String, bindings: [Scalar]) {
        let expr = Self.simplified(expr)
        if Self.usesBitmaps(expr) { return try bitmapCountQuery(expr).render(Self.compiler.dialect) }
        return countStatement(for: expr)
    }

    /// The number of friends matching `expr`.
    public func count(_ expr: PhysicalExpr) throws -> Int {
        let expr = Self.simplified(expr)
        if let n = try countFromHistogram(expr) { return n }
        let (sql, bindings) = try countSQL(expr)
        return try withStatement(sql) { s in
            try bind(bindings, to: s)
            return try s.step() ? s.int(0) : 0
        }
    }

    /// The row ids of the friends matching `expr`, ascending, at most `limit`.
    public func rowIDs(_ expr: PhysicalExpr, limit: Int? = nil) throws -> [Int] {
        let (sql, bindings) = Self.compiler.rowIDQuery(expr, limit: limit).render(Self.compiler.dialect)
        return try withStatement(sql) { s in
            try bind(bindings, to: s)
            var rows: [Int] = []
            while try s.step() { rows.append(s.int(0)) }
            return rows
        }
    }

    /// The first `limit` friends matching `expr` in row-id order (the
    /// preview): only those rows are read, however many match.
    public func friends(_ expr: PhysicalExpr, limit: Int) throws -> [Friend] {
        try friends(rowIDs: rowIDs(expr, limit: limit))
    }

    /// SQLite's EXPLAIN QUERY PLAN for the count statement of `expr`, one line per node, indented by depth.
    public func queryPlan(_ expr: PhysicalExpr) throws -> [String] {
        let (sql, bindings) = try countSQL(expr)
        let stmt = try db.prepare("EXPLAIN QUERY PLAN " + sql)
        try bind(bindings, to: stmt)
        var depth: [Int64: Int] = [0: -1]
        var lines: [String] = []
        while try stmt.step() {
            let d = (depth[stmt.int64(1)] ?? -1) + 1
            depth[stmt.int64(0)] = d
            lines.append(String(repeating: "  ", count: d) + stmt.text(3))
        }
        return lines
    }

    func bind(_ bindings: [Scalar], to stmt: SQLiteStatement) throws {
        for (i, value) in bindings.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .string(let s): try stmt.bind(s, at: index)
            case .int(let v): try stmt.bind(v, at: index)
            case .number(let v): try stmt.bind(v, at: index)
            case .bool(let b): try stmt.bind(b, at: index)
            }
        }
    }
}
