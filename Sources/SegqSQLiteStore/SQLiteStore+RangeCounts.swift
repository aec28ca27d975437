import SegqStore
/// Exact counts of a range on an ordered `friend_facts` column, from the
/// statistics' exact counts below each histogram bound plus one short index
/// range (at most about one bucket) — instead of counting every index entry
/// of a wide range. Valid because those columns change only by imports,
/// which rewrite the statistics in the same transaction.
extension SQLiteStore {
    /// The count of `expr` when it is a (possibly negated) range on an
    /// ordered column with integer bounds; nil otherwise.
    func countFromHistogram(_ expr: PhysicalExpr) throws -> Int? {
        switch expr {
        case .not(let inner):
            guard let n = try countFromHistogram(inner) else { return nil }
            return try statistics().friendCount - n
        case .atom(let atom):
            guard case let .range(lower, lowerInclusive, upper, upperInclusive) = atom.predicate,
                  case let .integer(column, _) = ColumnLayout(atom.column) else { return nil }
            // As a half-open range [from, to) of integers; nil means unbounded.
            var from: Int64?
            var to: Int64?
            if let lower {
                guard let l = Self.integral(lower) else { return nil }
                if lowerInclusive { from = l } else if l == .max { return 0 } else { from = l + 1 }
            }
            if let upper {
                guard let u = Self.integral(upper) else { return nil }
                if !upperInclusive { to = u } else if u != .max { to = u + 1 }
            }
            let stats = try statistics()
            guard let bounds = stats.histograms[atom.column], let below = stats.countsBelow[atom.column],
                  !bounds.isEmpty else { return nil }
            let present = stats.present(atom.column)
            func countBelow(_ x: Int64?) throws -> Int? {
                guard let x else { return present }
                // The largest bound ≤ x: its exact count, plus the values in [bound, x).
                var lo = 0, hi = bounds.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if bounds[mid] <= x { lo = mid + 1 } else { hi = mid }
                }
                if lo == 0 { return 0 }  // x ≤ … below the smallest value
                let bound = bounds[lo - 1]
                guard let base = below[bound] else { return nil }
                if bound == x { return base }
                let rest = try withStatement("SELECT count(*) FROM friend_facts WHERE \(column) >= ? AND \(column) < ?") { s in
                    try s.bind(bound, at: 1)
                    try s.bind(x, at: 2)
                    return try s.step() ? s.int(0) : 0
                }
                return base + rest
            }
            guard let upperCount = try countBelow(to) else { return nil }
            guard let lowerCount = try from.map(countBelow) ?? 0 else { return nil }
            return max(0, upperCount - lowerCount)
        default:
            return nil
        }
    }

    private static func integral(_ s: Scalar) -> Int64? {
        switch s {
        case .int(let v): return v
        case .number(let d): return Int64(exactly: d)
        default: return nil
        }
    }
}
