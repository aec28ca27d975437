/// What SQL push-down needs from a store: it runs a whole resolved query
/// itself and answers counts, row ids and friends. Each SQL engine target
/// (`SegqSQLiteStore`, `SegqPostgresStore`) brings its conformance; the
/// dialect-neutral statement pieces (`SQLFragment`, `SQLDialect`) are in `SQL/`.
///
/// Contract: the store's answers for a `PhysicalExpr` equal the in-memory
/// engine's (a positive atom is false on a missing value, `.not` is the
/// complement over all friends); row ids ascend in import order.
public protocol PushDownStore: AnyObject {
    /// The engine's name, shown by `explain` and `bench` (`sqlite`).
    var engineName: String { get }
    /// What the store is called when the engine choice is explained (`SQLite store`).
    var storeKind: String { get }
    /// Friends in the store.
    func friendCount() throws -> Int
    /// The number of friends matching `expr`.
    func count(_ expr: PhysicalExpr) throws -> Int
    /// The row ids of the friends matching `expr`, ascending, at most `limit`.
    func rowIDs(_ expr: PhysicalExpr, limit: Int?) throws -> [Int]
    /// The friends with these row ids, in the order given.
    func friends(rowIDs: [Int]) throws -> [Friend]
    /// The ids of the friends with these row ids, in the order given.
    func friendIDs(rowIDs: [Int]) throws -> [String]
    /// The SQL the store runs for `expr`, with its values written in place.
    func sql(for expr: PhysicalExpr) -> String
    /// The statement `count` runs for `expr`, for explain (values shown).
    func countSQLText(for expr: PhysicalExpr) -> String
    /// The statement `count` runs for `expr` and the values bound to its
    /// placeholders, in order, as SQL literals (explain's JSON).
    func countStatementShown(for expr: PhysicalExpr) -> (sql: String, bound: [String])
    /// The database's own plan for `expr`, one line per node, children
    /// indented two spaces deeper than their parent.
    func queryPlan(_ expr: PhysicalExpr) throws -> [String]
}

extension PushDownStore {
    /// By default a store counts by running its row query, values in place.
    public func countStatementShown(for expr: PhysicalExpr) -> (sql: String, bound: [String]) { (sql(for: expr), []) }

    /// The statement, then the values bound to its placeholders in order.
    public func countSQLText(for expr: PhysicalExpr) -> String {
        let (sql, bound) = countStatementShown(for: expr)
        return bound.isEmpty ? sql : sql + "\n-- bound: " + bound.joined(separator: ", ")
    }

    /// The ids of the friends with these row ids, in the order given. A
    /// store that can read ids alone should provide this itself.
    public func friendIDs(rowIDs: [Int]) throws -> [String] {
        try friends(rowIDs: rowIDs).map(\.id)
    }
}
