/// The values of an ordered column, present rows in row order, stored as
/// narrowly as they allow. Integers (`Int64`: times, counts) are kept as
/// unsigned offsets from the smallest value in units of their common step
/// — 1,000 for times in whole seconds, else 1 — in 1, 2 or 4 bytes when
/// the spread fits: purchases take a byte each, times of a few decades
/// four. Anything else (numbers, integers spread too widely) is kept as it is.
struct OrderedValues<V: Comparable & Sendable>: Sendable {
    private let plain: [V]
    private let narrow8: [UInt8]
    private let narrow16: [UInt16]
    private let narrow32: [UInt32]
    /// Bytes per value: 1, 2 or 4 when narrowed, 0 when `plain`.
    private let width: Int
    private let base: Int64
    private let step: Int64
    let count: Int

    init(_ values: [V]) {
        count = values.count
        var plain = values, n8: [UInt8] = [], n16: [UInt16] = [], n32: [UInt32] = []
        var width = 0, base: Int64 = 0, step: Int64 = 1
        if let ints = values as? [Int64], let low = ints.min(), let high = ints.max() {
            step = ints.allSatisfy { $0 % 1000 == 0 } ? 1000 : 1
            let (spread, overflow) = high.subtractingReportingOverflow(low)
            if !overflow {
                let units = UInt64(spread) / UInt64(step)
                base = low
                if units <= UInt64(UInt8.max) {
                    width = 1
                    n8 = ints.map { UInt8(truncatingIfNeeded: UInt64(bitPattern: $0 &- low) / UInt64(step)) }
                } else if units <= UInt64(UInt16.max) {
                    width = 2
                    n16 = ints.map { UInt16(truncatingIfNeeded: UInt64(bitPattern: $0 &- low) / UInt64(step)) }
                } else if units <= UInt64(UInt32.max) {
                    width = 4
                    n32 = ints.map { UInt32(truncatingIfNeeded: UInt64(bitPattern: $0 &- low) / UInt64(step)) }
                }
            }
            if width != 0 { plain = [] }
        }
        self.plain = plain.compacted()
        self.narrow8 = n8
        self.narrow16 = n16
        self.narrow32 = n32
        self.width = width
        self.base = base
        self.step = step
    }

    @inline(__always)
    private func widened(_ units: UInt64) -> V {
        unsafeBitCast(base &+ Int64(bitPattern: units) &* step, to: V.self)
    }

    @inline(__always)
    subscript(i: Int) -> V {
        switch width {
        case 1: return widened(UInt64(narrow8[i]))
        case 2: return widened(UInt64(narrow16[i]))
        case 4: return widened(UInt64(narrow32[i]))
        default: return plain[i]
        }
    }

    /// Bytes each value takes.
    var bytesPerValue: Int { width == 0 ? MemoryLayout<V>.stride : width }

    var memoryFootprint: Int {
        plain.capacity * MemoryLayout<V>.stride + narrow8.capacity + narrow16.capacity * 2 + narrow32.capacity * 4
    }
}
