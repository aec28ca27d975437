import SegqSyntax

/// The written form of a test, one case per cell column of Grammar/README.md "Tests by type"
/// (negated forms are distinct because the table lists them explicitly).
/// Used to decide which tests a type allows, for messages and completion.
public enum TestForm: String, Hashable, Sendable, CaseIterable {
    case bare = "bare field"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case notIn = "not in"
    case between = "between"
    case notBetween = "not between"
    case contains = "contains"
    case notContains = "not contains"
    case startsWith = "starts with"
    case notStartsWith = "not starts with"
    case endsWith = "ends with"
    case notEndsWith = "not ends with"
    case isNull = "is null"
    case isNotNull = "is not null"
    case isEmpty = "is empty"
    case isNotEmpty = "is not empty"
    case within = "within"
    /// Sets: has every one of the values.
    case all = "all"

    /// The form of a written test (`nil`: a bare field).
    public init(_ test: TestSyntax?) {
        guard let test else { self = .bare; return }
        switch test {
        case .compare(let op, _):
            switch op {
            case .equal: self = .equal
            case .notEqual: self = .notEqual
            case .less: self = .less
            case .lessOrEqual: self = .lessOrEqual
            case .greater: self = .greater
            case .greaterOrEqual: self = .greaterOrEqual
            }
        case .in(let negated, _): self = negated ? .notIn : .in
        case .between(let negated, _, _): self = negated ? .notBetween : .between
        case .text(let negated, let match, _):
            switch match {
            case .contains: self = negated ? .notContains : .contains
            case .startsWith: self = negated ? .notStartsWith : .startsWith
            case .endsWith: self = negated ? .notEndsWith : .endsWith
            }
        case .isNull(let negated): self = negated ? .isNotNull : .isNull
        case .isEmpty(let negated): self = negated ? .isNotEmpty : .isEmpty
        case .within: self = .within
        case .all: self = .all
        }
    }
}

extension ValueType {
    /// The tests Grammar/README.md "Tests by type" allows on a value of this type. Untyped
    /// properties (no store) allow every test some property type allows
    /// (string, number or bool), including a bare field (read as `= true`).
    public func allows(_ form: TestForm) -> Bool {
        switch form {
        case .isNull, .isNotNull, .equal, .notEqual: return true
        case .bare: return self == .bool || self == .untyped
        case .in, .notIn: return self != .time && self != .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .between, .notBetween:
            return self == .int || self == .number || self == .time || self == .untyped
        case .contains, .notContains, .startsWith, .notStartsWith, .endsWith, .notEndsWith:
            return self == .string || self == .stringSet || self == .untyped
        case .isEmpty, .isNotEmpty: return self == .stringSet
        case .within: return self == .time
        case .all: return self == .stringSet
        }
    }

    /// The row of Grammar/README.md "Tests by type", for messages: "`=` `!=` `in` …".
    var allowedTestsDescription: String {
        switch self {
        case .string: return "`=`, `!=`, `in`, `not in`, `contains`, `starts with`, `ends with`, `is [not] null`"
        case .int, .number: return "`=`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `not in`, `between`, `is [not] null`"
        case .time: return "`=`, `!=`, `<`, `<=`, `>`, `>=`, `between`, `within`, `is [not] null`"
        case .bool: return "the bare field, `= true`, `= false`, `!=`, `is [not] null`"
        case .stringSet:
            return "`=` (has), `!=` (lacks), `in` (has any), `not in` (has none), `all` (has every), `contains`, `starts with`, "
                + "`ends with`, `is [not] empty`, `is [not] null`"
        case .untyped:
            return "`=`, `!=`, `in`, `not in`, `<`, `<=`, `>`, `>=`, `between`, `contains`, `starts with`, "
                + "`ends with`, `is [not] null`"
        }
    }
}
