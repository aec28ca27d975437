import SegqBasics
import SegqSyntax
import SegqSemantics

/// A stored column of a friend store. Derived language fields
/// (`days_since_last_purchase`, `hours_since_cart_abandoned`,
/// `abandoned_cart`) have no column: the planner rewrites them onto
/// `shopifyLastPurchase` / `shopifyCartAbandonedAt` once `now` is known.
public enum Column: Hashable, Sendable {
    case id, name, added, tag
    case shopifyLinked, shopifyId, shopifyTag, shopifyPurchases, shopifyLastPurchase, shopifyCartAbandonedAt
    case hubspotLinked, hubspotId, hubspotList
    case hubspotProperty(String)
    case klaviyoLinked, klaviyoId, klaviyoList
    case klaviyoProperty(String)
}

/// A scalar operand with times already resolved to epoch milliseconds (`int`).
public enum Scalar: Hashable, Sendable, Comparable {
    case string(String)
    case int(Int64)
    case number(Double)
    case bool(Bool)

    public static func < (a: Scalar, b: Scalar) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x < y
        case (.int(let x), .int(let y)): return x < y
        case (.number(let x), .number(let y)): return x < y
        case (.int(let x), .number(let y)): return Double(x) < y
        case (.number(let x), .int(let y)): return x < Double(y)
        case (.bool(let x), .bool(let y)): return !x && y
        default: return false
        }
    }
}

/// A positive test on one column; false where the column's value is
/// missing (Grammar/README.md "Missing values and negation"). Negation is `PhysicalExpr.not`.
public enum Predicate: Hashable, Sendable {
    /// The value is not missing (for `linked` columns: the friend is linked).
    case present
    /// Scalar: equal (strings exact, NFC). Set: contains the element.
    case equals(Scalar)
    /// Scalar: equal to one of. Set: contains any of.
    case oneOf([Scalar])
    /// Ordered columns (ints, numbers, times in ms). nil bound = unbounded.
    case range(lower: Scalar?, lowerInclusive: Bool, upper: Scalar?, upperInclusive: Bool)
    /// Case-insensitive (compare `CaseFolding.fold` of both). Set: some element matches.
    case text(TextMatch, String)
    /// Set present and with no elements.
    case isEmpty
}

public struct Atom: Hashable, Sendable {
    public var column: Column
    public var predicate: Predicate

    public init(_ column: Column, _ predicate: Predicate) {
        self.column = column
        self.predicate = predicate
    }
}

/// What a store executes: a boolean formula over atoms, with every time
/// already resolved. The planner builds it from the normal form.
public indirect enum PhysicalExpr: Hashable, Sendable {
    case atom(Atom)
    case and([PhysicalExpr])
    case or([PhysicalExpr])
    case not(PhysicalExpr)
    /// Membership of a saved segment, already resolved by the planner to its member ids.
    case members(name: String, ids: [String])
    case all
    case none
}
