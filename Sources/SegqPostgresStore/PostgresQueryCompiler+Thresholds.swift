import SegqStore

/// A test `column < value` (or `<= value`) on a bigint column, as
/// `column < t` for an integer t, so it compares with the column's B-tree
/// and its stored bounds in the column's own type (a fractional or huge
/// value bound as a double would not use the index).
enum IntegerThreshold: Equatable {
    /// Every present value passes (t would be past the largest bigint).
    case everyValue
    /// No value passes.
    case noValue
    /// `column < t`.
    case below(Int64)

    /// `value` is numeric (an integer or a number).
    init(_ value: Scalar, inclusive: Bool) {
        switch value {
        case .int(let v):
            if !inclusive { self = .below(v) } else if v == .max { self = .everyValue } else { self = .below(v + 1) }
        case .number(let d):
            // A value below every bigint passes none; NaN sorts past every number.
            if d.isNaN { self = .everyValue; return }
            let t = inclusive ? d.rounded(.down) + 1 : d.rounded(.up)
            if t >= 9_223_372_036_854_775_808.0 { self = .everyValue } else if t <= -9_223_372_036_854_775_808.0 {
                self = .noValue
            } else {
                self = .below(Int64(t))
            }
        case .string, .bool:
            self = .noValue
        }
    }
}

extension Double {
    /// `x <= self` as `x < strictBound(inclusive: true)`: the next double up.
    func strictBound(inclusive: Bool) -> Double { inclusive ? nextUp : self }
}
