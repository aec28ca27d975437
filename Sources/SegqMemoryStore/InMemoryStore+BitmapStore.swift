import SegqStore

/// The in-memory store as the planner sees it: its bitmaps are row sets,
/// its per-atom estimates and access paths feed the planner.
extension InMemoryStore: BitmapStore {
    public func accessPath(for atom: Atom) -> AccessPath {
        switch access(for: atom) {
        case .bitmap: return .bitmap
        case .sortedRange: return .sortedRange
        case .scan: return .scan
        }
    }
}
