import SegqStore
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
/// sorted by value, so a range is two binary searches giving a run of
/// sorted positions `lo ..< hi`.
///
/// Turning that run into a bitmap without touching every row: the column
/// keeps *checkpoints*, the bitmaps of the rows at sorted positions below
/// `k · step` for k = 1 … K-1. The rows of a run are
/// `prefix(hi) − prefix(lo)`, each prefix being the nearest checkpoint
/// with at most `step / 2` rows added or removed; so a range costs two
/// word passes plus at most `step` bit flips, whatever its width. Small
/// runs (and small columns, which keep no checkpoints) set their rows one
/// by one. When the values already ascend with the rows and every row is
/// present (friends imported in the order they were added), positions are
/// rows and no sorted copy is kept.
struct OrderedColumn<V: Comparable & Sendable>: Sendable {
    let presence: Presence
    let values: [V]
    /// Present rows ordered by value (ties by row); nil when positions are rows.
    let sortedRows: [Int32]?
    /// Checkpoint `k - 1` holds the rows at sorted positions `< k · step`.
    let checkpoints: [Bitmap]
    let step: Int

    /// Columns with fewer present rows keep no checkpoints.
    static var checkpointThreshold: Int { 1 << 15 }
    static var checkpointCount: Int { 16 }

    var rowCount: Int { presence.rowCount }
    var presentCount: Int { presence.count }

    func value(at row: Int) -> V? {
        guard row >= 0 && row < rowCount && presence.contains(row) else { return nil }
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
        rows(atPositions: sortedBounds(range))
    }

    /// Rows at sorted positions `bounds`.
    func rows(atPositions bounds: Range<Int>) -> Bitmap {
        var out = Bitmap(count: rowCount)
        if bounds.isEmpty { return out }
        if bounds.count == presentCount { return presence.bitmap }
        guard let sortedRows else {
            out.insertRange(bounds)
            return out
        }
        if checkpoints.isEmpty || bounds.count <= step {
            sortedRows.withUnsafeBufferPointer { s in
                for i in bounds { out.insert(Int(s[i])) }
            }
            return out
        }
        // prefix(hi) − prefix(lo), each from its nearest checkpoint.
        let (hiBase, hiFrom, hiTo, hiAdds) = nearest(bounds.upperBound)
        out = hiBase
        sortedRows.withUnsafeBufferPointer { s in
            if hiAdds { for i in hiFrom ..< hiTo { out.insert(Int(s[i])) } }
            else { for i in hiFrom ..< hiTo { out.remove(Int(s[i])) } }
        }
        let (loBase, loFrom, loTo, loAdds) = nearest(bounds.lowerBound)
        out.subtract(loBase)
        sortedRows.withUnsafeBufferPointer { s in
            if loAdds {
                // prefix(lo) = loBase + s[loFrom ..< lo]: remove those rows too.
                for i in loFrom ..< loTo { out.remove(Int(s[i])) }
            } else {
                // prefix(lo) = loBase − s[lo ..< loTo]: the part below hi was removed with loBase; restore it.
                for i in loFrom ..< min(loTo, bounds.upperBound) { out.insert(Int(s[i])) }
            }
        }
        return out
    }

    /// prefix(`k`) as a checkpoint plus (`adds`) or minus the rows at positions `from ..< to`.
    private func nearest(_ k: Int) -> (Bitmap, Int, Int, Bool) {
        let q = k / step
        let below = q * step
        let aboveIndex = q + 1
        let above = min(aboveIndex * step, presentCount)
        if k - below <= above - k || aboveIndex > checkpoints.count + 1 {
            return (checkpoint(q), below, k, true)
        }
        return (checkpoint(aboveIndex), k, above, false)
    }

    /// Rows at sorted positions below `min(k · step, presentCount)`.
    private func checkpoint(_ k: Int) -> Bitmap {
        if k <= 0 { return Bitmap(count: rowCount) }
        if k - 1 < checkpoints.count { return checkpoints[k - 1] }
        return presence.bitmap
    }

    var minimum: V? { presentCount > 0 ? sortedValue(0) : nil }
    var maximum: V? { presentCount > 0 ? sortedValue(presentCount - 1) : nil }

    /// Number of distinct values (one pass over the sorted order).
    var distinctCount: Int {
        var n = 0
        var last: V?
        for i in 0 ..< presentCount {
            let v = sortedValue(i)
            if v != last { n += 1; last = v }
        }
        return n
    }

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
            + checkpoints.reduce(0) { $0 + $1.words.capacity * 8 }
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
        rows.append(Int32(truncatingIfNeeded: row))
        presence.insert(row)
    }

    /// Positions ordered by value, ties by position, with a comparison sort.
    static func comparedOrder(_ values: [V]) -> [Int32] {
        var order = [Int32](0 ..< Int32(truncatingIfNeeded: values.count))
        values.withUnsafeBufferPointer { v in
            order.sort { a, b in
                let x = v[Int(a)], y = v[Int(b)]
                return x < y || (x == y && a < b)
            }
        }
        return order
    }

    /// The same order for integers whose spread leaves room for the
    /// position in one 64-bit key (times over a few years, counts): the
    /// keys `(value − min) << bits | position` sort as plain integers,
    /// several times faster than comparing through a closure. nil when
    /// the values are not `Int64` or spread too widely.
    static func packedOrder(_ values: [V]) -> [Int32]? {
        guard let ints = values as? [Int64], let low = ints.min(), let high = ints.max() else { return nil }
        let bits = UInt64(max(1, Int.bitWidth - (ints.count - 1).leadingZeroBitCount))
        let (spread, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, UInt64(spread).leadingZeroBitCount >= Int(bits) else { return nil }
        var keys = [UInt64](repeating: 0, count: ints.count)
        ints.withUnsafeBufferPointer { v in
            keys.withUnsafeMutableBufferPointer { k in
                for i in v.indices { k[i] = UInt64(v[i] &- low) << bits | UInt64(i) }
            }
        }
        if keys.count < 1 << 12 { keys.sort() } else { radixSort(&keys) }
        let mask = (UInt64(1) << bits) - 1
        return keys.map { Int32(truncatingIfNeeded: $0 & mask) }
    }

    /// Sorts unsigned keys ascending: least-significant-digit radix sort,
    /// 11 bits a pass, only over the bits some key uses.
    static func radixSort(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        let highest = keys.max() ?? 0
        let usedBits = UInt64.bitWidth - highest.leadingZeroBitCount
        let digitBits = 11, buckets = 1 << 11
        var other = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: buckets)
        var shift = 0
        var inKeys = true
        while shift < usedBits {
            let sh = UInt64(shift)
            let mask = UInt64(buckets - 1)
            func pass(_ src: UnsafeMutableBufferPointer<UInt64>, _ dst: UnsafeMutableBufferPointer<UInt64>,
                      _ c: UnsafeMutableBufferPointer<Int>) {
                for i in 0 ..< buckets { c[i] = 0 }
                for i in 0 ..< n { c[Int((src[i] >> sh) & mask)] += 1 }
                var total = 0
                for i in 0 ..< buckets {
                    let k = c[i]
                    c[i] = total
                    total += k
                }
                for i in 0 ..< n {
                    let key = src[i]
                    let d = Int((key >> sh) & mask)
                    dst[c[d]] = key
                    c[d] += 1
                }
            }
            counts.withUnsafeMutableBufferPointer { c in
                keys.withUnsafeMutableBufferPointer { k in
                    other.withUnsafeMutableBufferPointer { o in
                        if inKeys { pass(k, o, c) } else { pass(o, k, c) }
                    }
                }
            }
            inKeys.toggle()
            shift += digitBits
        }
        if !inKeys { keys = other }
    }

    /// `checkpointThreshold`: columns with fewer present rows keep no checkpoints.
    func build(rowCount: Int, checkpointThreshold: Int = OrderedColumn<V>.checkpointThreshold,
               checkpointCount: Int = OrderedColumn<V>.checkpointCount) -> OrderedColumn<V> {
        let presence = Presence(presence.build(count: rowCount))
        let n = values.count
        var sortedRows: [Int32]?
        if !(ascending && presence.isFull) {
            if ascending {
                sortedRows = rows.compacted()
            } else {
                // Sort positions (indexes into `values`) by value, ties by row.
                let order = OrderedColumnBuilder.packedOrder(values) ?? OrderedColumnBuilder.comparedOrder(values)
                sortedRows = order.map { rows[Int($0)] }
            }
        }
        var checkpoints: [Bitmap] = []
        var step = max(1, n)
        if let sortedRows, n >= checkpointThreshold, checkpointCount > 1 {
            let k = checkpointCount
            step = (n + k - 1) / k
            var running = Bitmap(count: rowCount)
            var position = 0
            while position + step < n {
                for i in position ..< position + step { running.insert(Int(sortedRows[i])) }
                position += step
                checkpoints.append(running)
            }
        }
        return OrderedColumn(presence: presence, values: values.compacted(), sortedRows: sortedRows,
                             checkpoints: checkpoints, step: step)
    }
}
