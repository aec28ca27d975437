import SegqSyntax

extension TimeResolver {
    /// A positive test on a derived field (`shopify.days_since_last_purchase`,
    /// `shopify.hours_since_cart_abandoned`) as instants of the stored time it
    /// derives from (`last_purchase`, `cart_abandoned_at`): the test holds
    /// exactly when the stored time lies in one of the returned intervals
    /// (a union; empty array = never). nil for other fields, or for tests
    /// that are not comparisons (`is null` maps to the stored field's).
    ///
    /// Exact for instants within ±2^62 ms; days assume local days never go
    /// backwards (true except where a zone repeats a midnight).
    public func storedTimeIntervals(forDerived field: Field, test: Test) -> [MillisecondInterval]? {
        let unit: DerivedUnit
        switch field {
        case .shopifyDaysSinceLastPurchase: unit = .days
        case .shopifyHoursSinceCartAbandoned: unit = .hours
        default: return nil
        }
        func n(_ v: Value) -> Int64? {
            switch v {
            case .int(let i): return i
            case .number(let d) where d.isFinite && d == d.rounded() && abs(d) < 9e18: return Int64(d)
            default: return nil
            }
        }
        let result: [MillisecondInterval]
        switch test {
        case .equals(let v):
            guard let a = n(v) else { return nil }
            result = [range(unit, atLeast: a, atMost: a)]
        case .oneOf(let vs):
            var out: [MillisecondInterval] = []
            for v in vs {
                guard let a = n(v) else { return nil }
                out.append(range(unit, atLeast: a, atMost: a))
            }
            result = out
        case .less(let v):
            guard let a = n(v) else { return nil }
            result = a == Int64.min ? [] : [range(unit, atLeast: nil, atMost: a - 1)]
        case .lessOrEqual(let v):
            guard let a = n(v) else { return nil }
            result = [range(unit, atLeast: nil, atMost: a)]
        case .greater(let v):
            guard let a = n(v) else { return nil }
            result = a == Int64.max ? [] : [range(unit, atLeast: a + 1, atMost: nil)]
        case .greaterOrEqual(let v):
            guard let a = n(v) else { return nil }
            result = [range(unit, atLeast: a, atMost: nil)]
        case .between(let v, let w):
            guard let a = n(v), let b = n(w) else { return nil }
            result = [range(unit, atLeast: a, atMost: b)]
        default:
            return nil
        }
        return result.filter { !$0.isEmpty }
    }

    private enum DerivedUnit { case days, hours }

    /// Stored instants whose derived value lies in [lo, hi] (nil = unbounded).
    private func range(_ unit: DerivedUnit, atLeast lo: Int64?, atMost hi: Int64?) -> MillisecondInterval {
        if let lo, let hi, lo > hi { return .empty }
        switch unit {
        case .days:
            // days(t) = today − day(t): days ≥ lo ⇔ day(t) ≤ today − lo ⇔ t < start(today − lo + 1).
            let t = today
            let upper: Int64? = lo.map { startOfDay(Saturating.add(Saturating.subtract(t, $0), 1)) }
            let lower: Int64? = hi.map { startOfDay(Saturating.subtract(t, $0)) }
            var r = MillisecondInterval(lower: lower, upper: nil)
            if let upper { r = r.intersection(.before(upper)) }
            return r.isEmpty ? .empty : r
        case .hours:
            // hours(t) = ⌊(now − t) / H⌋: hours ≥ lo ⇔ t ≤ now − lo·H; hours ≤ hi ⇔ t > now − (hi + 1)·H.
            let now = context.now
            let h = TimeResolver.millisecondsPerHour
            let upper: Int64? = lo.map { Saturating.subtract(now, Saturating.multiply($0, h)) }
            var r = MillisecondInterval(lower: nil, upper: upper)
            if let hi {
                let bound = Saturating.subtract(now, Saturating.multiply(Saturating.add(hi, 1), h))
                r = r.intersection(.after(bound))
            }
            return r.isEmpty ? .empty : r
        }
    }
}
