import SegqStore
/// A string column whose values are (nearly) all different — the ids of
/// Shopify customers, HubSpot contacts, Klaviyo profiles. Dictionary
/// encoding such a column would only add a hash table as large as the
/// strings, so the values are stored as they come, one per present row:
/// packed into integers when every value has one `IdTextShape` (decimal
/// numbers in 4 or 8 bytes, ULIDs in 16), otherwise their bytes in one
/// arena with an offset each. Every test is one pass over the present values.
struct PlainStringColumn: Sendable {
    let presence: Presence
    private let shape: IdTextShape?
    /// Decimal values below 2³² (when every value is).
    private let numbers32: [UInt32]
    /// Other decimal values (one word each), or ULIDs (two words each).
    private let words: [UInt64]
    private let arena: [UInt8]
    /// Without a shape, the k-th present row's bytes are `arena[offsets[k] ..< offsets[k + 1]]`.
    private let offsets: [UInt32]

    fileprivate init(presence: Presence, shape: IdTextShape?, numbers32: [UInt32], words: [UInt64],
                     arena: [UInt8], offsets: [UInt32]) {
        self.presence = presence
        self.shape = shape
        self.numbers32 = numbers32
        self.words = words
        self.arena = arena
        self.offsets = offsets
    }

    var rowCount: Int { presence.rowCount }

    /// Calls `body` with the bytes of the k-th present value.
    @inline(__always)
    private func withBytes<R>(rank k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch shape {
        case nil:
            return arena.withUnsafeBufferPointer {
                body(UnsafeBufferPointer(rebasing: $0[Int(offsets[k]) ..< Int(offsets[k + 1])]))
            }
        case .decimal?:
            let v = numbers32.isEmpty ? words[k] : UInt64(numbers32[k])
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: IdTextShape.maxLength) { buffer in
                let n = IdTextShape.writeDecimal(v, into: buffer)
                return body(UnsafeBufferPointer(rebasing: buffer[0 ..< n]))
            }
        case .ulid?:
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: IdTextShape.maxLength) { buffer in
                IdTextShape.writeULID(words[2 * k], words[2 * k + 1], into: buffer)
                return body(UnsafeBufferPointer(rebasing: buffer[0 ..< IdTextShape.ulidLength]))
            }
        }
    }

    func value(at row: Int) -> String? {
        guard row >= 0 && row < rowCount && presence.contains(row) else { return nil }
        return withBytes(rank: presence.rank(row)) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with each present row and its bytes, in row order.
    func forEachValue(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        presence.forEachPresent { row, k in withBytes(rank: k) { body(row, $0) } }
    }

    /// Present rows whose bytes satisfy `test`.
    func rows(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bitmap {
        var out = Bitmap(count: rowCount)
        forEachValue { row, bytes in if test(bytes) { out.insert(row) } }
        return out
    }

    /// The smallest and largest value in byte order, found on the packed
    /// form without printing every value: ULIDs sort as their 128 bits;
    /// decimals as their digits, i.e. by the number scaled to 19 digits,
    /// then the shorter first (a prefix sorts first).
    func byteBounds() -> (low: String, high: String)? {
        guard presence.count > 0 else { return nil }
        var low = 0, high = 0
        switch shape {
        case .ulid?:
            func key(_ k: Int) -> (UInt64, UInt64) { (words[2 * k], words[2 * k + 1]) }
            var lowKey = key(0), highKey = lowKey
            for k in 1 ..< presence.count {
                let kk = key(k)
                if kk < lowKey { low = k; lowKey = kk }
                if kk > highKey { high = k; highKey = kk }
            }
        case .decimal?:
            let powers = PlainStringColumn.powersOf10, maxDigits = IdTextShape.maxDecimalDigits
            func key(_ k: Int) -> (UInt64, Int) {
                let v = numbers32.isEmpty ? words[k] : UInt64(numbers32[k])
                var digits = 1
                while digits < maxDigits && v >= powers[digits] { digits += 1 }
                return (v &* powers[maxDigits - digits], digits)
            }
            var lowKey = key(0), highKey = lowKey
            for k in 1 ..< presence.count {
                let kk = key(k)
                if kk < lowKey { low = k; lowKey = kk }
                if kk > highKey { high = k; highKey = kk }
            }
        case nil:
            return arena.withUnsafeBufferPointer { a in
                func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: a[Int(offsets[k]) ..< Int(offsets[k + 1])])
                }
                for k in 1 ..< presence.count {
                    if bytes(k).lexicographicallyPrecedes(bytes(low)) { low = k }
                    if bytes(high).lexicographicallyPrecedes(bytes(k)) { high = k }
                }
                return (String(decoding: bytes(low), as: UTF8.self), String(decoding: bytes(high), as: UTF8.self))
            }
        }
        return (withBytes(rank: low) { String(decoding: $0, as: UTF8.self) },
                withBytes(rank: high) { String(decoding: $0, as: UTF8.self) })
    }

    /// 10⁰ … 10¹⁹.
    private static let powersOf10: [UInt64] = (0 ... 19).map { (0 ..< $0).reduce(UInt64(1)) { p, _ in p &* 10 } }

    var memoryFootprint: Int {
        presence.memoryFootprint + numbers32.capacity * 4 + words.capacity * 8 + arena.capacity + offsets.capacity * 4
    }
}

/// Collects a `PlainStringColumn` row by row (rows in increasing order).
/// Values are packed while they all share the first value's shape; the
/// first that does not turns the column back into bytes.
struct PlainStringColumnBuilder {
    private var presence = BitmapBuilder()
    private var shape: IdTextShape?
    private var undecided = true
    private var words: [UInt64] = []
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]
    private var largestDecimal: UInt64 = 0

    /// Makes room for `n` packed values (of up to two words) on rows below `rows`.
    mutating func reserveCapacity(_ n: Int, rows: Int) {
        presence.reserveCapacity(rows: rows)
        words.reserveCapacity(2 * n)
    }

    mutating func append(_ s: String, row: Int) {
        var s = s
        s.withUTF8 { append(bytes: $0, row: row) }
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>, row: Int) {
        presence.insert(row)
        if undecided {
            shape = IdTextShape.of(bytes)
            undecided = false
        }
        switch shape {
        case .decimal?:
            if let v = IdTextShape.decimal(bytes) {
                words.append(v)
                largestDecimal = max(largestDecimal, v)
                return
            }
        case .ulid?:
            if let (hi, lo) = IdTextShape.ulid(bytes) {
                words.append(hi)
                words.append(lo)
                return
            }
        case nil:
            break
        }
        if shape != nil { unpackAll() }
        arena.append(contentsOf: bytes)
        offsets.append(UInt32(truncatingIfNeeded: arena.count))
    }

    /// Turns the values packed so far into bytes: a value of another shape came.
    private mutating func unpackAll() {
        let done = PlainStringColumn(presence: Presence(Bitmap(count: 0)), shape: shape, numbers32: [], words: words,
                                     arena: [], offsets: [])
        let n = shape == .ulid ? words.count / 2 : words.count
        var arena: [UInt8] = [], offsets: [UInt32] = [0]
        arena.reserveCapacity(n * IdTextShape.maxLength)
        offsets.reserveCapacity(n + 1)
        done.forEachPacked(count: n) { bytes in
            arena.append(contentsOf: bytes)
            offsets.append(UInt32(truncatingIfNeeded: arena.count))
        }
        self.arena = arena
        self.offsets = offsets
        words = []
        shape = nil
    }

    func build(rowCount: Int) -> PlainStringColumn {
        let presence = Presence(presence.build(count: rowCount))
        if shape == .decimal && largestDecimal <= UInt64(UInt32.max) {
            return PlainStringColumn(presence: presence, shape: .decimal,
                                     numbers32: words.map { UInt32(truncatingIfNeeded: $0) }, words: [],
                                     arena: [], offsets: [])
        }
        return PlainStringColumn(presence: presence, shape: shape, numbers32: [], words: words.compacted(),
                                 arena: shape == nil ? arena.compacted() : [],
                                 offsets: shape == nil ? offsets.compacted() : [])
    }
}

extension PlainStringColumn {
    /// Calls `body` with the bytes of the first `n` packed values (no presence needed).
    fileprivate func forEachPacked(count n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for k in 0 ..< n { withBytes(rank: k, body) }
    }
}
