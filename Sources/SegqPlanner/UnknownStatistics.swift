import SegqStore

/// Statistics of a store that keeps none the planner can read (an SQLite
/// store queried by push-down): every atom is estimated at half the friends,
/// so a plan still has a shape, and the database plans the real work.
struct UnknownStatistics: PlanStatistics {
    let friendCount: Int

    func estimatedRows(for atom: Atom) -> Int {
        switch atom.predicate {
        case .present: return friendCount
        default: return friendCount / 2
        }
    }
}
