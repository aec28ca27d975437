/// A set of row ids `0 ..< count`, one bit per row in 64-bit words: the
/// currency of in-memory evaluation. Bits at or beyond `count` are always
/// zero, so `cardinality` and `complement` are exact.
public struct Bitmap: Hashable, Sendable, CustomStringConvertible {
    public private(set) var words: [UInt64]
    /// The number of rows the bitmap ranges over (not the number set).
    public let count: Int

    /// The empty set over `count` rows.
    public init(count: Int) {
        self.count = max(0, count)
        self.words = [UInt64](repeating: 0, count: (self.count + 63) >> 6)
    }

    /// Every row of `count`.
    public static func all(_ count: Int) -> Bitmap {
        var b = Bitmap(count: count)
        b.insertRange(0 ..< b.count)
        return b
    }

    /// The given rows (rows outside `0 ..< count` are ignored).
    public init(count: Int, rows: some Sequence<Int>) {
        self.init(count: count)
        for r in rows where r >= 0 && r < self.count { insert(r) }
    }

    package init(words: [UInt64], count: Int) {
        self.words = words
        self.count = count
        clearTail()
    }

    public func contains(_ row: Int) -> Bool {
        guard row >= 0 && row < count else { return false }
        return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    public subscript(row: Int) -> Bool { contains(row) }

    /// Adds `row`; rows outside `0 ..< count` are ignored.
    public mutating func insert(_ row: Int) {
        guard row >= 0 && row < count else { return }
        words[row >> 6] |= 1 << UInt64(row & 63)
    }

    public mutating func remove(_ row: Int) {
        guard row >= 0 && row < count else { return }
        words[row >> 6] &= ~(1 << UInt64(row & 63))
    }

    /// Adds every row of `range` (clamped to `0 ..< count`).
    public mutating func insertRange(_ range: Range<Int>) {
        let lo = max(0, range.lowerBound), hi = min(count, range.upperBound)
        guard lo < hi else { return }
        let firstWord = lo >> 6, lastWord = (hi - 1) >> 6
        let firstMask = UInt64.max << UInt64(lo & 63)
        let lastMask = UInt64.max >> UInt64(63 - ((hi - 1) & 63))
        words.withUnsafeMutableBufferPointer { w in
            if firstWord == lastWord {
                w[firstWord] |= firstMask & lastMask
                return
            }
            w[firstWord] |= firstMask
            var i = firstWord + 1
            while i < lastWord { w[i] = .max; i += 1 }
            w[lastWord] |= lastMask
        }
    }

    /// The number of rows in the set (popcount).
    public var cardinality: Int {
        words.withUnsafeBufferPointer { w in
            var total = 0
            for x in w { total &+= x.nonzeroBitCount }
            return total
        }
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    // MARK: Set algebra (operands must range over the same count)

    public mutating func formIntersection(_ other: Bitmap) {
        combine(other) { $0 & $1 }
    }

    public mutating func formUnion(_ other: Bitmap) {
        combine(other) { $0 | $1 }
    }

    /// Removes the rows of `other` (and-not).
    public mutating func subtract(_ other: Bitmap) {
        combine(other) { $0 & ~$1 }
    }

    public func intersection(_ other: Bitmap) -> Bitmap { var b = self; b.formIntersection(other); return b }
    public func union(_ other: Bitmap) -> Bitmap { var b = self; b.formUnion(other); return b }
    public func subtracting(_ other: Bitmap) -> Bitmap { var b = self; b.subtract(other); return b }

    /// Every row of `0 ..< count` not in the set.
    public func complement() -> Bitmap {
        var b = self
        b.formComplement()
        return b
    }

    public mutating func formComplement() {
        words.withUnsafeMutableBufferPointer { w in
            for i in w.indices { w[i] = ~w[i] }
        }
        clearTail()
    }

    /// Number of rows in both sets, without building the intersection.
    public func intersectionCount(_ other: Bitmap) -> Int {
        let n = min(words.count, other.words.count)
        return words.withUnsafeBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                var total = 0
                for i in 0 ..< n { total &+= (a[i] & b[i]).nonzeroBitCount }
                return total
            }
        }
    }

    @inline(__always)
    private mutating func combine(_ other: Bitmap, _ op: (UInt64, UInt64) -> UInt64) {
        let n = min(words.count, other.words.count)
        words.withUnsafeMutableBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                for i in 0 ..< n { a[i] = op(a[i], b[i]) }
                // Rows beyond `other` count as absent in `other`.
                if n < a.count {
                    for i in n ..< a.count { a[i] = op(a[i], 0) }
                }
            }
        }
        clearTail()
    }

    private mutating func clearTail() {
        // Resize first: masking a short array's last word (a builder that
        // stopped growing early) would clear rows that are in range.
        let needed = (count + 63) >> 6
        if words.count > needed { words.removeLast(words.count - needed) }
        if words.count < needed { words += [UInt64](repeating: 0, count: needed - words.count) }
        let extra = count & 63
        if extra != 0, !words.isEmpty {
            words[words.count - 1] &= (1 << UInt64(extra)) - 1
        }
    }

    // MARK: Iteration

    /// Calls `body` with each row in the set, in increasing order.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        try words.withUnsafeBufferPointer { w in
            for i in w.indices {
                var x = w[i]
                while x != 0 {
                    try body(i << 6 | x.trailingZeroBitCount)
                    x &= x &- 1
                }
            }
        }
    }

    /// The first `limit` rows of the set in increasing order (all when nil);
    /// stops scanning once it has them.
    public func rows(limit: Int? = nil) -> [Int] {
        var out: [Int] = []
        let cap = limit ?? Int.max
        guard cap > 0 else { return out }
        words.withUnsafeBufferPointer { w in
            for i in w.indices {
                var x = w[i]
                while x != 0 {
                    out.append(i << 6 | x.trailingZeroBitCount)
                    if out.count == cap { return }
                    x &= x &- 1
                }
            }
        }
        return out
    }

    public var description: String {
        let shown = rows(limit: 20).map(String.init).joined(separator: ", ")
        return "Bitmap(\(cardinality) of \(count): [\(shown)\(cardinality > 20 ? ", …" : "")])"
    }
}

/// Builds a bitmap by setting rows in increasing order, growing as needed.
package struct BitmapBuilder {
    package private(set) var words: [UInt64] = []

    package init() {}

    @inline(__always)
    package mutating func insert(_ row: Int) {
        let w = row >> 6
        while w >= words.count { words.append(0) }
        words[w] |= 1 << UInt64(row & 63)
    }

    /// Makes room for rows below `rows` without regrowing.
    package mutating func reserveCapacity(rows: Int) {
        words.reserveCapacity((rows + 63) >> 6)
    }

    /// The bitmap over `count` rows, its words allocated exactly.
    package func build(count: Int) -> Bitmap {
        let needed = (max(0, count) + 63) >> 6
        var exact = [UInt64](repeating: 0, count: needed)
        let n = min(needed, words.count)
        exact.withUnsafeMutableBufferPointer { e in
            words.withUnsafeBufferPointer { w in
                for i in 0 ..< n { e[i] = w[i] }
            }
        }
        return Bitmap(words: exact, count: max(0, count))
    }
}

/// The bitmap is the row set of the in-memory engine and of the SQLite
/// engine's stored row bitmaps.
extension Bitmap: RowSet {}
