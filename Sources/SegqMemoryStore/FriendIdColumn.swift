import SegqStore

/// The friends' ids, row by row (row `r` holds the `r`-th distinct id).
///
/// A LINE user id — `U` and 32 lowercase hexadecimal digits — is packed
/// into two words (16 bytes instead of 33 bytes, an offset and a hash
/// slot); any other id is kept whole in a small dictionary beside them.
/// Finding a row by id goes through an open-addressing table of rows,
/// four bytes a slot, hashed from the packed words. Reading an id back
/// gives exactly the bytes it was loaded with.
struct FriendIdColumn: Sendable {
    let count: Int
    /// Row `r`'s id is `words[2r], words[2r + 1]` when packed; for a row in
    /// `others`, `words[2r]` is its code in `otherIds`.
    private let words: [UInt64]
    /// Rows whose id is not LINE-shaped (empty when there are none).
    private let others: Bitmap
    private let otherIds: StringDictionary
    /// The row of each code of `otherIds`.
    private let otherRows: [Int32]
    /// Row + 1 of a packed id at its hash's slot or after it; 0 is empty.
    private let slots: [UInt32]

    static let lineIdLength = 33

    /// The ids of `dictionary` in code order: code `c` becomes row `c`.
    init(_ dictionary: StringDictionary) {
        let n = dictionary.count
        var words = [UInt64](repeating: 0, count: 2 * n)
        var others = Bitmap(count: 0)
        var otherIds = StringDictionary()
        var otherRows: [Int32] = []
        var size = 16
        while size * 3 < n * 4 { size *= 2 }
        var slots = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        words.withUnsafeMutableBufferPointer { w in
            slots.withUnsafeMutableBufferPointer { s in
                for row in 0 ..< n {
                    let packed = dictionary.withBytes(Int32(row)) { FriendIdColumn.pack($0) }
                    if let (hi, lo) = packed {
                        w[2 * row] = hi
                        w[2 * row + 1] = lo
                        var i = Int(truncatingIfNeeded: FriendIdColumn.hash(hi, lo)) & mask
                        while s[i] != 0 { i = (i + 1) & mask }
                        s[i] = UInt32(row + 1)
                    } else {
                        if others.count == 0 { others = Bitmap(count: n) }
                        others.insert(row)
                        let code = dictionary.withBytes(Int32(row)) { otherIds.intern($0).code }
                        w[2 * row] = UInt64(code)
                        otherRows.append(Int32(row))
                    }
                }
            }
        }
        otherIds.shrink()
        self.count = n
        self.words = words
        self.others = others
        self.otherIds = otherIds
        self.otherRows = otherRows
        self.slots = otherRows.count == n ? [0] : slots
    }

    /// Calls `body` with the bytes of row `row`'s id.
    @inline(__always)
    func withBytes<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if others.count != 0 && others.contains(row) {
            return try otherIds.withBytes(Int32(truncatingIfNeeded: words[2 * row]), body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FriendIdColumn.lineIdLength) { buffer in
            FriendIdColumn.unpack(words[2 * row], words[2 * row + 1], into: buffer)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    func string(at row: Int) -> String {
        withBytes(row) { String(decoding: $0, as: UTF8.self) }
    }

    /// The row of the friend with these id bytes, if any.
    func row(of p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let (hi, lo) = FriendIdColumn.pack(p) else {
            return otherIds.code(of: p).map { Int(otherRows[Int($0)]) }
        }
        guard slots.count > 1 else { return nil }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: FriendIdColumn.hash(hi, lo)) & mask
        while true {
            let entry = slots[i]
            if entry == 0 { return nil }
            let row = Int(entry) - 1
            if words[2 * row] == hi && words[2 * row + 1] == lo && (others.count == 0 || !others.contains(row)) {
                return row
            }
            i = (i + 1) & mask
        }
    }

    func row(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { row(of: $0) }
    }

    var memoryFootprint: Int {
        words.capacity * 8 + others.words.capacity * 8 + otherIds.memoryFootprint + otherRows.capacity * 4
            + slots.capacity * 4
    }

    // MARK: Packing

    /// The two words of a LINE-shaped id (`U` + 32 lowercase hex digits), or nil.
    @inline(__always)
    static func pack(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard p.count == lineIdLength, p[0] == 0x55 else { return nil }
        var hi: UInt64 = 0, lo: UInt64 = 0
        for i in 1 ... 16 {
            guard let d = hexDigit(p[i]) else { return nil }
            hi = hi << 4 | d
        }
        for i in 17 ... 32 {
            guard let d = hexDigit(p[i]) else { return nil }
            lo = lo << 4 | d
        }
        return (hi, lo)
    }

    @inline(__always)
    private static func hexDigit(_ c: UInt8) -> UInt64? {
        switch c {
        case 0x30 ... 0x39: return UInt64(c - 0x30)
        case 0x61 ... 0x66: return UInt64(c - 0x61 + 10)
        default: return nil
        }
    }

    @inline(__always)
    static func unpack(_ hi: UInt64, _ lo: UInt64, into out: UnsafeMutableBufferPointer<UInt8>) {
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
    private static func hash(_ hi: UInt64, _ lo: UInt64) -> UInt64 {
        var h = (hi ^ (lo &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
