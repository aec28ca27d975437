/// What the in-memory executor needs from a store: statistics to plan,
/// row sets to run, rows to show. `InMemoryStore` conforms.
///
/// Contract (Grammar/README.md "Missing values and negation"): `evaluate` is a positive test, false on a
/// missing value; the executor builds negations as complements.
public protocol BitmapStore: PlanStatistics {
    associatedtype Rows: RowSet
    /// Rows where the atom holds.
    func evaluate(_ atom: Atom) -> Rows
    /// Rows of the friends with these ids; unknown ids are ignored.
    func rows(ofFriendIDs ids: [String]) -> Rows
    /// The id of the friend at a row.
    func friendID(atRow row: Int) -> String
    /// The friend at a row, rebuilt from the columns.
    func friend(atRow row: Int) -> Friend
    /// The number of rows `expr` selects, counted without building its
    /// row set; nil when the store cannot (the executor then combines row
    /// sets). Each `and` lists its operands in the order the planner
    /// chose (most selective first, negations last).
    func streamedCount(_ expr: PhysicalExpr) -> Int?
    /// The first `limit` rows `expr` selects, ascending, found without
    /// building its whole row set; nil when the store cannot.
    func streamedFirstRows(_ expr: PhysicalExpr, limit: Int) -> [Int]?
    /// The number of rows `expr` selects and the first `limit` of them,
    /// ascending, from one pass over the store (the first rows are taken
    /// as the count passes them); nil when the store cannot.
    func streamedPreview(_ expr: PhysicalExpr, limit: Int) -> (count: Int, rows: [Int])?
}

extension BitmapStore {
    public func streamedCount(_ expr: PhysicalExpr) -> Int? { nil }
    public func streamedFirstRows(_ expr: PhysicalExpr, limit: Int) -> [Int]? { nil }
    public func streamedPreview(_ expr: PhysicalExpr, limit: Int) -> (count: Int, rows: [Int])? { nil }
}
