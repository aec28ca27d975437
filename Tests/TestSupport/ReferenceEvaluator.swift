import SegqSyntax
import SegqSemantics
import SegqStore
import SegqNormalForm

/// The test oracle: a naive evaluator of a typed query over friends that
/// follows Grammar/README.md "Fields", "Tests by type", "Missing values and negation" and "Time" literally, one friend and one condition at a
/// time. It shares only the definitions of the semantics (`TimeResolver`
/// for days and instants; periods it resolves itself with Foundation's
/// calendar, `ReferencePeriods`, `TextMatching` for case-insensitive text), never
/// the normaliser, the planner or a store, so it can judge all of them.
///
/// Rules, as written in the spec:
/// - A field's value is either present or missing (Grammar/README.md "Fields", "missing when").
/// - A positive test on a missing value is false; a negated test is its
///   exact complement, so true on a missing value (Grammar/README.md "Missing values and negation"). `is null` is true
///   exactly on a missing value.
/// - `not q` is the complement of `q`.
/// - Strings compare exactly (canonical equivalence, i.e. NFC); text tests
///   ignore case. Sets: `=` has, `in` has any, text tests: some element.
/// - A property holds values of one kind per friend; a test whose operand
///   is of another kind is false for it (a number never equals a string).
/// - `segment` is the set of saved segments whose members include the friend.
public struct ReferenceEvaluator: Sendable {
    public let context: EvaluationContext
    /// Saved segment name → ids of its members (evaluated beforehand).
    public let segmentMembers: [String: Set<String>]
    private let time: TimeResolver
    private let periods: ReferencePeriods

    public init(context: EvaluationContext, segmentMembers: [String: Set<String>] = [:]) {
        self.context = context
        self.segmentMembers = segmentMembers
        self.time = TimeResolver(context)
        self.periods = ReferencePeriods(context: context)
    }

    /// [start, end) of a day or instant operand (a point covers one millisecond).
    private func instantBounds(_ v: TimeValue) -> (start: Int64, end: Int64) {
        let from = time.interval(for: .greaterOrEqual(.time(v)))?.lower ?? Int64.min
        let through = time.interval(for: .lessOrEqual(.time(v)))?.upper ?? Int64.max
        return (from, through == Int64.max ? through : through + 1)
    }

    /// The ids of the friends the query matches, in the friends' order.
    public func matchingIDs(_ query: TypedQuery, in friends: [Friend]) -> [String] {
        friends.filter { matches(query.root, $0) }.map(\.id)
    }

    /// The ids of the friends a normal form matches (an OR of ANDs).
    public func matchingIDs(_ normalForm: NormalForm, in friends: [Friend]) -> [String] {
        friends.filter { friend in
            normalForm.groups.contains { group in group.conditions.allSatisfy { holds($0, for: friend) } }
        }.map(\.id)
    }

    /// Whether the query matches one friend.
    public func matches(_ query: TypedQuery, _ friend: Friend) -> Bool {
        matches(query.root, friend)
    }

    public func matches(_ node: QueryNode, _ friend: Friend) -> Bool {
        switch node {
        case .condition(let c): return holds(c, for: friend)
        case .and(let children, _): return children.allSatisfy { matches($0, friend) }
        case .or(let children, _): return children.contains { matches($0, friend) }
        case .not(let inner, _): return !matches(inner, friend)
        case .constant(let b): return b
        }
    }

    /// One condition: the positive test, complemented when negated.
    public func holds(_ condition: Condition, for friend: Friend) -> Bool {
        let positive = positiveTest(condition, value(of: condition.field, for: friend))
        return condition.negated ? !positive : positive
    }

    // MARK: - Field values

    /// A field's value for one friend; nil when missing.
    enum FieldValue {
        case string(String)
        case int(Int64)
        case number(Double)
        case bool(Bool)
        case time(Int64)
        case set([String])
    }

    /// A field's value with every string in NFC (Grammar/README.md "Tests by type": strings
    /// compare in Unicode NFC, whatever form the data was given in).
    func value(of field: Field, for f: Friend) -> FieldValue? {
        switch rawValue(of: field, for: f) {
        case .string(let s)?: return .string(TextMatching.nfc(s))
        case .set(let elements)?: return .set(elements.map(TextMatching.nfc))
        case let other: return other
        }
    }

    private func rawValue(of field: Field, for f: Friend) -> FieldValue? {
        switch field {
        case .id: return .string(f.id)
        case .name: return f.name.map(FieldValue.string)
        case .added: return .time(f.addedAt)
        case .tag: return .set(f.tags)
        case .tagKey(let key):
            // The values of the tags `key:…`; no such tag: missing.
            let values = TagKeys.values(of: TextMatching.nfc(key), inTags: f.tags.map(TextMatching.nfc))
            return values.isEmpty ? nil : .set(values)
        case .segment:
            return .set(segmentMembers.filter { $0.value.contains(f.id) }.map(\.key))
        case .shopifyLinked: return .bool(f.shopify != nil)
        case .shopifyId: return f.shopify?.id.map(FieldValue.string)
        case .shopifyTag: return f.shopify.map { .set($0.tags) }
        case .shopifyPurchases: return f.shopify.map { .int($0.purchases) }
        case .shopifyLastPurchase: return f.shopify?.lastPurchaseAt.map(FieldValue.time)
        case .shopifyDaysSinceLastPurchase:
            return f.shopify?.lastPurchaseAt.map { .int(time.daysSince($0)) }
        case .shopifyAbandonedCart: return f.shopify.map { .bool($0.abandonedCartAt != nil) }
        case .shopifyCartAbandonedAt: return f.shopify?.abandonedCartAt.map(FieldValue.time)
        case .shopifyHoursSinceCartAbandoned:
            return f.shopify?.abandonedCartAt.map { .int(time.hoursSince($0)) }
        case .hubspotLinked: return .bool(f.hubspot != nil)
        case .hubspotId: return f.hubspot?.id.map(FieldValue.string)
        case .hubspotSegment: return f.hubspot.map { .set($0.lists) }
        case .hubspotProperty(let name): return f.hubspot?.properties[name].map(Self.propertyValue)
        case .klaviyoLinked: return .bool(f.klaviyo != nil)
        case .klaviyoId: return f.klaviyo?.id.map(FieldValue.string)
        case .klaviyoList: return f.klaviyo.map { .set($0.lists) }
        case .klaviyoProperty(let name): return f.klaviyo?.properties[name].map(Self.propertyValue)
        }
    }

    private static func propertyValue(_ p: PropertyValue) -> FieldValue {
        switch p {
        case .string(let s): return .string(s)
        case .number(let d): return .number(d)
        case .bool(let b): return .bool(b)
        }
    }

    // MARK: - Tests

    /// The positive test on a value; false on a missing value except `is null`.
    func positiveTest(_ c: Condition, _ value: FieldValue?) -> Bool {
        if case .isNull = c.test { return value == nil }
        guard let value else { return false }
        if case .set(let elements) = value { return setTest(c.test, elements) }
        if case .time(let t) = value {
            if ReferencePeriods.involvesPeriod(c.test) {
                return periods.holds(c.test, at: t, bounds: instantBounds)
            }
            guard let interval = time.interval(for: c.test) else { return false }
            return interval.contains(t)
        }
        switch c.test {
        case .equals(let v): return equal(value, v)
        case .oneOf(let vs): return vs.contains { equal(value, $0) }
        case .less(let v): return compare(value, v).map { $0 < 0 } ?? false
        case .lessOrEqual(let v): return compare(value, v).map { $0 <= 0 } ?? false
        case .greater(let v): return compare(value, v).map { $0 > 0 } ?? false
        case .greaterOrEqual(let v): return compare(value, v).map { $0 >= 0 } ?? false
        case .between(let a, let b):
            guard let lo = compare(value, a), let hi = compare(value, b) else { return false }
            return lo >= 0 && hi <= 0
        case .contains(let p): return text(value).map { TextMatching.contains($0, p) } ?? false
        case .startsWith(let p): return text(value).map { TextMatching.startsWith($0, p) } ?? false
        case .endsWith(let p): return text(value).map { TextMatching.endsWith($0, p) } ?? false
        case .isEmpty: return false
        case .isNull: return false   // handled above
        }
    }

    private func setTest(_ test: Test, _ elements: [String]) -> Bool {
        switch test {
        case .equals(.string(let v)): return elements.contains(TextMatching.nfc(v))
        case .oneOf(let vs): return vs.contains { v in v.stringValue.map { elements.contains(TextMatching.nfc($0)) } ?? false }
        case .contains(let p): return elements.contains { TextMatching.contains($0, p) }
        case .startsWith(let p): return elements.contains { TextMatching.startsWith($0, p) }
        case .endsWith(let p): return elements.contains { TextMatching.endsWith($0, p) }
        case .isEmpty: return elements.isEmpty
        default: return false
        }
    }

    private func text(_ value: FieldValue) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// Equality of a present value and an operand of the same kind; a
    /// different kind is never equal.
    private func equal(_ value: FieldValue, _ operand: Value) -> Bool {
        switch (value, operand) {
        case let (.string(a), .string(b)): return a == TextMatching.nfc(b)
        case let (.bool(a), .bool(b)): return a == b
        default: return compare(value, operand) == 0
        }
    }

    /// Three-way numeric comparison (ints exactly, otherwise as doubles);
    /// nil when the two are not both numbers.
    private func compare(_ value: FieldValue, _ operand: Value) -> Int? {
        switch (value, operand) {
        case let (.int(a), .int(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.int(a), .number(b)): return Self.compare(Double(a), b)
        case let (.number(a), .number(b)): return Self.compare(a, b)
        case let (.number(a), .int(b)): return Self.compare(a, Double(b))
        default: return nil
        }
    }

    private static func compare(_ a: Double, _ b: Double) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a == b ? 0 : 1)
    }
}
