import SegqSyntax
import SegqSemantics

/// The total orders that make the normal form canonical: conditions
/// within a group, and groups within the normal form, are sorted by them.
enum CanonicalOrder {
    /// Three-way comparison of values: by kind, then naturally (strings by
    /// UTF-8 bytes, times by scale then position, then by text).
    static func compare(_ a: Value, _ b: Value) -> Int {
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.int(x), .int(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.number(x), .number(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.string(x), .string(y)): return compareBytes(x, y)
        case let (.time(x), .time(y)): return compareTimes(x, y)
        default: return 0
        }
    }

    static func compareBytes(_ x: String, _ y: String) -> Int {
        if x == y { return 0 }
        var i = x.utf8.makeIterator(), j = y.utf8.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (p?, q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    static func compareTimes(_ x: TimeValue, _ y: TimeValue) -> Int {
        let kx = TimeScale.of(x), ky = TimeScale.of(y)
        if kx.scale != ky.scale { return kx.scale.rawValue < ky.scale.rawValue ? -1 : 1 }
        if kx.key != ky.key { return kx.key < ky.key ? -1 : 1 }
        return compareBytes(ValueText.of(x), ValueText.of(y))
    }

    private static func rank(_ v: Value) -> Int {
        switch v {
        case .bool: return 0
        case .int: return 1
        case .number: return 2
        case .string: return 3
        case .time: return 4
        }
    }

    private static func testRank(_ t: Test) -> Int {
        switch t {
        case .equals: return 0
        case .oneOf: return 1
        case .greaterOrEqual: return 2
        case .greater: return 3
        case .lessOrEqual: return 4
        case .less: return 5
        case .between: return 6
        case .contains: return 7
        case .startsWith: return 8
        case .endsWith: return 9
        case .isEmpty: return 10
        case .isNull: return 11
        }
    }

    static func compare(_ a: Test, _ b: Test) -> Int {
        let ra = testRank(a), rb = testRank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case let (.equals(x), .equals(y)), let (.less(x), .less(y)), let (.lessOrEqual(x), .lessOrEqual(y)),
             let (.greater(x), .greater(y)), let (.greaterOrEqual(x), .greaterOrEqual(y)):
            return compare(x, y)
        case let (.oneOf(xs), .oneOf(ys)):
            for (x, y) in zip(xs, ys) { let c = compare(x, y); if c != 0 { return c } }
            return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
        case let (.between(x1, x2), .between(y1, y2)):
            let c = compare(x1, y1)
            return c != 0 ? c : compare(x2, y2)
        case let (.contains(x), .contains(y)), let (.startsWith(x), .startsWith(y)), let (.endsWith(x), .endsWith(y)):
            return compareBytes(x, y)
        default:
            return 0
        }
    }

    static func fieldRank(_ f: Field) -> Int {
        switch f {
        case .id: return 0
        case .name: return 1
        case .added: return 2
        case .tag: return 3
        case .segment: return 4
        case .shopifyLinked: return 5
        case .shopifyId: return 6
        case .shopifyTag: return 7
        case .shopifyPurchases: return 8
        case .shopifyLastPurchase: return 9
        case .shopifyDaysSinceLastPurchase: return 10
        case .shopifyAbandonedCart: return 11
        case .shopifyCartAbandonedAt: return 12
        case .shopifyHoursSinceCartAbandoned: return 13
        case .hubspotLinked: return 14
        case .hubspotId: return 15
        case .hubspotSegment: return 16
        case .hubspotProperty: return 17
        case .klaviyoLinked: return 18
        case .klaviyoId: return 19
        case .klaviyoList: return 20
        case .klaviyoProperty: return 21
        case .tagKey: return 22
        }
    }

    static func compare(_ a: Field, _ b: Field) -> Int {
        let ra = fieldRank(a), rb = fieldRank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case let (.hubspotProperty(x), .hubspotProperty(y)), let (.klaviyoProperty(x), .klaviyoProperty(y)),
             let (.tagKey(x), .tagKey(y)):
            return compareBytes(x, y)
        default: return 0
        }
    }

    /// Conditions: by field, then test kind and operands, then polarity.
    static func compare(_ a: Condition, _ b: Condition) -> Int {
        var c = compare(a.field, b.field)
        if c != 0 { return c }
        if a.type != b.type { return a.type.rawValue < b.type.rawValue ? -1 : 1 }
        c = compare(a.test, b.test)
        if c != 0 { return c }
        if a.negated != b.negated { return a.negated ? 1 : -1 }
        return 0
    }

    static func precedes(_ a: Condition, _ b: Condition) -> Bool { compare(a, b) < 0 }

    /// Groups: lexicographically by their (sorted) conditions, shorter first on a tie.
    static func compare(_ a: Group, _ b: Group) -> Int {
        for (x, y) in zip(a.conditions, b.conditions) {
            let c = compare(x, y)
            if c != 0 { return c }
        }
        return a.conditions.count == b.conditions.count ? 0 : (a.conditions.count < b.conditions.count ? -1 : 1)
    }
}
