/// A set of row ids `0 ..< count` of one store: what in-memory execution
/// combines. The in-memory store's `Bitmap` conforms; the planner needs
/// nothing else of it, so engines and test doubles can bring their own.
///
/// Contract: every operand of a binary operation ranges over the same
/// `count`; results never hold a row at or beyond `count`.
public protocol RowSet {
    /// The empty set over `count` rows.
    init(count: Int)
    /// Every row of `0 ..< count`.
    static func all(_ count: Int) -> Self
    /// The number of rows in the set.
    var cardinality: Int { get }
    var isEmpty: Bool { get }
    mutating func formUnion(_ other: Self)
    mutating func formIntersection(_ other: Self)
    /// Removes the rows of `other`.
    mutating func subtract(_ other: Self)
    /// Every row of `0 ..< count` not in the set.
    mutating func formComplement()
    /// The first `limit` rows in increasing order (all when nil), without
    /// visiting more of the set than needed.
    func rows(limit: Int?) -> [Int]
    /// Calls `body` with each row in increasing order.
    func forEach(_ body: (Int) throws -> Void) rethrows
}
