import SegqStore

/// What the in-memory executor needs from a store: statistics to plan,
/// bitmaps to run, rows to show. `InMemoryStore` conforms.
public protocol BitmapStore: PlanStatistics {
    /// Rows where the atom holds; false on a missing value (LANGUAGE.md §5).
    func evaluate(_ atom: Atom) -> Bitmap
    /// Rows of the friends with these ids; unknown ids are ignored.
    func rows(ofFriendIDs ids: [String]) -> Bitmap
    /// The id of the friend at a row.
    func friendID(atRow row: Int) -> String
    /// The friend at a row, rebuilt from the columns.
    func friend(atRow row: Int) -> Friend
}
