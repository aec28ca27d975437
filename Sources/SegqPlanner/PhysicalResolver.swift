import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore

/// Turns a normal form into the physical expression a store executes, with
/// every time resolved against one evaluation context (Grammar/README.md "Time") and
/// every derived field rewritten onto the stored column it derives from.
///
/// Contract (Grammar/README.md "Missing values and negation"): for every friend, the expression of a
/// condition is true exactly when the condition is. A positive test is
/// false on a missing value (stores guarantee this for every atom); a
/// negated condition is `.not` of its positive twin, the complement over
/// all friends, so it is true on a missing value.
///
/// Shape: no groups → `.none`; a group without conditions → `.all`;
/// otherwise `.or` of one `.and` per group, one element per condition, in
/// the normal form's order (the planner reorders).
public struct PhysicalResolver {
    public let context: EvaluationContext
    private let time: TimeResolver
    private let segments: SegmentMembership?

    public init(context: EvaluationContext, segments: SegmentMembership? = nil) {
        self.context = context
        self.time = TimeResolver(context)
        self.segments = segments
    }

    public func expression(for form: NormalForm) throws -> PhysicalExpr {
        if form.groups.isEmpty { return .none }
        if form.matchesEverybody { return .all }
        return .or(try form.groups.map { try expression(for: $0) })
    }

    public func expression(for group: Group) throws -> PhysicalExpr {
        if group.conditions.isEmpty { return .all }
        return .and(try group.conditions.map { try expression(for: $0) })
    }

    public func expression(for condition: Condition) throws -> PhysicalExpr {
        let positive = try positiveExpression(for: condition)
        return condition.negated ? PhysicalExpr.complement(of: positive) : positive
    }

    /// The expression of the condition's positive test.
    private func positiveExpression(for c: Condition) throws -> PhysicalExpr {
        switch c.field {
        case .segment:
            return try segmentExpression(c)
        case .shopifyDaysSinceLastPurchase:
            return derivedTimeExpression(c.test, field: c.field, stored: .shopifyLastPurchase)
        case .shopifyHoursSinceCartAbandoned:
            return derivedTimeExpression(c.test, field: c.field, stored: .shopifyCartAbandonedAt)
        case .shopifyAbandonedCart:
            return abandonedCartExpression(c.test)
        case .shopifyLinked: return linkedExpression(c.test, column: .shopifyLinked)
        case .hubspotLinked: return linkedExpression(c.test, column: .hubspotLinked)
        case .klaviyoLinked: return linkedExpression(c.test, column: .klaviyoLinked)
        case .added: return timeExpression(c.test, column: .added, canBeMissing: false)
        case .shopifyLastPurchase: return timeExpression(c.test, column: .shopifyLastPurchase, canBeMissing: true)
        case .shopifyCartAbandonedAt: return timeExpression(c.test, column: .shopifyCartAbandonedAt, canBeMissing: true)
        case .tag: return valueExpression(c.test, column: .tag, kind: .set, canBeMissing: false)
        case .tagKey(let key): return tagKeyExpression(c.test, key: key)
        case .shopifyTag: return valueExpression(c.test, column: .shopifyTag, kind: .set, canBeMissing: true)
        case .hubspotSegment: return valueExpression(c.test, column: .hubspotList, kind: .set, canBeMissing: true)
        case .klaviyoList: return valueExpression(c.test, column: .klaviyoList, kind: .set, canBeMissing: true)
        case .id: return valueExpression(c.test, column: .id, kind: .string, canBeMissing: false)
        case .name: return valueExpression(c.test, column: .name, kind: .string, canBeMissing: true)
        case .shopifyId: return valueExpression(c.test, column: .shopifyId, kind: .string, canBeMissing: true)
        case .hubspotId: return valueExpression(c.test, column: .hubspotId, kind: .string, canBeMissing: true)
        case .klaviyoId: return valueExpression(c.test, column: .klaviyoId, kind: .string, canBeMissing: true)
        case .shopifyPurchases: return valueExpression(c.test, column: .shopifyPurchases, kind: .int, canBeMissing: true)
        case .hubspotProperty(let p): return valueExpression(c.test, column: .hubspotProperty(p), kind: .property, canBeMissing: true)
        case .klaviyoProperty(let p): return valueExpression(c.test, column: .klaviyoProperty(p), kind: .property, canBeMissing: true)
        }
    }

    // MARK: Stored values

    /// How literals become scalars for a column.
    private enum ColumnKind {
        /// set<string>: `equals`/`oneOf` test membership.
        case set
        case string
        case int
        /// HubSpot/Klaviyo properties: numbers are stored as doubles.
        case property
    }

    private func valueExpression(_ test: Test, column: Column, kind: ColumnKind, canBeMissing: Bool) -> PhysicalExpr {
        func atom(_ p: Predicate) -> PhysicalExpr { .atom(Atom(column, p)) }
        func scalar(_ v: Value) -> Scalar? { PhysicalResolver.scalar(v, kind: kind) }
        switch test {
        case .isNull:
            return canBeMissing ? .not(atom(.present)) : .none
        case .isEmpty:
            return kind == .set ? atom(.isEmpty) : .none
        case .contains(let s): return atom(.text(.contains, s))
        case .startsWith(let s): return atom(.text(.startsWith, s))
        case .endsWith(let s): return atom(.text(.endsWith, s))
        case .equals(let v):
            guard let s = scalar(v) else { return .none }
            return atom(.equals(s))
        case .oneOf(let vs):
            let scalars = PhysicalResolver.unique(vs.compactMap(scalar))
            if scalars.isEmpty { return .none }
            return scalars.count == 1 ? atom(.equals(scalars[0])) : atom(.oneOf(scalars))
        case .less(let v):
            guard kind != .set, let s = scalar(v) else { return .none }
            return atom(.range(lower: nil, lowerInclusive: false, upper: s, upperInclusive: false))
        case .lessOrEqual(let v):
            guard kind != .set, let s = scalar(v) else { return .none }
            return atom(.range(lower: nil, lowerInclusive: false, upper: s, upperInclusive: true))
        case .greater(let v):
            guard kind != .set, let s = scalar(v) else { return .none }
            return atom(.range(lower: s, lowerInclusive: false, upper: nil, upperInclusive: false))
        case .greaterOrEqual(let v):
            guard kind != .set, let s = scalar(v) else { return .none }
            return atom(.range(lower: s, lowerInclusive: true, upper: nil, upperInclusive: false))
        case .between(let a, let b):
            guard kind != .set, let lo = scalar(a), let hi = scalar(b) else { return .none }
            if hi < lo { return .none }
            return atom(.range(lower: lo, lowerInclusive: true, upper: hi, upperInclusive: true))
        }
    }

    /// `tag.K`: a value `V` is the tag `K:V`; the key is missing when no tag
    /// starts, byte for byte, with `K:` — the tags in [`K:`, `K;`), `;`
    /// being the byte after `:`.
    private func tagKeyExpression(_ test: Test, key: String) -> PhysicalExpr {
        func tag(_ v: Value) -> Value? {
            guard case .string(let s) = v else { return nil }
            return .string(TagKeys.tag(key: key, value: s))
        }
        switch test {
        case .equals(let v):
            guard let t = tag(v) else { return .none }
            return valueExpression(.equals(t), column: .tag, kind: .set, canBeMissing: false)
        case .oneOf(let vs):
            return valueExpression(.oneOf(vs.compactMap(tag)), column: .tag, kind: .set, canBeMissing: false)
        case .isNull:
            let nfc = TextMatching.nfc(key)
            let keyed = Atom(.tag, .range(lower: .string(nfc + ":"), lowerInclusive: true,
                                          upper: .string(nfc + ";"), upperInclusive: false))
            return .not(.atom(keyed))
        default:
            // The checker allows only equality, lists and presence on a key.
            return .none
        }
    }

    /// A literal as the scalar a column compares with; nil when it can never
    /// equal a stored value of that kind (the positive test is then false).
    private static func scalar(_ value: Value, kind: ColumnKind) -> Scalar? {
        switch (value, kind) {
        case (.string(let s), _): return .string(TextMatching.nfc(s))
        case (.int(let i), .property): return .number(Double(i))
        case (.int(let i), _): return .int(i)
        case (.number(let d), .int):
            if d.isFinite, d == d.rounded(), abs(d) < 9.2e18 { return .int(Int64(d)) }
            return .number(d)
        case (.number(let d), _): return .number(d)
        case (.bool(let b), _): return .bool(b)
        case (.time, _): return nil
        }
    }

    private static func unique(_ scalars: [Scalar]) -> [Scalar] {
        var seen = Set<Scalar>()
        return scalars.filter { seen.insert($0).inserted }
    }

    // MARK: Times

    private func timeExpression(_ test: Test, column: Column, canBeMissing: Bool) -> PhysicalExpr {
        switch test {
        case .isNull:
            return canBeMissing ? .not(.atom(Atom(column, .present))) : .none
        case .oneOf(let values):
            return .anyOf(values.map { timeExpression(.equals($0), column: column, canBeMissing: canBeMissing) })
        default:
            guard let interval = time.interval(for: test) else { return .none }
            return PhysicalExpr.within(interval, column: column)
        }
    }

    /// `days_since_last_purchase` and `hours_since_cart_abandoned` as ranges
    /// of the stored time (TimeResolver.storedTimeIntervals); missing exactly
    /// when the stored time is.
    private func derivedTimeExpression(_ test: Test, field: Field, stored: Column) -> PhysicalExpr {
        if case .isNull = test { return .not(.atom(Atom(stored, .present))) }
        guard let intervals = time.storedTimeIntervals(forDerived: field, test: test) else { return .none }
        return .anyOf(intervals.map { PhysicalExpr.within($0, column: stored) })
    }

    // MARK: Booleans

    /// `shopify.abandoned_cart`: true when a cart abandonment time is stored,
    /// false when linked without one, missing when not linked.
    private func abandonedCartExpression(_ test: Test) -> PhysicalExpr {
        let linked = PhysicalExpr.atom(Atom(.shopifyLinked, .present))
        let abandoned = PhysicalExpr.atom(Atom(.shopifyCartAbandonedAt, .present))
        func equals(_ v: Value) -> PhysicalExpr {
            switch v {
            case .bool(true): return abandoned
            case .bool(false): return .and([linked, .not(abandoned)])
            default: return .none
            }
        }
        switch test {
        case .isNull: return .not(linked)
        case .equals(let v): return equals(v)
        case .oneOf(let vs): return .anyOf(vs.map(equals))
        default: return .none
        }
    }

    /// `*.linked`: never missing.
    private func linkedExpression(_ test: Test, column: Column) -> PhysicalExpr {
        let linked = PhysicalExpr.atom(Atom(column, .present))
        func equals(_ v: Value) -> PhysicalExpr {
            switch v {
            case .bool(true): return linked
            case .bool(false): return .not(linked)
            default: return .none
            }
        }
        switch test {
        case .equals(let v): return equals(v)
        case .oneOf(let vs): return .anyOf(vs.map(equals))
        default: return .none
        }
    }

    // MARK: Segments

    /// `segment` is the set of saved segments a friend belongs to; never missing.
    private func segmentExpression(_ c: Condition) throws -> PhysicalExpr {
        func member(_ name: String) throws -> PhysicalExpr {
            guard let segments else {
                throw EvaluationError.diagnostic(.error(.unknownSegment, "unknown segment `\(name)`: the store has no saved segments",
                                                        at: c.span ?? Span(offset: 0, length: 0)))
            }
            return try segments.expression(forSegment: name, referencedAt: c.span)
        }
        func matching(_ matches: (String) -> Bool) throws -> PhysicalExpr {
            let names = try segments?.segmentNames() ?? []
            return .anyOf(try names.filter(matches).map(member))
        }
        switch c.test {
        case .equals(let v):
            guard case .string(let name) = v else { return .none }
            return try member(name)
        case .oneOf(let vs):
            return .anyOf(try vs.compactMap(\.stringValue).map(member))
        case .contains(let s): return try matching { TextMatching.contains($0, s) }
        case .startsWith(let s): return try matching { TextMatching.startsWith($0, s) }
        case .endsWith(let s): return try matching { TextMatching.endsWith($0, s) }
        case .isEmpty: return PhysicalExpr.complement(of: try matching { _ in true })
        case .isNull, .less, .lessOrEqual, .greater, .greaterOrEqual, .between: return .none
        }
    }
}

extension PhysicalExpr {
    /// OR of the alternatives: `.none` when there are none, the one itself when single.
    static func anyOf(_ alternatives: [PhysicalExpr]) -> PhysicalExpr {
        let kept = alternatives.filter { $0 != .none }
        if kept.contains(.all) { return .all }
        if kept.isEmpty { return .none }
        return kept.count == 1 ? kept[0] : .or(kept)
    }

    /// The complement over all friends, folding constants.
    static func complement(of e: PhysicalExpr) -> PhysicalExpr {
        switch e {
        case .all: return .none
        case .none: return .all
        case .not(let inner): return inner
        default: return .not(e)
        }
    }

    /// A stored time within an interval: false on a missing value.
    static func within(_ interval: MillisecondInterval, column: Column) -> PhysicalExpr {
        if interval.isEmpty { return .none }
        if interval.lower == nil && interval.upper == nil { return .atom(Atom(column, .present)) }
        return .atom(Atom(column, .range(lower: interval.lower.map(Scalar.int), lowerInclusive: true,
                                         upper: interval.upper.map(Scalar.int), upperInclusive: true)))
    }
}
