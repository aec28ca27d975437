/// What the planner needs to know about a store: its size, how many rows
/// an atom selects, and how it can read them. Estimates need not be exact
/// but must be deterministic (golden `explain` files show them).
public protocol PlanStatistics {
    var friendCount: Int { get }
    /// Estimated rows for which the atom holds, in 0...friendCount.
    func estimatedRows(for atom: Atom) -> Int
    /// The access path the store uses for the atom.
    func accessPath(for atom: Atom) -> AccessPath
}

extension PlanStatistics {
    /// The usual path for an atom when the store has no finer rule: bitmaps
    /// for presence, set elements and emptiness; the sorted order for ranges
    /// and ordered equality; a scan for text matches and other strings.
    public func accessPath(for atom: Atom) -> AccessPath {
        AccessPath.conventional(for: atom, distinctValues: nil)
    }
}

extension AccessPath {
    /// Strings with at most this many distinct values get a bitmap per value.
    public static let lowCardinalityLimit = 256

    /// The conventional access path of an atom, given (when known) the
    /// number of distinct values of its column.
    public static func conventional(for atom: Atom, distinctValues: Int?) -> AccessPath {
        switch atom.predicate {
        case .present, .isEmpty: return .bitmap
        case .text: return .scan
        case .range: return .sortedRange
        case .equals(let s): return path(column: atom.column, sample: s, distinctValues: distinctValues)
        case .oneOf(let ss):
            guard let first = ss.first else { return .bitmap }
            return path(column: atom.column, sample: first, distinctValues: distinctValues)
        }
    }

    private static func path(column: Column, sample: Scalar, distinctValues: Int?) -> AccessPath {
        switch column {
        case .tag, .shopifyTag, .hubspotList, .klaviyoList,
             .shopifyLinked, .hubspotLinked, .klaviyoLinked:
            return .bitmap
        case .added, .shopifyPurchases, .shopifyLastPurchase, .shopifyCartAbandonedAt:
            return .sortedRange
        case .id, .name, .shopifyId, .hubspotId, .klaviyoId, .hubspotProperty, .klaviyoProperty:
            switch sample {
            case .int, .number: return .sortedRange
            case .bool: return .bitmap
            case .string:
                if let d = distinctValues, d <= lowCardinalityLimit { return .bitmap }
                return .scan
            }
        }
    }
}
