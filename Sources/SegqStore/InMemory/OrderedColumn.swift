/// Bounds of a range test on an ordered column; a nil bound is open.
struct ValueRange<V: Comparable> {
    var lower: V?
    var lowerInclusive: Bool
    var upper: V?
    var upperInclusive: Bool

    static func exactly(_ v: V) -> ValueRange { ValueRange(lower: v, lowerInclusive: true, upper: v, upperInclusive: true) }

    @inline(__always)
    func contains(_ v: V) -> Bool {
        if let lower { if lowerInclusive ? v < lower : v <= lower { return false } }
        if let upper { if upperInclusive ? v > upper : v >= upper { return false } }
        return true
    }

    /// True when no value can satisfy both bounds.
    var isEmpty: Bool {
        guard let lower, let upper else { return false }
        return lower > upper || (lower == upper && !(lowerInclusive && upperInclusive))
    }
}

/// An ordered column (times and integers as `Int64`, number properties as
/// `Double`): values of present rows in row order, plus the present rows
/// sorted by value, so a range is two binary searches. A selective range
/// sets bits from the sorted rows; a broad one scans the values. When the
/// values already ascend with the rows (friends imported in the order they
/// were added) no sorted copy is kept and a range is a run of rows.
struct OrderedColumn<V: Comparable & Sendable>: Sendable {
    let presence: Presence
    let values: [V]
    /// Present rows ordered by value; nil when row order is already sorted.
    let sortedRows: [Int32]?

    var rowCount: Int { presence.rowCount }
    var presentCount: Int { presence.count }

    func value(at row: Int) -> V? {
        guard presence.contains(row) else { return nil }
        return values[presence.rank(row)]
    }

    /// The value at position `i` of the sorted order.
    @inline(__always)
    func sortedValue(_ i: Int) -> V {
        guard let sortedRows else { return values[i] }
        return values[presence.rank(Int(sortedRows[i]))]
    }

    /// Positions `lo ..< hi` of the sorted order whose values are in `range`.
    func sortedBounds(_ range: ValueRange<V>) -> Range<Int> {
        let n = presentCount
        if range.isEmpty { return 0 ..< 0 }
        var lo = 0
        if let lower = range.lower {
            lo = partition(n) { range.lowerInclusive ? $0 >= lower : $0 > lower }
        }
        var hi = n
        if let upper = range.upper {
            hi = partition(n) { range.upperInclusive ? $0 > upper : $0 >= upper }
        }
        return lo ..< max(lo, hi)
    }

    /// First position whose value satisfies `isAfter` (values ascend).
    private func partition(_ n: Int, _ isAfter: (V) -> Bool) -> Int {
        var lo = 0, hi = n
        while lo < hi {
            let mid = (lo + hi) >> 1
            if isAfter(sortedValue(mid)) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Number of rows in `range` (exact).
    func count(_ range: ValueRange<V>) -> Int { sortedBounds(range).count }

    /// Rows whose value is in `range`.
    func rows(_ range: ValueRange<V>) -> Bitmap {
        let bounds = sortedBounds(range)
        var out = Bitmap(count: rowCount)
        if bounds.isEmpty { return out }
        if bounds.count == presentCount { return presence.bitmap }
        guard let sortedRows else {
            if presence.isFull { out.insertRange(bounds); return out }
            return scan(range)
        }
        // Random bit sets beat a scan while the result is sparse.
        if bounds.count * 8 < presentCount {
            sortedRows.withUnsafeBufferPointer { s in
                for i in bounds { out.insert(Int(s[i])) }
            }
            return out
        }
        return scan(range)
    }

    /// Tests every present value.
    func scan(_ range: ValueRange<V>) -> Bitmap {
        var words = [UInt64](repeating: 0, count: (rowCount + 63) >> 6)
        values.withUnsafeBufferPointer { v in
            words.withUnsafeMutableBufferPointer { w in
                if presence.isFull {
                    var row = 0
                    for wi in w.indices {
                        var bits: UInt64 = 0
                        let end = min(64, rowCount - row)
                        for j in 0 ..< end where range.contains(v[row + j]) { bits |= 1 << UInt64(j) }
                        w[wi] = bits
                        row += 64
                    }
                } else {
                    var rank = 0
                    presence.bitmap.words.withUnsafeBufferPointer { p in
                        for wi in p.indices {
                            var present = p[wi]
                            var bits: UInt64 = 0
                            while present != 0 {
                                let j = present.trailingZeroBitCount
                                if range.contains(v[rank]) { bits |= 1 << UInt64(j) }
                                rank += 1
                                present &= present &- 1
                            }
                            w[wi] = bits
                        }
                    }
                }
            }
        }
        return Bitmap(words: words, count: rowCount)
    }

    var minimum: V? { presentCount > 0 ? sortedValue(0) : nil }
    var maximum: V? { presentCount > 0 ? sortedValue(presentCount - 1) : nil }

    /// Equi-depth histogram: up to `buckets` (lower, upper, rows) with rows spread evenly.
    func histogram(buckets: Int) -> [(lower: V, upper: V, count: Int)] {
        let n = presentCount
        guard n > 0, buckets > 0 else { return [] }
        let b = min(buckets, n)
        var out: [(V, V, Int)] = []
        var start = 0
        for k in 1 ... b {
            let end = k * n / b
            if end > start { out.append((sortedValue(start), sortedValue(end - 1), end - start)) }
            start = end
        }
        return out
    }

    var memoryFootprint: Int {
        presence.memoryFootprint + values.capacity * MemoryLayout<V>.stride + (sortedRows?.capacity ?? 0) * 4
    }
}

/// Collects an `OrderedColumn` row by row (rows in increasing order).
struct OrderedColumnBuilder<V: Comparable & Sendable> {
    private var presence = BitmapBuilder()
    private var values: [V] = []
    private var rows: [Int32] = []
    private var ascending = true

    mutating func reserveCapacity(_ n: Int) {
        values.reserveCapacity(n)
        rows.reserveCapacity(n)
    }

    mutating func append(_ v: V, row: Int) {
        if let last = values.last, v < last { ascending = false }
        values.append(v)
        rows.append(Int32(row))
        presence.insert(row)
    }

    func build(rowCount: Int) -> OrderedColumn<V> {
        let presence = Presence(presence.build(count: rowCount))
        var sortedRows: [Int32]?
        if !ascending {
            var pairs = [(V, Int32)]()
            pairs.reserveCapacity(values.count)
            for i in values.indices { pairs.append((values[i], rows[i])) }
            pairs.sort { $0.0 < $1.0 }
            sortedRows = pairs.map { $0.1 }
        }
        return OrderedColumn(presence: presence, values: Array(values), sortedRows: sortedRows)
    }
}
