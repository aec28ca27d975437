import SegqStore
/// What the planner knows about an SQLite store without reading friends:
/// sizes, how many friends hold each set value and each low-cardinality
/// property value, and equi-depth histograms of the ordered columns.
/// Computed by every import (inside its transaction) and kept in the
/// `statistics` table, so opening a store costs one small read.
///
/// Estimates are deterministic for a given store and lie in 0...friendCount.
public struct SQLiteStatistics: Hashable, Sendable {
    public var friendCount: Int
    /// Friends holding a value, per column that can be missing (for
    /// `linked` columns: friends linked; for sets: friends with ≥ 1 element;
    /// for properties: friends with the property).
    public var presentCounts: [Column: Int]
    /// Friends holding each value: set columns, and properties with few distinct values.
    public var valueCounts: [Column: [Scalar: Int]]
    /// Ascending boundaries splitting the present values of an ordered column
    /// into `histogramBuckets` groups of about equal size (first = min, last = max).
    public var histograms: [Column: [Int64]]

    /// For each histogram bound, the exact number of present values below it
    /// (the store counts ranges from these plus one short index range).
    var countsBelow: [Column: [Int64: Int]] = [:]

    public static let histogramBuckets = 64

    public init(friendCount: Int = 0, presentCounts: [Column: Int] = [:],
                valueCounts: [Column: [Scalar: Int]] = [:], histograms: [Column: [Int64]] = [:]) {
        self.friendCount = friendCount
        self.presentCounts = presentCounts
        self.valueCounts = valueCounts
        self.histograms = histograms
    }

    /// Friends for which `column` has a value (every friend for never-missing columns).
    public func present(_ column: Column) -> Int {
        switch column {
        case .id, .added, .tag, .shopifyLinked, .hubspotLinked, .klaviyoLinked: return friendCount
        case .shopifyTag: return presentCounts[.shopifyLinked] ?? 0
        case .hubspotList: return presentCounts[.hubspotLinked] ?? 0
        case .klaviyoList: return presentCounts[.klaviyoLinked] ?? 0
        default: return presentCounts[column] ?? 0
        }
    }

    /// Estimated number of friends for which `atom` holds.
    public func estimatedRows(for atom: Atom) -> Int {
        let raw = estimate(atom)
        return max(0, min(friendCount, raw))
    }

    private func estimate(_ atom: Atom) -> Int {
        let column = atom.column
        let isFlag = column == .shopifyLinked || column == .hubspotLinked || column == .klaviyoLinked
        let present = present(column)
        switch atom.predicate {
        case .present:
            return isFlag ? (presentCounts[column] ?? 0) : present
        case .isEmpty:
            switch column {
            case .tag, .shopifyTag, .hubspotList, .klaviyoList: return present - (presentCounts[column] ?? 0)
            default: return 0
            }
        case .equals(let value):
            return estimateEquals(column, value, present: present, isFlag: isFlag)
        case .oneOf(let values):
            let sum = Set(values).reduce(0) { $0 + estimateEquals(column, $1, present: present, isFlag: isFlag) }
            return min(sum, present)
        case let .range(lower, lowerInclusive, upper, _):
            if lower == nil && upper == nil { return isFlag ? friendCount : present }
            if let bounds = histograms[column] { return estimateRange(bounds, present, lower, lowerInclusive, upper) }
            return present / 3
        case .text:
            return present / 10
        }
    }

    private func estimateEquals(_ column: Column, _ value: Scalar, present: Int, isFlag: Bool) -> Int {
        if isFlag {
            guard case .bool(let b) = value else { return 0 }
            let linked = presentCounts[column] ?? 0
            return b ? linked : friendCount - linked
        }
        if let counts = valueCounts[column] {
            if case .int(let v) = value, let n = counts[.number(Double(v))] { return n }
            return counts[value] ?? 0
        }
        switch column {
        case .id: return 1
        case .shopifyId, .hubspotId, .klaviyoId: return min(1, present)
        default:
            if let bounds = histograms[column], case .int(let v) = value {
                return estimateRange(bounds, present, .int(v), true, .int(v)) / 4
            }
            return present / 100
        }
    }

    /// The share of `present` between the bounds, read off the histogram
    /// (linear inside a bucket).
    private func estimateRange(_ bounds: [Int64], _ present: Int, _ lower: Scalar?, _ lowerInclusive: Bool,
                               _ upper: Scalar?) -> Int {
        guard bounds.count >= 2 else { return present / 3 }
        func position(_ s: Scalar?, _ unbounded: Double) -> Double {
            guard let s else { return unbounded }
            let v: Double
            switch s {
            case .int(let x): v = Double(x)
            case .number(let x): v = x
            default: return unbounded
            }
            let first = Double(bounds[0]), last = Double(bounds[bounds.count - 1])
            if v <= first { return 0 }
            if v >= last { return 1 }
            var i = 0
            while i + 1 < bounds.count && Double(bounds[i + 1]) < v { i += 1 }
            let lo = Double(bounds[i]), hi = Double(bounds[min(i + 1, bounds.count - 1)])
            let inside = hi > lo ? (v - lo) / (hi - lo) : 0.5
            return (Double(i) + inside) / Double(bounds.count - 1)
        }
        let share = max(0, position(upper, 1) - position(lower, 0))
        return Int((share * Double(present)).rounded())
    }
}
