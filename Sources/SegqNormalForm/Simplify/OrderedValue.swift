import SegqSyntax
import SegqSemantics

/// A position on an ordered scale. Keys of one scale compare; keys of
/// different scales never meet.
enum OrderKey: Hashable, Comparable, Sendable {
    case int(Int64)
    case real(Double)

    static func < (a: OrderKey, b: OrderKey) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y
        case let (.real(x), .real(y)): return x < y
        case (.int, .real): return true
        case (.real, .int): return false
        }
    }
}

/// The ordered scales of `int`, `number` and `time` fields.
enum OrderScale: Hashable, Sendable {
    case integer, number
    case time(TimeScale)

    /// Whole steps: `> k` is `>= k+1` (ints, dates, relative days).
    var isDiscrete: Bool {
        switch self {
        case .integer: return true
        case .number: return false
        case .time(let t): return t.isDiscrete
        }
    }

    /// The value at an integer key, when it can be written.
    func value(at key: Int64) -> Value? {
        switch self {
        case .integer: return .int(key)
        case .number: return nil
        case .time(let t): return t.value(at: key).map(Value.time)
        }
    }
}

/// A value placed on its scale.
struct OrderedValue: Sendable {
    var scale: OrderScale
    var key: OrderKey
    var value: Value

    init?(_ value: Value, type: ValueType) {
        switch (type, value) {
        case (.int, .int(let i)): scale = .integer; key = .int(i)
        case (.number, .number(let d)): scale = .number; key = .real(d)
        case (.number, .int(let i)): scale = .number; key = .real(Double(i))
        case (.time, .time(let t)):
            let k = TimeScale.of(t)
            scale = .time(k.scale); key = .int(k.key)
        default: return nil
        }
        self.value = value
    }

    init(scale: OrderScale, key: OrderKey, value: Value) {
        self.scale = scale
        self.key = key
        self.value = value
    }

    /// The next value up (+1) or down (−1) on a discrete scale, if it exists.
    func step(_ delta: Int64) -> OrderedValue? {
        guard scale.isDiscrete, case .int(let k) = key else { return nil }
        let (n, overflow) = k.addingReportingOverflow(delta)
        guard !overflow, let v = scale.value(at: n) else { return nil }
        return OrderedValue(scale: scale, key: .int(n), value: v)
    }
}
