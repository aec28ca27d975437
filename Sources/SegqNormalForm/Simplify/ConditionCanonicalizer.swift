import SegqSyntax
import SegqSemantics

/// What one condition canonicalises to on its own, before it meets the
/// other conditions of its group.
enum CanonicalCondition: Sendable {
    case condition(Condition)
    /// The condition holds for every friend (true) or none (false), with
    /// the reason, for W0201/W0202.
    case always(Bool, reason: String)
}

/// Rewrites a single condition into its canonical form, keeping its
/// meaning for every friend (Grammar/README.md "Missing values and negation"):
/// - `oneOf` sorted and unique, a one-element list is `=`;
/// - `between v and v` is `= v`; a reversed `between` is always false;
/// - on whole-step scales (ints, dates, relative days) `> k` is `>= k+1`
///   and `< k` is `<= k-1`, also under negation;
/// - `is null` on a never-missing field is always false; on a field present
///   exactly when linked it is `not <integration>.linked`;
/// - `x = false` on a never-missing bool is `not x`;
/// - `contains ""` (and starts/ends) on a built-in string is `is not null`,
///   on a never-missing set `is not empty`; `in (false, true)` on a bool is
///   `is not null`;
/// - a negated comparison on a never-missing field is the opposite comparison;
/// - strings compared exactly are in NFC;
/// - relative times always carry their sign; numbers on `number` fields are
///   `.number`, on `int` fields `.int`.
enum ConditionCanonicalizer {
    static func canonicalize(_ input: Condition) -> CanonicalCondition {
        var c = input
        c.test = normalizedValues(c.test, type: c.type)
        // A few rewrites feed each other (`contains ""` → `is not null` →
        // `linked`); three rounds always reach the fixpoint.
        for _ in 0..<3 {
            switch step(c) {
            case .always(let b, let reason): return .always(b, reason: reason)
            case .condition(let next):
                if next == c { return .condition(next) }
                c = next
            }
        }
        return .condition(c)
    }

    private static func step(_ c: Condition) -> CanonicalCondition {
        if c.negated && !c.field.canBeMissing, let flipped = flippedComparison(c) {
            return .condition(flipped)
        }
        switch c.test {
        case .oneOf(let values):
            var sorted = values.sorted { CanonicalOrder.compare($0, $1) < 0 }
            sorted = dedupe(sorted)
            if sorted.isEmpty { return .always(c.negated, reason: "`in ()` lists no value") }
            if sorted.count == 1 { return .condition(c.with(.equals(sorted[0]))) }
            if c.type == .bool && sorted.count == 2 {
                // a bool field holds only bools: `in (false, true)` is `is not null`
                return .condition(c.with(.isNull, negated: !c.negated))
            }
            return .condition(c.with(.oneOf(sorted)))

        case .between(let a, let b):
            guard c.type != .untyped, let x = OrderedValue(a, type: c.type), let y = OrderedValue(b, type: c.type),
                  x.scale == y.scale else { return .condition(c) }
            if y.key < x.key {
                return .always(c.negated, reason: "`between` has its lower bound above its upper bound")
            }
            if x.key == y.key { return .condition(c.with(.equals(a))) }
            return .condition(c)

        case .isNull:
            if !c.field.canBeMissing {
                return .always(c.negated, reason: "`\(c.field.path)` is never missing")
            }
            if c.field.isPresentIffLinked, let integration = c.field.integration {
                return .condition(.linked(integration, c.negated, span: c.span))
            }
            return .condition(c)

        case .equals(.bool(false)) where c.type == .bool && !c.field.canBeMissing:
            return .condition(c.with(.equals(.bool(true)), negated: !c.negated))

        case .greater(let v), .less(let v):
            guard c.type != .untyped, let x = OrderedValue(v, type: c.type), x.scale.isDiscrete else { return .condition(c) }
            let isGreater: Bool
            if case .greater = c.test { isGreater = true } else { isGreater = false }
            if let next = x.step(isGreater ? 1 : -1) {
                return .condition(c.with(isGreater ? .greaterOrEqual(next.value) : .lessOrEqual(next.value)))
            }
            if x.scale == .integer {
                return .always(c.negated, reason: isGreater ? "no integer is greater than \(ValueText.of(v))"
                                                             : "no integer is less than \(ValueText.of(v))")
            }
            return .condition(c)

        case .greaterOrEqual(.int(Int64.min)) where c.type == .int,
             .lessOrEqual(.int(Int64.max)) where c.type == .int:
            return .condition(c.with(.isNull, negated: !c.negated))

        case .contains(""), .startsWith(""), .endsWith(""):
            // A string-typed property may also hold numbers or bools, which no
            // text test matches; built-in string fields hold only strings.
            if c.type == .string && c.field.builtInType == .string {
                return .condition(c.with(.isNull, negated: !c.negated))
            }
            if c.type == .stringSet && !c.field.canBeMissing {
                return .condition(c.with(.isEmpty, negated: !c.negated))
            }
            return .condition(c)

        default:
            return .condition(c)
        }
    }

    /// On a field that is never missing, a negated comparison is the
    /// opposite comparison (`not added >= D` is `added < D`). On a field
    /// that can be missing it is not (§5), and stays negated.
    private static func flippedComparison(_ c: Condition) -> Condition? {
        c.test.oppositeComparison.map { c.with($0, negated: false) }
    }

    private static func dedupe(_ sorted: [Value]) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(sorted.count)
        for v in sorted where out.last.map({ CanonicalOrder.compare($0, v) != 0 }) ?? true { out.append(v) }
        return out
    }

    /// Operands in the representation of the field's type.
    static func normalizedValues(_ test: Test, type: ValueType) -> Test {
        func n(_ v: Value) -> Value {
            switch (type, v) {
            case (.number, .int(let i)): return .number(Double(i))
            case (.int, .number(let d)) where d == d.rounded() && abs(d) < 9.2e18: return .int(Int64(d))
            case (_, .time(.relative(let r))) where !r.explicitSign:
                return .time(.relative(RelativeTime(count: r.count, unit: r.unit, explicitSign: true)))
            case (_, .number(let d)) where d == 0: return .number(0)   // no negative zero
            case (.string, .string(let s)), (.stringSet, .string(let s)): return .string(TextMatching.nfc(s))
            default: return v
            }
        }
        switch test {
        case .equals(let v): return .equals(n(v))
        case .oneOf(let vs): return .oneOf(vs.map(n))
        case .less(let v): return .less(n(v))
        case .lessOrEqual(let v): return .lessOrEqual(n(v))
        case .greater(let v): return .greater(n(v))
        case .greaterOrEqual(let v): return .greaterOrEqual(n(v))
        case .between(let a, let b): return .between(n(a), n(b))
        case .contains, .startsWith, .endsWith, .isNull, .isEmpty: return test
        }
    }
}

extension Test {
    /// The comparison true exactly where this one is false on a present
    /// value (`>=` ↔ `<`, `>` ↔ `<=`); nil for every other test.
    var oppositeComparison: Test? {
        switch self {
        case .greaterOrEqual(let v): return .less(v)
        case .greater(let v): return .lessOrEqual(v)
        case .lessOrEqual(let v): return .greater(v)
        case .less(let v): return .greaterOrEqual(v)
        default: return nil
        }
    }
}
