/// Distinct friend ids, each given the next row (0, 1, 2, … in insertion
/// order), kept compact while an import inserts them and afterwards as
/// the in-memory store's id column.
///
/// A LINE user id — `U` and 32 lowercase hexadecimal digits — is packed
/// into two words (16 bytes instead of 33 bytes, an offset and a hash
/// slot); any other id is kept whole in a small dictionary beside them.
/// Packed ids are found through an open-addressing table of 4-byte slots,
/// each holding a row and, in the bits the row does not need, a tag from
/// the id's hash, so a probe that meets another id is mostly settled in
/// the slot without reading that id's words. Reading an id back gives
/// exactly the bytes it was inserted with.
package struct FriendIdTable: Sendable {
    /// Row `r`'s id is `words[2r], words[2r + 1]` when packed; for a row of
    /// another shape, `words[2r]` is its code in `otherIds`.
    package private(set) var words: [UInt64] = []
    private(set) var otherIds = StringDictionary()
    /// The row of each code of `otherIds`, ascending.
    package private(set) var otherRows: [Int32] = []
    /// `tag << rowBits | (row + 1)` for each packed id; 0 is empty. The
    /// table's size is `1 << rowBits`, more than the rows and at most three
    /// quarters full, so `row + 1` always fits in `rowBits`.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)
    private var rowBits = 4
    private var packedCount = 0

    package static let lineIdLength = 33

    package init() {}

    package var count: Int { words.count / 2 }

    /// Makes room for `n` ids without regrowing.
    package mutating func reserveCapacity(_ n: Int) {
        words.reserveCapacity(2 * n)
        var bits = rowBits
        while (1 << bits) * 3 < n * 4 || n >= 1 << bits { bits += 1 }
        if bits > rowBits { rehash(bits: bits) }
    }

    /// The row of these id bytes, added when new.
    @inline(__always)
    package mutating func insert(_ p: UnsafeBufferPointer<UInt8>) -> (row: Int, inserted: Bool) {
        if let (hi, lo) = FriendIdTable.pack(p) { return insert(packed: hi, lo) }
        let (code, inserted) = otherIds.intern(p)
        if !inserted { return (Int(otherRows[Int(code)]), false) }
        let row = count
        otherRows.append(Int32(truncatingIfNeeded: row))
        words.append(UInt64(UInt32(bitPattern: code)))
        words.append(0)
        return (row, true)
    }

    /// `insert(_:)` for an id already packed by `pack(_:)`.
    package mutating func insert(packed hi: UInt64, _ lo: UInt64) -> (row: Int, inserted: Bool) {
        var bits = rowBits
        while (packedCount + 1) * 4 > (1 << bits) * 3 || count + 1 >= 1 << bits { bits += 1 }
        if bits > rowBits { rehash(bits: bits) }
        let (i, found, tag) = probe(hi, lo)
        if let found { return (found, false) }
        let row = count
        words.append(hi)
        words.append(lo)
        slots[i] = tag | UInt32(truncatingIfNeeded: row + 1)
        packedCount += 1
        return (row, true)
    }

    /// Reads the home slot of each packed id, so that inserting them next
    /// finds the slots in cache: the loads are independent, so their misses
    /// overlap. Returns a value only so that the loads are kept.
    @inline(__always)
    package func touchSlots(_ count: Int, _ packed: (Int) -> (UInt64, UInt64)) -> UInt32 {
        let mask = slots.count - 1
        var sum: UInt32 = 0
        slots.withUnsafeBufferPointer { s in
            for k in 0 ..< count {
                let (hi, lo) = packed(k)
                sum &+= s[Int(truncatingIfNeeded: FriendIdTable.hash(hi, lo)) & mask]
            }
        }
        return sum
    }

    /// The row of these id bytes, if present.
    package func row(of p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let (hi, lo) = FriendIdTable.pack(p) else {
            return otherIds.code(of: p).map { Int(otherRows[Int($0)]) }
        }
        return probe(hi, lo).row
    }

    /// The slot holding the packed id `hi`, `lo` (`row`: its row), or the
    /// empty slot where it would go (`row`: nil); `tag`: the id's slot tag.
    @inline(__always)
    private func probe(_ hi: UInt64, _ lo: UInt64) -> (slot: Int, row: Int?, tag: UInt32) {
        let h = FriendIdTable.hash(hi, lo)
        let mask = slots.count - 1
        let rowMask = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(rowBits)) - 1)
        let tag = tagBits(h)
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { s in
            words.withUnsafeBufferPointer { w in
                while true {
                    let entry = s[i]
                    if entry == 0 { return (i, nil, tag) }
                    if entry & ~rowMask == tag {
                        let row = Int(entry & rowMask) - 1
                        if w[2 * row] == hi && w[2 * row + 1] == lo { return (i, row, tag) }
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    package func row(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { row(of: $0) }
    }

    /// True when `row`'s id is kept whole (not LINE-shaped).
    @inline(__always)
    package func isOther(_ row: Int) -> Bool {
        guard !otherRows.isEmpty else { return false }
        // Rows ascend: binary search for `row`.
        var lo = 0, hi = otherRows.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(otherRows[mid]) < row { lo = mid + 1 } else { hi = mid }
        }
        return lo < otherRows.count && Int(otherRows[lo]) == row
    }

    /// Calls `body` with the bytes of row `row`'s id; `other` says whether
    /// the row is kept whole (the caller may know it faster than `isOther`).
    @inline(__always)
    package func withBytes<R>(_ row: Int, other: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if other { return try otherIds.withBytes(Int32(truncatingIfNeeded: words[2 * row]), body) }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FriendIdTable.lineIdLength) { buffer in
            FriendIdTable.unpack(words[2 * row], words[2 * row + 1], into: buffer)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    package var memoryFootprint: Int {
        words.capacity * 8 + otherIds.memoryFootprint + otherRows.capacity * 4 + slots.capacity * 4
    }

    /// Gives back unused capacity once inserting is over. Words reserved
    /// for about the ids that came (an import's estimate) are kept: their
    /// spare tail was never written, so it holds no memory, and copying
    /// 16 bytes an id would cost a pass and a second copy at the peak.
    package mutating func shrink() {
        if words.capacity - words.count > words.count / 8 { words = words.compacted() }
        otherRows = otherRows.compacted()
        otherIds.shrink()
    }

    @inline(__always)
    private func tagBits(_ h: UInt64) -> UInt32 {
        guard rowBits < 32 else { return 0 }
        return UInt32(truncatingIfNeeded: h >> 40) << UInt32(rowBits)
    }

    private mutating func rehash(bits: Int) {
        rowBits = bits
        var fresh = [UInt32](repeating: 0, count: 1 << bits)
        let mask = fresh.count - 1
        let others = otherRows
        words.withUnsafeBufferPointer { w in
            fresh.withUnsafeMutableBufferPointer { f in
                var next = 0
                for row in 0 ..< w.count / 2 {
                    if next < others.count && Int(others[next]) == row { next += 1; continue }
                    let h = FriendIdTable.hash(w[2 * row], w[2 * row + 1])
                    var i = Int(truncatingIfNeeded: h) & mask
                    while f[i] != 0 { i = (i + 1) & mask }
                    f[i] = tagBits(h) | UInt32(truncatingIfNeeded: row + 1)
                }
            }
        }
        slots = fresh
    }

    // MARK: Packing

    /// The two words of a LINE-shaped id (`U` + 32 lowercase hex digits), or nil.
    @inline(__always)
    package static func pack(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard p.count == lineIdLength, p[0] == 0x55, let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base + 1)
        var valid = true
        func word(_ i: Int) -> UInt64 {
            let a = hexDigits(raw.loadUnaligned(fromByteOffset: 16 * i, as: UInt64.self), &valid)
            let b = hexDigits(raw.loadUnaligned(fromByteOffset: 16 * i + 8, as: UInt64.self), &valid)
            return a << 32 | b
        }
        let hi = word(0), lo = word(1)
        return valid ? (hi, lo) : nil
    }

    /// The value of eight lowercase hexadecimal digits loaded little-endian
    /// (the first digit in the lowest byte), eight at once without a branch
    /// per digit: random ids mix digits and letters, so branches on them
    /// mispredict. Clears `valid` when any byte is not `0-9` or `a-f`.
    @inline(__always)
    static func hexDigits(_ w: UInt64, _ valid: inout Bool) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        // For bytes below 0x80, `w + (0x80 - lo) * ones` sets a byte's top
        // bit when it is ≥ lo, and `w + (0x7F - hi) * ones` when it is > hi
        // (no carry crosses a byte).
        func inRange(_ lo: UInt64, _ hi: UInt64) -> UInt64 { (w &+ (0x80 - lo) &* ones) & ~(w &+ (0x7F - hi) &* ones) & high }
        let ok = (inRange(0x30, 0x39) | inRange(0x61, 0x66)) & ~(w & high)
        if ok != high { valid = false }
        // '0'…'9' → low nibble 0…9; 'a'…'f' → low nibble 1…6 plus 9 (bit 6 set).
        let n = (w & 0x0F0F_0F0F_0F0F_0F0F) &+ ((w >> 6) & ones) &* 9
        let pairs = ((n & 0x00FF_00FF_00FF_00FF) << 4) | ((n >> 8) & 0x00FF_00FF_00FF_00FF)
        let quads = ((pairs & 0x0000_00FF_0000_00FF) << 8) | ((pairs >> 16) & 0x0000_00FF_0000_00FF)
        return ((quads & 0xFFFF) << 16) | ((quads >> 32) & 0xFFFF)
    }

    @inline(__always)
    package static func unpack(_ hi: UInt64, _ lo: UInt64, into out: UnsafeMutableBufferPointer<UInt8>) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { d in
            out[0] = 0x55
            for i in 0 ..< 16 {
                out[1 + i] = d[Int(truncatingIfNeeded: hi >> UInt64(60 - 4 * i)) & 15]
                out[17 + i] = d[Int(truncatingIfNeeded: lo >> UInt64(60 - 4 * i)) & 15]
            }
        }
    }

    @inline(__always)
    package static func hash(_ hi: UInt64, _ lo: UInt64) -> UInt64 {
        var h = (hi ^ (lo &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
