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
}
