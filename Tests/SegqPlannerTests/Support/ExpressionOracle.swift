import Foundation
import SegqSyntax
import SegqSemantics
import SegqStore

/// Evaluates a physical expression on one friend, the plain way: the oracle
/// the resolver's unit tests compare with the language's definitions.
enum ExpressionOracle {
    static func holds(_ e: PhysicalExpr, _ f: Friend) -> Bool {
        switch e {
        case .all: return true
        case .none: return false
        case .not(let x): return !holds(x, f)
        case .and(let xs): return xs.allSatisfy { holds($0, f) }
        case .or(let xs): return xs.contains { holds($0, f) }
        case .members(_, let ids): return ids.contains(f.id)
        case .atom(let a): return holds(a, f)
        }
    }

    private enum Stored {
        case missing
        case scalar(Scalar)
        case set([String])
    }

    private static func value(_ c: Column, _ f: Friend) -> Stored {
        func s(_ v: String?) -> Stored { v.map { .scalar(.string($0)) } ?? .missing }
        func i(_ v: Int64?) -> Stored { v.map { .scalar(.int($0)) } ?? .missing }
        func linked(_ yes: Bool) -> Stored { yes ? .scalar(.bool(true)) : .missing }
        func property(_ v: PropertyValue?) -> Stored {
            switch v {
            case .string(let x)?: return .scalar(.string(x))
            case .number(let x)?: return .scalar(.number(x))
            case .bool(let x)?: return .scalar(.bool(x))
            case nil: return .missing
            }
        }
        switch c {
        case .id: return .scalar(.string(f.id))
        case .name: return s(f.name)
        case .added: return .scalar(.int(f.addedAt))
        case .tag: return .set(f.tags)
        case .shopifyLinked: return linked(f.shopify != nil)
        case .shopifyId: return s(f.shopify?.id)
        case .shopifyTag: return f.shopify.map { .set($0.tags) } ?? .missing
        case .shopifyPurchases: return i(f.shopify?.purchases)
        case .shopifyLastPurchase: return i(f.shopify?.lastPurchaseAt)
        case .shopifyCartAbandonedAt: return i(f.shopify?.abandonedCartAt)
        case .hubspotLinked: return linked(f.hubspot != nil)
        case .hubspotId: return s(f.hubspot?.id)
        case .hubspotList: return f.hubspot.map { .set($0.lists) } ?? .missing
        case .hubspotProperty(let p): return property(f.hubspot?.properties[p])
        case .klaviyoLinked: return linked(f.klaviyo != nil)
        case .klaviyoId: return s(f.klaviyo?.id)
        case .klaviyoList: return f.klaviyo.map { .set($0.lists) } ?? .missing
        case .klaviyoProperty(let p): return property(f.klaviyo?.properties[p])
        }
    }

    private static func holds(_ a: Atom, _ f: Friend) -> Bool {
        let stored = value(a.column, f)
        if case .missing = stored { return false }
        switch (a.predicate, stored) {
        case (.present, _): return true
        case (.isEmpty, .set(let xs)): return xs.isEmpty
        case (.isEmpty, _): return false
        case (.equals(let v), .set(let xs)): return xs.contains { .string($0) == v }
        case (.equals(let v), .scalar(let x)): return same(x, v)
        case (.oneOf(let vs), .set(let xs)): return xs.contains { x in vs.contains(.string(x)) }
        case (.oneOf(let vs), .scalar(let x)): return vs.contains { same(x, $0) }
        case (.text(let m, let p), .set(let xs)): return xs.contains { text(m, $0, p) }
        case (.text(let m, let p), .scalar(.string(let x))): return text(m, x, p)
        case (.text, _): return false
        case (.range(let lo, let loInc, let hi, let hiInc), .scalar(let x)):
            if let lo, !(loInc ? !(x < lo) : lo < x) || !comparable(x, lo) { return false }
            if let hi, !(hiInc ? !(hi < x) : x < hi) || !comparable(x, hi) { return false }
            return true
        case (.range(nil, _, nil, _), .set): return true
        case (.range(.string(let lo)?, let loInc, .string(let hi)?, let hiInc), .set(let xs)):
            // Sets: some element in the range, ordered by UTF-8 bytes (the stores' order).
            return xs.contains { x in
                let b = Array(x.utf8), l = Array(lo.utf8), h = Array(hi.utf8)
                let aboveLow = loInc ? !b.lexicographicallyPrecedes(l) : l.lexicographicallyPrecedes(b)
                let belowHigh = hiInc ? !h.lexicographicallyPrecedes(b) : b.lexicographicallyPrecedes(h)
                return aboveLow && belowHigh
            }
        case (.range, _): return false
        default: return false
        }
    }

    private static func comparable(_ a: Scalar, _ b: Scalar) -> Bool {
        switch (a, b) {
        case (.string, .string), (.bool, .bool): return true
        case (.int, .int), (.int, .number), (.number, .int), (.number, .number): return true
        default: return false
        }
    }

    private static func same(_ a: Scalar, _ b: Scalar) -> Bool {
        comparable(a, b) && !(a < b) && !(b < a)
    }

    private static func text(_ m: TextMatch, _ value: String, _ pattern: String) -> Bool {
        switch m {
        case .contains: return TextMatching.contains(value, pattern)
        case .startsWith: return TextMatching.startsWith(value, pattern)
        case .endsWith: return TextMatching.endsWith(value, pattern)
        }
    }
}
