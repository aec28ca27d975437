import SegqSyntax

/// One positive test on one field (Grammar/README.md "Tests by type"). Negative tests are
/// `Condition.negated` on their positive twin: `!=` is negated `equals`,
/// `not in` negated `oneOf`, `is not null` negated `isNull`, and so on.
public enum Test: Hashable, Sendable {
    /// Scalars: equal. Sets: contains the element.
    case equals(Value)
    /// Scalars: equal to one of. Sets: contains any of. Values sorted, unique.
    case oneOf([Value])
    case less(Value)
    case lessOrEqual(Value)
    case greater(Value)
    case greaterOrEqual(Value)
    /// Inclusive on both ends (for days: start of the first to end of the last).
    case between(Value, Value)
    /// Case-insensitive (Unicode case folding). Sets: some element matches.
    case contains(String)
    case startsWith(String)
    case endsWith(String)
    case isNull
    /// Sets only: no elements.
    case isEmpty
}

/// A test on a field, possibly negated; the unit of the group-of-AND model.
/// Under Grammar/README.md "Missing values and negation" a positive test is false on a missing value and a
/// negated one is its exact complement (true on a missing value).
public struct Condition: Hashable, Sendable {
    public var field: Field
    /// The field's type in the schema the query was checked against.
    public var type: ValueType
    public var test: Test
    public var negated: Bool
    /// Where the condition was written; not part of its identity.
    public var span: Span?

    public init(field: Field, type: ValueType, test: Test, negated: Bool = false, span: Span? = nil) {
        self.field = field
        self.type = type
        self.test = test
        self.negated = negated
        self.span = span
    }

    public static func == (a: Condition, b: Condition) -> Bool {
        a.field == b.field && a.type == b.type && a.test == b.test && a.negated == b.negated
    }

    public func hash(into h: inout Hasher) {
        h.combine(field)
        h.combine(type)
        h.combine(test)
        h.combine(negated)
    }

    /// The complement: true exactly where this is false.
    public var complement: Condition {
        var c = self
        c.negated.toggle()
        return c
    }
}
