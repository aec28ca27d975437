/// What a scalar can be compared with: `int` and `number` are one numeric
/// kind. A SQL compiler matches nothing where a scalar's kind is not the
/// column's (Grammar/README.md "Missing values and negation").
public enum ScalarKind: Hashable, Sendable {
    case string, numeric, bool
}

extension Scalar {
    public var kind: ScalarKind {
        switch self {
        case .string: return .string
        case .int, .number: return .numeric
        case .bool: return .bool
        }
    }
}

/// The kind both bounds of a range share.
public enum RangeKind: Hashable, Sendable {
    case unbounded
    case kind(ScalarKind)
    case mismatched

    public init(_ lower: Scalar?, _ upper: Scalar?) {
        switch (lower?.kind, upper?.kind) {
        case (nil, nil): self = .unbounded
        case (let k?, nil), (nil, let k?): self = .kind(k)
        case (let a?, let b?): self = a == b ? .kind(a) : .mismatched
        }
    }
}
