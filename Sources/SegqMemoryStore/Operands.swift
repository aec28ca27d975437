import SegqStore
/// The three kinds of value a scalar operand can be compared with: an
/// operand only ever matches stored values of its own kind (`int` and
/// `number` are one numeric kind), as in the SQLite store.
enum OperandKind: Hashable {
    case string, numeric, bool
}

extension Scalar {
    var operandKind: OperandKind {
        switch self {
        case .string: return .string
        case .int, .number: return .numeric
        case .bool: return .bool
        }
    }

    /// The string operand in NFC (stored strings are NFC).
    var nfcString: String? {
        if case .string(let s) = self { return s.nfcNormalized }
        return nil
    }

    var boolOperand: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var doubleOperand: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .number(let d): return d.isNaN ? nil : (d == 0 ? 0 : d)
        default: return nil
        }
    }

    /// The integer equal to this numeric operand, if there is one.
    var exactInt64: Int64? {
        switch self {
        case .int(let i): return i
        case .number(let d): return Int64(exactly: d)
        default: return nil
        }
    }
}

/// A range predicate's bounds, sorted by what they can match.
enum RangeOperands {
    /// No bound: every present value.
    case unbounded
    /// Both bounds of one kind (or one bound).
    case bounds(OperandKind)
    /// Bounds of different kinds: nothing matches.
    case mismatched

    init(_ lower: Scalar?, _ upper: Scalar?) {
        switch (lower?.operandKind, upper?.operandKind) {
        case (nil, nil): self = .unbounded
        case (let k?, nil), (nil, let k?): self = .bounds(k)
        case (let a?, let b?): self = a == b ? .bounds(a) : .mismatched
        }
    }
}

enum NumericRange {
    private static let twoTo63 = 9_223_372_036_854_775_808.0

    /// The `Int64` values `v` with `lower ≤/< v ≤/< upper` as an inclusive
    /// range; nil when no integer can match. Fractional bounds round
    /// inwards (`v >= 2.5` is `v >= 3`). Bounds must be numeric.
    static func int64(_ lower: Scalar?, _ lowerInclusive: Bool,
                      _ upper: Scalar?, _ upperInclusive: Bool) -> ValueRange<Int64>? {
        var r = ValueRange<Int64>(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)
        switch lower {
        case nil: break
        case .int(let x)?:
            if lowerInclusive { r.lower = x } else {
                guard x < Int64.max else { return nil }
                r.lower = x + 1
            }
        case .number(let d)?:
            guard !d.isNaN else { return nil }
            if d >= twoTo63 { return nil }
            if d >= -twoTo63 {
                let bound = lowerInclusive ? d.rounded(.up) : d.rounded(.down) + 1
                if bound >= twoTo63 { return nil }
                r.lower = Int64(bound)
            }
        default: return nil
        }
        switch upper {
        case nil: break
        case .int(let x)?:
            if upperInclusive { r.upper = x } else {
                guard x > Int64.min else { return nil }
                r.upper = x - 1
            }
        case .number(let d)?:
            guard !d.isNaN else { return nil }
            if d < -twoTo63 { return nil }
            if d < twoTo63 {
                let bound = upperInclusive ? d.rounded(.down) : d.rounded(.up) - 1
                if bound < -twoTo63 { return nil }
                r.upper = Int64(bound)
            }
        default: return nil
        }
        return r.isEmpty ? nil : r
    }

    /// The same range over `Double` values; nil when bounds are not numeric or NaN.
    static func double(_ lower: Scalar?, _ lowerInclusive: Bool,
                       _ upper: Scalar?, _ upperInclusive: Bool) -> ValueRange<Double>? {
        var r = ValueRange<Double>(lower: nil, lowerInclusive: lowerInclusive, upper: nil, upperInclusive: upperInclusive)
        if let lower {
            guard let d = lower.doubleOperand else { return nil }
            r.lower = d
        }
        if let upper {
            guard let d = upper.doubleOperand else { return nil }
            r.upper = d
        }
        return r.isEmpty ? nil : r
    }
}

/// A range over strings compared by their UTF-8 bytes (the order of
/// Unicode scalars, as SQLite's binary collation).
struct ByteStringRange {
    var lower: [UInt8]?
    var lowerInclusive: Bool
    var upper: [UInt8]?
    var upperInclusive: Bool

    /// nil when a bound is not a string.
    init?(_ lower: Scalar?, _ lowerInclusive: Bool, _ upper: Scalar?, _ upperInclusive: Bool) {
        if let lower {
            guard let s = lower.nfcString else { return nil }
            self.lower = Array(s.utf8)
        }
        if let upper {
            guard let s = upper.nfcString else { return nil }
            self.upper = Array(s.utf8)
        }
        self.lowerInclusive = lowerInclusive
        self.upperInclusive = upperInclusive
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let lower {
            let c = ByteStringRange.compare(bytes, lower)
            if c < 0 || (c == 0 && !lowerInclusive) { return false }
        }
        if let upper {
            let c = ByteStringRange.compare(bytes, upper)
            if c > 0 || (c == 0 && !upperInclusive) { return false }
        }
        return true
    }

    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        for i in 0 ..< n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
