/// How an access node reads rows from the in-memory store.
public enum AccessPath: String, Hashable, Sendable {
    /// A bitmap index: one bitmap per value of a set field or low-cardinality
    /// string, or the presence bitmap of a column.
    case bitmap = "BITMAP"
    /// Binary search over a column's sorted order (times, integers, numbers).
    case sortedRange = "SORTED RANGE"
    /// A pass over the column (text matches, high-cardinality strings).
    case scan = "SCAN"
}
