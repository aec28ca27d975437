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
/// `Double`): values of present rows in row order (`OrderedValues`, as
/// narrow as they allow), plus the present rows
/// sorted by value, so a range is two binary searches giving a run of
/// sorted positions `lo ..< hi`.
///
/// Turning that run into a bitmap without touching every row: the column
/// keeps *checkpoints*, the bitmaps of the rows at sorted positions below
/// a few positions p₁ < p₂ < … spread about `step` apart. The rows of a run
/// are `prefix(hi) − prefix(lo)`, each prefix being the nearest
/// checkpoint with the rows in between added or removed. Checkpoints sit
/// where the value changes (a range's bounds always do), so on a column
/// with few distinct values (purchases) a range is exact from two
/// checkpoints, and on any column a prefix is at most `step / 2` flips
/// away. A run whose rows are fewer than that work is set row by row; so
/// are small columns, which keep no checkpoints. When the values already
/// ascend with the rows and every row is present (friends imported in the
/// order they were added), positions are rows and no sorted copy is kept.
struct OrderedColumn<V: Comparable & Sendable>: Sendable {
    let presence: Presence
    let values: OrderedValues<V>
    /// Present rows ordered by value (ties by row); nil when positions are rows.
    let sortedRows: [Int32]?
    /// Checkpoint `i` holds the rows at sorted positions `< checkpointPositions[i]`.
    let checkpoints: [Bitmap]
    let checkpointPositions: [Int]
    let step: Int
    /// Number of distinct values, counted once when the column is built.
    let distinctCount: Int
    /// Word passes a checkpoint answer costs, in rows: a run with fewer rows
    /// (plus the checkpoints' flips) is set row by row.
    let directRunLimit: Int

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
        let wordCount = (rowCount + 63) >> 6
        let hi = nearest(bounds.upperBound), lo = nearest(bounds.lowerBound)
        if checkpoints.isEmpty || bounds.count <= directRunLimit + hi.flips + lo.flips {
            var words = [UInt64](repeating: 0, count: wordCount)
            words.withUnsafeMutableBufferPointer { w in
                sortedRows.withUnsafeBufferPointer { s in
                    for i in bounds { OrderedColumn.flip(w, Int(s[i])) }
                }
            }
            return Bitmap(words: words, count: rowCount)
        }
        // prefix(hi) − prefix(lo), each from its nearest checkpoint: flip the
        // rows between the checkpoint and the bound (each is in exactly one
        // of the two, so adding and removing are the same flip).
        var words = hi.base?.words ?? [UInt64](repeating: 0, count: wordCount)
        let loBase = lo.base?.words ?? []
        words.withUnsafeMutableBufferPointer { w in
            loBase.withUnsafeBufferPointer { l in
                for i in 0 ..< min(w.count, l.count) { w[i] &= ~l[i] }
            }
            sortedRows.withUnsafeBufferPointer { s in
                for i in hi.from ..< hi.to { OrderedColumn.flip(w, Int(s[i])) }
                // prefix(lo) = loBase ± s[from ..< to]: rows below lo left in
                // are removed; rows at lo or above removed with loBase are restored.
                for i in lo.from ..< lo.to { OrderedColumn.flip(w, Int(s[i])) }
            }
        }
        return Bitmap(words: words, count: rowCount)
    }

    @inline(__always)
    private static func flip(_ w: UnsafeMutableBufferPointer<UInt64>, _ row: Int) {
        w[row >> 6] ^= UInt64(1) << UInt64(row & 63)
    }

    /// Words `firstWord ..< firstWord + n` of the rows whose value lies in
    /// `lower ... upper`, tested row by row. With `filter`, only the rows
    /// already set in `out` are tested and the others stay clear.
    func fillRows(from lower: V, through upper: V, firstWord: Int, words n: Int,
                  into out: UnsafeMutablePointer<UInt64>, filter: Bool) {
        var rank = presence.rank(firstWord << 6)
        let v = values
        presence.bitmap.words.withUnsafeBufferPointer { p in
            for j in 0 ..< n {
                let present = p[firstWord + j]
                var bits: UInt64 = 0
                if filter {
                    var x = present & out[j]
                    while x != 0 {
                        let t = x.trailingZeroBitCount
                        let value = v[rank + (present & ((UInt64(1) << UInt64(t)) &- 1)).nonzeroBitCount]
                        if value >= lower && value <= upper { bits |= UInt64(1) << UInt64(t) }
                        x &= x &- 1
                    }
                } else {
                    var x = present, r = rank
                    while x != 0 {
                        let value = v[r]
                        if value >= lower && value <= upper { bits |= UInt64(1) << UInt64(x.trailingZeroBitCount) }
                        r += 1
                        x &= x &- 1
                    }
                }
                rank += present.nonzeroBitCount
                out[j] = bits
            }
        }
    }

    /// prefix(`k`) as the nearest checkpoint (nil for the empty set, or every
    /// present row) and the positions `from ..< to` between it and `k`.
    func nearest(_ k: Int) -> (base: Bitmap?, from: Int, to: Int, flips: Int) {
        // The greatest checkpoint position ≤ k, and the next one.
        var lo = 0, hi = checkpointPositions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if checkpointPositions[mid] <= k { lo = mid + 1 } else { hi = mid }
        }
        let belowIndex = lo - 1
        let below = belowIndex >= 0 ? checkpointPositions[belowIndex] : 0
        let above = lo < checkpointPositions.count ? checkpointPositions[lo] : presentCount
        if k - below <= above - k {
            return (belowIndex >= 0 ? checkpoints[belowIndex] : nil, below, k, k - below)
        }
        let base = lo < checkpoints.count ? checkpoints[lo] : presence.bitmap
        return (base, k, above, above - k)
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
        presence.memoryFootprint + values.memoryFootprint + (sortedRows?.capacity ?? 0) * 4
            + checkpoints.reduce(0) { $0 + $1.words.capacity * 8 }
    }
}

/// Collects an `OrderedColumn` row by row (rows in increasing order).
struct OrderedColumnBuilder<V: Comparable & Sendable> {
    private var presence = BitmapBuilder()
    private var values: [V] = []
    private var rows: [Int32] = []
    private var ascending = true

    /// Makes room for `n` values on rows below `rows`.
    mutating func reserveCapacity(_ n: Int, rows: Int = 0) {
        values.reserveCapacity(n)
        self.rows.reserveCapacity(n)
        presence.reserveCapacity(rows: rows)
    }

    mutating func append(_ v: V, row: Int) {
        if let last = values.last, v < last { ascending = false }
        values.append(v)
        rows.append(Int32(truncatingIfNeeded: row))
        presence.insert(row)
    }

    /// Number of distinct values, walking them in `order` (positions in
    /// ascending value order; nil when the values already ascend).
    static func distinctCount(_ values: [V], order: [Int32]?) -> Int {
        var n = 0
        values.withUnsafeBufferPointer { v in
            guard !v.isEmpty else { return }
            n = 1
            if let order {
                for i in 1 ..< order.count where v[Int(order[i])] != v[Int(order[i - 1])] { n += 1 }
            } else {
                for i in 1 ..< v.count where v[i] != v[i - 1] { n += 1 }
            }
        }
        return n
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
    /// position in one 64-bit key (times over a few years, counts; numbers
    /// that are all whole): the keys `(value − min) / unit << bits | position`
    /// sort as plain integers, several times faster than comparing through
    /// a closure (`unit` is 1,000 when every value is a whole multiple of
    /// it, as times in whole seconds are, which saves a pass). nil when the
    /// values are neither `Int64` nor whole numbers, or spread too widely.
    static func packedOrder(_ values: [V]) -> [Int32]? { packedSort(values)?.order }

    /// `packedOrder` and the number of distinct values, counted on the
    /// sorted keys (in order, so without reading the values again).
    static func packedSort(_ values: [V]) -> (order: [Int32], distinct: Int)? {
        guard let ints = wholeValues(values), let low = ints.min(), let high = ints.max() else { return nil }
        let (spread, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow else { return nil }
        let unit: UInt64 = ints.allSatisfy { UInt64(bitPattern: $0 &- low) % 1000 == 0 } ? 1000 : 1
        let bits = UInt64(max(1, Int.bitWidth - (ints.count - 1).leadingZeroBitCount))
        guard (UInt64(spread) / unit).leadingZeroBitCount >= Int(bits) else { return nil }
        var keys = [UInt64](repeating: 0, count: ints.count)
        ints.withUnsafeBufferPointer { v in
            keys.withUnsafeMutableBufferPointer { k in
                for i in v.indices { k[i] = (UInt64(bitPattern: v[i] &- low) / unit) << bits | UInt64(i) }
            }
        }
        if keys.count < 1 << 12 { keys.sort() } else { radixSort(&keys) }
        let mask = (UInt64(1) << bits) - 1
        var distinct = keys.isEmpty ? 0 : 1
        var order = [Int32](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { k in
            order.withUnsafeMutableBufferPointer { o in
                for i in k.indices {
                    o[i] = Int32(truncatingIfNeeded: k[i] & mask)
                    if i > 0 && k[i] >> bits != k[i - 1] >> bits { distinct += 1 }
                }
            }
        }
        return (order, distinct)
    }

    /// The values as integers when they are `Int64`, or numbers that are
    /// all whole and exact as integers (which order as the numbers do).
    private static func wholeValues(_ values: [V]) -> [Int64]? {
        if let ints = values as? [Int64] { return ints }
        guard let numbers = values as? [Double],
              numbers.allSatisfy({ $0.rounded(.towardZero) == $0 && abs($0) < 0x1p53 }) else { return nil }
        return numbers.map { Int64($0) }
    }

    /// Sorts unsigned keys ascending: least-significant-digit radix sort
    /// over the bits some key uses, in as few passes of at most 13 bits as
    /// cover them. Every pass's counts come from one read of the keys, and
    /// a digit all keys share is skipped.
    static func radixSort(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        let highest = keys.max() ?? 0
        let usedBits = UInt64.bitWidth - highest.leadingZeroBitCount
        guard usedBits > 0 else { return }
        let passes = (usedBits + 12) / 13
        let digitBits = (usedBits + passes - 1) / passes
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: buckets * passes)
        counts.withUnsafeMutableBufferPointer { c in
            keys.withUnsafeBufferPointer { k in
                for i in 0 ..< n {
                    let key = k[i]
                    for p in 0 ..< passes { c[p * buckets + Int((key >> UInt64(p * digitBits)) & mask)] += 1 }
                }
            }
        }
        var other = [UInt64](repeating: 0, count: n)
        var inKeys = true
        for p in 0 ..< passes {
            let sh = UInt64(p * digitBits)
            func pass(_ src: UnsafeMutableBufferPointer<UInt64>, _ dst: UnsafeMutableBufferPointer<UInt64>,
                      _ c: UnsafeMutableBufferPointer<Int>) -> Bool {
                if c[Int((src[0] >> sh) & mask)] == n { return false }
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
                return true
            }
            let moved = counts.withUnsafeMutableBufferPointer { all in
                let c = UnsafeMutableBufferPointer(rebasing: all[p * buckets ..< (p + 1) * buckets])
                return keys.withUnsafeMutableBufferPointer { k in
                    other.withUnsafeMutableBufferPointer { o in inKeys ? pass(k, o, c) : pass(o, k, c) }
                }
            }
            if moved { inKeys.toggle() }
        }
        if !inKeys { keys = other }
    }

    /// Checkpoint positions: each multiple of `step` inside `1 ..< count`
    /// moved to the nearer end of the run of equal values holding it
    /// (where a range bound can fall), without repeats or the ends.
    static func checkpointPositions(count n: Int, step: Int, sortedValue: (Int) -> V) -> [Int] {
        /// First position in `0 ..< n` whose value satisfies `isAfter`.
        func partition(_ isAfter: (V) -> Bool) -> Int {
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) >> 1
                if isAfter(sortedValue(mid)) { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        var out: [Int] = []
        var target = step
        while target < n {
            let v = sortedValue(target)
            let runStart = partition { $0 >= v }, runEnd = partition { $0 > v }
            let snapped = target - runStart <= runEnd - target ? runStart : runEnd
            if snapped > 0 && snapped < n && snapped != out.last { out.append(snapped) }
            target += step
        }
        return out
    }

    /// `checkpointThreshold`: columns with fewer present rows keep no checkpoints.
    /// `directRunLimit`: see `OrderedColumn.directRunLimit` (default two passes over the words).
    func build(rowCount: Int, checkpointThreshold: Int = OrderedColumn<V>.checkpointThreshold,
               checkpointCount: Int = OrderedColumn<V>.checkpointCount,
               directRunLimit: Int? = nil) -> OrderedColumn<V> {
        let presence = Presence(presence.build(count: rowCount))
        let n = values.count
        var sortedRows: [Int32]?
        // Values that already ascend are counted in place; others in sorted order.
        var distinct = ascending ? OrderedColumnBuilder.distinctCount(values, order: nil) : 0
        if !(ascending && presence.isFull) {
            if ascending {
                sortedRows = rows.compacted()
            } else {
                // Sort positions (indexes into `values`) by value, ties by row.
                let order: [Int32]
                if let (packed, count) = OrderedColumnBuilder.packedSort(values) {
                    order = packed
                    distinct = count
                } else {
                    order = OrderedColumnBuilder.comparedOrder(values)
                    distinct = OrderedColumnBuilder.distinctCount(values, order: order)
                }
                // With every row present, positions are rows.
                sortedRows = rows.count == rowCount ? order : order.map { rows[Int($0)] }
            }
        }
        var checkpoints: [Bitmap] = []
        var positions: [Int] = []
        var step = max(1, n)
        if let sortedRows, n >= checkpointThreshold, checkpointCount > 1 {
            let k = checkpointCount
            step = (n + k - 1) / k
            positions = values.withUnsafeBufferPointer { v in
                OrderedColumnBuilder.checkpointPositions(count: n, step: step) { i in
                    v[presence.rank(Int(sortedRows[i]))]
                }
            }
            var words = [UInt64](repeating: 0, count: (rowCount + 63) >> 6)
            var position = 0
            for target in positions {
                words.withUnsafeMutableBufferPointer { w in
                    for i in position ..< target {
                        let row = Int(sortedRows[i])
                        w[row >> 6] |= UInt64(1) << UInt64(row & 63)
                    }
                }
                position = target
                checkpoints.append(Bitmap(words: words, count: rowCount))
            }
        }
        return OrderedColumn(presence: presence, values: OrderedValues(values), sortedRows: sortedRows,
                             checkpoints: checkpoints, checkpointPositions: positions, step: step,
                             distinctCount: distinct,
                             directRunLimit: directRunLimit ?? 2 * ((rowCount + 63) >> 6))
    }
}
