import SegqSemantics

/// Sorted, duplicate-free lists of operands (the values of `in (…)`),
/// ordered by `CanonicalOrder`.
enum ValueList {
    static func sorted(_ values: [Value]) -> [Value] {
        if values.count < 2 { return values }
        var out: [Value] = []
        out.reserveCapacity(values.count)
        for v in values.sorted(by: { CanonicalOrder.compare($0, $1) < 0 })
        where out.last.map({ CanonicalOrder.compare($0, v) != 0 }) ?? true {
            out.append(v)
        }
        return out
    }

    static func contains(_ list: [Value], _ v: Value) -> Bool {
        list.contains { CanonicalOrder.compare($0, v) == 0 }
    }

    static func intersection(_ a: [Value], _ b: [Value]) -> [Value] { a.filter { contains(b, $0) } }
    static func subtracting(_ a: [Value], _ b: [Value]) -> [Value] { a.filter { !contains(b, $0) } }
    static func union(_ a: [Value], _ b: [Value]) -> [Value] { sorted(a + b) }
    static func isSubset(_ a: [Value], of b: [Value]) -> Bool { a.allSatisfy { contains(b, $0) } }

    /// `= v` for one value, `in (…)` for several.
    static func test(_ values: [Value]) -> Test {
        values.count == 1 ? .equals(values[0]) : .oneOf(values)
    }
}

extension Test {
    /// The values of a positive `=`/`in` test.
    var listedValues: [Value]? {
        switch self {
        case .equals(let v): return [v]
        case .oneOf(let vs): return vs
        default: return nil
        }
    }

    var isTextTest: Bool {
        switch self {
        case .contains, .startsWith, .endsWith: return true
        default: return false
        }
    }

    var isNullTest: Bool { if case .isNull = self { return true } else { return false } }
    var isEmptyTest: Bool { if case .isEmpty = self { return true } else { return false } }

    /// Whether a present string value passes this text test.
    func textMatches(_ s: String) -> Bool? {
        switch self {
        case .contains(let p): return TextMatching.contains(s, p)
        case .startsWith(let p): return TextMatching.startsWith(s, p)
        case .endsWith(let p): return TextMatching.endsWith(s, p)
        default: return nil
        }
    }
}
