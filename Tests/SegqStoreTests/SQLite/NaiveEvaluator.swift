import SegqBasics
import Foundation
import SegqSemantics
import SegqSyntax
@testable import SegqStore

/// The semantics of `PhysicalExpr` written as plainly as possible, one
/// friend at a time, straight from Grammar/README.md "Tests by type" and "Missing values and negation": the oracle the SQL
/// push-down is compared against.
enum NaiveEvaluator {
    static func count(_ expr: PhysicalExpr, in friends: [Friend]) -> Int {
        friends.reduce(0) { $0 + (holds(expr, $1) ? 1 : 0) }
    }

    static func holds(_ expr: PhysicalExpr, _ friend: Friend) -> Bool {
        switch expr {
        case .all: return true
        case .none: return false
        case .and(let xs): return xs.allSatisfy { holds($0, friend) }
        case .or(let xs): return xs.contains { holds($0, friend) }
        case .not(let x): return !holds(x, friend)
        case .members(_, let ids): return ids.contains { nfc($0) == nfc(friend.id) }
        case .atom(let atom): return holds(atom, friend)
        }
    }

    /// What a column holds for a friend.
    enum Datum {
        case missing
        case scalar(Scalar)
        case set([String])
    }

    static func datum(_ column: Column, _ f: Friend) -> Datum {
        func opt(_ s: Scalar?) -> Datum { s.map(Datum.scalar) ?? .missing }
        func prop(_ v: PropertyValue?) -> Datum {
            switch v {
            case nil: return .missing
            case .string(let s): return .scalar(.string(s))
            case .number(let n): return .scalar(.number(n))
            case .bool(let b): return .scalar(.bool(b))
            }
        }
        switch column {
        case .id: return .scalar(.string(f.id))
        case .name: return opt(f.name.map { .string($0) })
        case .added: return .scalar(.int(f.addedAt))
        case .tag: return .set(f.tags)
        case .shopifyLinked: return .scalar(.bool(f.shopify != nil))
        case .shopifyId: return opt(f.shopify?.id.map { .string($0) })
        case .shopifyTag: return f.shopify.map { .set($0.tags) } ?? .missing
        case .shopifyPurchases: return opt(f.shopify.map { .int($0.purchases) })
        case .shopifyLastPurchase: return opt(f.shopify?.lastPurchaseAt.map { .int($0) })
        case .shopifyCartAbandonedAt: return opt(f.shopify?.abandonedCartAt.map { .int($0) })
        case .hubspotLinked: return .scalar(.bool(f.hubspot != nil))
        case .hubspotId: return opt(f.hubspot?.id.map { .string($0) })
        case .hubspotList: return f.hubspot.map { .set($0.lists) } ?? .missing
        case .hubspotProperty(let name): return prop(f.hubspot?.properties[name])
        case .klaviyoLinked: return .scalar(.bool(f.klaviyo != nil))
        case .klaviyoId: return opt(f.klaviyo?.id.map { .string($0) })
        case .klaviyoList: return f.klaviyo.map { .set($0.lists) } ?? .missing
        case .klaviyoProperty(let name): return prop(f.klaviyo?.properties[name])
        }
    }

    static func holds(_ atom: Atom, _ friend: Friend) -> Bool {
        let isFlag = [Column.shopifyLinked, .hubspotLinked, .klaviyoLinked].contains(atom.column)
        switch datum(atom.column, friend) {
        case .missing:
            return false
        case .scalar(let v):
            if isFlag, atom.predicate == .present { return v == .bool(true) }
            return scalarHolds(atom.predicate, v)
        case .set(let elements):
            return setHolds(atom.predicate, elements)
        }
    }

    static func scalarHolds(_ p: SegqStore.Predicate, _ v: Scalar) -> Bool {
        switch p {
        case .present: return true
        case .equals(let x): return same(v, x)
        case .oneOf(let xs): return xs.contains { same(v, $0) }
        case let .range(lower, li, upper, ui): return inRange(v, lower, li, upper, ui)
        case let .text(match, needle):
            guard case .string(let s) = v else { return false }
            return textMatches(s, match, needle)
        case .isEmpty: return false
        }
    }

    static func setHolds(_ p: SegqStore.Predicate, _ elements: [String]) -> Bool {
        switch p {
        case .present: return true
        case .isEmpty: return elements.isEmpty
        case .range(nil, _, nil, _): return true
        default: return elements.contains { scalarHolds(p, .string($0)) }
        }
    }

    static func nfc(_ s: String) -> [UInt8] { Array(s.precomposedStringWithCanonicalMapping.utf8) }

    static func same(_ a: Scalar, _ b: Scalar) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return nfc(x) == nfc(y)
        case (.bool(let x), .bool(let y)): return x == y
        default:
            guard let x = numeric(a), let y = numeric(b) else { return false }
            return x == y
        }
    }

    static func numeric(_ s: Scalar) -> Double? {
        switch s {
        case .int(let v): return Double(v)
        case .number(let v): return v
        default: return nil
        }
    }

    /// -1, 0, 1, or nil when the kinds cannot be compared.
    static func compare(_ a: Scalar, _ b: Scalar) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            let (p, q) = (nfc(x), nfc(y))
            return p == q ? 0 : (p.lexicographicallyPrecedes(q) ? -1 : 1)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case (.int(let x), .int(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        default:
            guard let x = numeric(a), let y = numeric(b) else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    static func inRange(_ v: Scalar, _ lower: Scalar?, _ li: Bool, _ upper: Scalar?, _ ui: Bool) -> Bool {
        if let lower {
            guard let c = compare(v, lower) else { return false }
            if c < 0 || (c == 0 && !li) { return false }
        }
        if let upper {
            guard let c = compare(v, upper) else { return false }
            if c > 0 || (c == 0 && !ui) { return false }
        }
        return true
    }

    static func textMatches(_ s: String, _ match: TextMatch, _ needle: String) -> Bool {
        let hay = Array(CaseFolding.fold(s.precomposedStringWithCanonicalMapping).utf8)
        let key = Array(CaseFolding.fold(needle.precomposedStringWithCanonicalMapping).utf8)
        guard key.count <= hay.count else { return false }
        switch match {
        case .startsWith: return Array(hay.prefix(key.count)) == key
        case .endsWith: return Array(hay.suffix(key.count)) == key
        case .contains:
            if key.isEmpty { return true }
            for start in 0...(hay.count - key.count) where Array(hay[start..<start + key.count]) == key {
                return true
            }
            return false
        }
    }
}
