import SegqBasics
import SegqSemantics
import SegqSyntax
import SegqStore

/// The one oracle for physical expressions: the meaning of an atom on one
/// friend, written as plainly as possible (no columns, no indexes, no SQL),
/// that both stores and the planner's push-down are checked against.
///
/// Rules (Grammar/README.md "Fields" and "Missing values and negation",
/// and `Predicate` in Sources/SegqStore/PhysicalQuery.swift):
/// - A positive test is false on a missing value; `not` is the complement.
/// - An operand matches stored values of its own kind only (int and number
///   are one kind); strings compare in NFC, text tests ignore case.
/// - An unbounded range means "present"; `isEmpty` is for sets.
/// - `linked` is never missing: an unlinked friend's flag is false, so
///   `= false` and an unbounded range match it; only a presence test (what
///   the planner writes for `linked = true`, see `Predicate.present`)
///   matches linked friends alone.
public enum PhysicalOracle {
    enum Stored {
        case missing
        case value(Scalar)
        case set([String])
        /// A `linked` flag: true or false for every friend, never missing;
        /// a presence test on it means "linked".
        case flag(Bool)
    }

    static func stored(_ f: Friend, _ column: Column) -> Stored {
        func opt(_ s: String?) -> Stored { s.map { .value(.string($0)) } ?? .missing }
        func opt(_ i: Int64?) -> Stored { i.map { .value(.int($0)) } ?? .missing }
        func prop(_ d: CRMData?, _ n: String) -> Stored {
            switch d?.properties[n] {
            case nil: return .missing
            case .string(let s)?: return .value(.string(s))
            case .number(let x)?: return .value(.number(x))
            case .bool(let b)?: return .value(.bool(b))
            }
        }
        switch column {
        case .id: return .value(.string(f.id))
        case .name: return opt(f.name)
        case .added: return .value(.int(f.addedAt))
        case .tag: return .set(f.tags)
        case .shopifyLinked: return .flag(f.shopify != nil)
        case .shopifyId: return opt(f.shopify?.id)
        case .shopifyTag: return f.shopify.map { .set($0.tags) } ?? .missing
        case .shopifyPurchases: return opt(f.shopify?.purchases)
        case .shopifyLastPurchase: return opt(f.shopify?.lastPurchaseAt)
        case .shopifyCartAbandonedAt: return opt(f.shopify?.abandonedCartAt)
        case .hubspotLinked: return .flag(f.hubspot != nil)
        case .hubspotId: return opt(f.hubspot?.id)
        case .hubspotList: return f.hubspot.map { .set($0.lists) } ?? .missing
        case .hubspotProperty(let n): return prop(f.hubspot, n)
        case .klaviyoLinked: return .flag(f.klaviyo != nil)
        case .klaviyoId: return opt(f.klaviyo?.id)
        case .klaviyoList: return f.klaviyo.map { .set($0.lists) } ?? .missing
        case .klaviyoProperty(let n): return prop(f.klaviyo, n)
        }
    }

    public static func holds(_ atom: Atom, on f: Friend) -> Bool {
        switch stored(f, atom.column) {
        case .missing: return false
        case .flag(let b):
            // A presence test means "linked"; any other test (an unbounded
            // range included) sees the value true or false.
            if case .present = atom.predicate { return b }
            return scalarHolds(atom.predicate, .bool(b))
        case .value(let v): return scalarHolds(atom.predicate, v)
        case .set(let elements):
            switch atom.predicate {
            case .present: return true
            case .isEmpty: return elements.isEmpty
            case .range(nil, _, nil, _): return true
            default: return elements.contains { scalarHolds(atom.predicate, .string($0)) }
            }
        }
    }

    static func kind(_ s: Scalar) -> Int {
        switch s {
        case .string: return 0
        case .int, .number: return 1
        case .bool: return 2
        }
    }

    /// -1, 0, 1, or nil when the kinds differ.
    static func compare(_ a: Scalar, _ b: Scalar) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            let xb = Array(x.nfcNormalized.utf8), yb = Array(y.nfcNormalized.utf8)
            return xb == yb ? 0 : (xb.lexicographicallyPrecedes(yb) ? -1 : 1)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case (.int(let x), .int(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        default:
            guard kind(a) == 1, kind(b) == 1 else { return nil }
            let x = double(a), y = double(b)
            if x.isNaN || y.isNaN { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    static func double(_ s: Scalar) -> Double {
        switch s {
        case .int(let i): return Double(i)
        case .number(let d): return d
        default: return .nan
        }
    }

    static func scalarHolds(_ p: Predicate, _ v: Scalar) -> Bool {
        switch p {
        case .present: return true
        case .equals(let x): return compare(v, x) == 0
        case .oneOf(let xs): return xs.contains { compare(v, $0) == 0 }
        case let .range(lower, li, upper, ui):
            if lower == nil && upper == nil { return true }
            if let lower {
                guard let c = compare(v, lower) else { return false }
                if c < 0 || (c == 0 && !li) { return false }
            }
            if let upper {
                guard let c = compare(v, upper) else { return false }
                if c > 0 || (c == 0 && !ui) { return false }
            }
            return true
        case let .text(match, needle):
            guard case .string(let s) = v else { return false }
            let hay = CaseFolding.fold(s.nfcNormalized), n = CaseFolding.fold(needle.nfcNormalized)
            let h = Array(hay.utf8), nb = Array(n.utf8)
            switch match {
            case .startsWith: return h.starts(with: nb)
            case .endsWith: return h.reversed().starts(with: nb.reversed())
            case .contains:
                if nb.isEmpty { return true }
                if nb.count > h.count { return false }
                return (0 ... h.count - nb.count).contains { Array(h[$0 ..< $0 + nb.count]) == nb }
            }
        case .isEmpty: return false
        }
    }

    public static func holds(_ expr: PhysicalExpr, on f: Friend) -> Bool {
        switch expr {
        case .atom(let a): return holds(a, on: f)
        case .and(let xs): return xs.allSatisfy { holds($0, on: f) }
        case .or(let xs): return xs.contains { holds($0, on: f) }
        case .not(let x): return !holds(x, on: f)
        case .members(_, let ids): return ids.contains { $0.nfcNormalized == f.id.nfcNormalized }
        case .all: return true
        case .none: return false
        }
    }

    /// How many of `friends` the expression matches.
    public static func count(_ expr: PhysicalExpr, in friends: [Friend]) -> Int {
        friends.reduce(0) { $0 + (holds(expr, on: $1) ? 1 : 0) }
    }

    /// The integer a column holds for a friend (times as epoch
    /// milliseconds); nil when missing or not an integer.
    public static func intValue(_ column: Column, _ f: Friend) -> Int64? {
        if case .value(.int(let v)) = stored(f, column) { return v }
        return nil
    }
}
