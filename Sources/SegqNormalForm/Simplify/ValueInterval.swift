import SegqSyntax
import SegqSemantics

/// One end of an interval on an ordered scale.
struct Bound: Sendable {
    var key: OrderKey
    var value: Value
    /// Excludes `key` itself (`>`/`<`). Bounds on discrete scales are kept
    /// inclusive whenever the neighbouring value can be written.
    var strict: Bool
}

/// The values a positive comparison accepts, on one scale of one field:
/// `= v` is [v, v] (for a day, the whole day), `between a and b` is [a, b],
/// `>= v` is [v, ∞) and so on. A missing value is in no interval.
struct ValueInterval: Sendable {
    var scale: OrderScale
    var lower: Bound?
    var upper: Bound?

    /// The interval of a comparison test, or nil for other tests (and for
    /// operands that are not on an ordered scale).
    init?(_ test: Test, type: ValueType) {
        guard type.isOrdered else { return nil }
        func bound(_ v: Value, strict: Bool) -> (OrderScale, Bound)? {
            guard let o = OrderedValue(v, type: type) else { return nil }
            return (o.scale, Bound(key: o.key, value: v, strict: strict))
        }
        switch test {
        case .equals(let v):
            guard let (s, b) = bound(v, strict: false) else { return nil }
            scale = s; lower = b; upper = b
        case .greaterOrEqual(let v), .greater(let v):
            let strict: Bool
            if case .greater = test { strict = true } else { strict = false }
            guard let (s, b) = bound(v, strict: strict) else { return nil }
            scale = s; lower = b; upper = nil
        case .lessOrEqual(let v), .less(let v):
            let strict: Bool
            if case .less = test { strict = true } else { strict = false }
            guard let (s, b) = bound(v, strict: strict) else { return nil }
            scale = s; lower = nil; upper = b
        case .between(let a, let z):
            guard let (s, b) = bound(a, strict: false), let (s2, c) = bound(z, strict: false), s == s2 else { return nil }
            scale = s; lower = b; upper = c
        default:
            return nil
        }
        lower = lower.map { Self.inclusive($0, scale: scale, up: true) }
        upper = upper.map { Self.inclusive($0, scale: scale, up: false) }
    }

    /// `> k` as `>= k+1` (and `< k` as `<= k-1`) on discrete scales.
    private static func inclusive(_ b: Bound, scale: OrderScale, up: Bool) -> Bound {
        guard b.strict, scale.isDiscrete,
              let next = OrderedValue(scale: scale, key: b.key, value: b.value).step(up ? 1 : -1) else { return b }
        return Bound(key: next.key, value: next.value, strict: false)
    }

    var isEmpty: Bool {
        guard let lo = lower, let hi = upper else { return false }
        return hi.key < lo.key || (lo.key == hi.key && (lo.strict || hi.strict))
    }

    /// True when `a` is at least as restrictive a lower bound as `b`.
    static func lowerTighter(_ a: Bound, _ b: Bound) -> Bool {
        b.key < a.key || (a.key == b.key && (a.strict || !b.strict))
    }

    /// True when `a` is at least as restrictive an upper bound as `b`.
    static func upperTighter(_ a: Bound, _ b: Bound) -> Bool {
        a.key < b.key || (a.key == b.key && (a.strict || !b.strict))
    }

    /// The intersection; callers ensure both are on one scale. On a tie the
    /// bound that sorts first canonically is kept, so the result does not
    /// depend on the order conditions were written in.
    func intersected(with o: ValueInterval) -> ValueInterval {
        var r = self
        r.lower = Self.pick(lower, o.lower, tighter: Self.lowerTighter)
        r.upper = Self.pick(upper, o.upper, tighter: Self.upperTighter)
        return r
    }

    private static func pick(_ a: Bound?, _ b: Bound?, tighter: (Bound, Bound) -> Bool) -> Bound? {
        guard let a = a else { return b }
        guard let b = b else { return a }
        let ab = tighter(a, b), ba = tighter(b, a)
        if ab && ba { return CanonicalOrder.compare(a.value, b.value) <= 0 ? a : b }
        return ab ? a : b
    }

    /// Every value of `self` is in `o` (an empty interval is in every interval).
    func isSubset(of o: ValueInterval) -> Bool {
        if isEmpty { return true }
        if let ol = o.lower {
            guard let l = lower, Self.lowerTighter(l, ol) else { return false }
        }
        if let ou = o.upper {
            guard let u = upper, Self.upperTighter(u, ou) else { return false }
        }
        return true
    }

    func isDisjoint(from o: ValueInterval) -> Bool { intersected(with: o).isEmpty }

    /// True when the value `v` (on this scale) lies in the interval.
    func contains(_ key: OrderKey) -> Bool {
        if let l = lower, key < l.key || (key == l.key && l.strict) { return false }
        if let u = upper, u.key < key || (key == u.key && u.strict) { return false }
        return true
    }

    /// The positive tests that state this interval: `= v` for a point,
    /// `between` when both ends are inclusive, else one or two comparisons.
    var tests: [Test] {
        switch (lower, upper) {
        case (nil, nil): return []
        case let (l?, u?) where !l.strict && !u.strict:
            if l.key == u.key { return [.equals(l.value)] }
            return [.between(l.value, u.value)]
        default:
            var out: [Test] = []
            if let l = lower { out.append(l.strict ? .greater(l.value) : .greaterOrEqual(l.value)) }
            if let u = upper { out.append(u.strict ? .less(u.value) : .lessOrEqual(u.value)) }
            return out
        }
    }
}
