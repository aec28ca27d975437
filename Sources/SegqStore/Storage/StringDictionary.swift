/// Distinct strings, each given a dense code (0, 1, 2, … in first-seen
/// order): the bytes of all strings live in one contiguous arena, found by
/// an open-addressing hash table of codes. No per-string object exists,
/// so a million ids cost their bytes plus a few words each.
///
/// Each slot holds a code and the top 32 bits of its string's hash, so a
/// probe that meets another string is settled in the slot itself, without
/// touching the arena: interning a new string costs about one cache miss.
/// The table is kept at most three quarters full.
package struct StringDictionary: Sendable {
    private(set) var arena: [UInt8] = []
    /// `offsets[c] ..< offsets[c + 1]` are the bytes of code `c`.
    private(set) var offsets: [UInt32] = [0]
    /// `hash >> 32 << 32 | code`, or `emptySlot`.
    private var slots: [UInt64] = Array(repeating: emptySlot, count: 16)

    private static let emptySlot = UInt64.max

    package var count: Int { offsets.count - 1 }

    package init() {}

    /// Reserves room for `n` strings of about `averageLength` bytes.
    package mutating func reserveCapacity(_ n: Int, averageLength: Int = 16) {
        arena.reserveCapacity(n * averageLength)
        offsets.reserveCapacity(n + 1)
        var size = slots.count
        while size * 3 < n * 4 { size *= 2 }
        if size > slots.count { rehash(to: size) }
    }

    /// No strings, capacity kept (a block's dictionary, reused).
    package mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: StringDictionary.emptySlot) }
    }

    /// The code of these bytes, adding them when new.
    @discardableResult
    package mutating func intern(_ p: UnsafeBufferPointer<UInt8>) -> (code: Int32, inserted: Bool) {
        intern(p, hash: StringDictionary.hash(p))
    }

    /// `intern(_:)` with the bytes' `hash(_:)` already computed (e.g. on another thread).
    @discardableResult
    package mutating func intern(_ p: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (code: Int32, inserted: Bool) {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { s in
            while true {
                let slot = s[i]
                if slot == StringDictionary.emptySlot { return nil }
                if slot & 0xFFFF_FFFF_0000_0000 == tag {
                    let c = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                    if equals(c, p) { return c }
                }
                i = (i + 1) & mask
            }
        }
        if let found { return (found, false) }
        let code = Int32(count)
        arena.append(contentsOf: p)
        offsets.append(UInt32(truncatingIfNeeded: arena.count))
        if count * 4 > slots.count * 3 {
            rehash(to: slots.count * 2)
            mask = slots.count - 1
            i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != StringDictionary.emptySlot { i = (i + 1) & mask }
        }
        slots[i] = tag | UInt64(UInt32(bitPattern: code))
        return (code, true)
    }

    @discardableResult
    package mutating func intern(_ s: String) -> (code: Int32, inserted: Bool) {
        var s = s
        return s.withUTF8 { intern($0) }
    }

    /// Reads the home slot of each hash, so that the interns that follow
    /// find them in cache: the loads are independent, so their cache misses
    /// overlap instead of coming one after another. Returns a value only so
    /// that the loads are not optimised away.
    package func touchSlots(_ hashes: [UInt64]) -> UInt64 {
        let mask = slots.count - 1
        var sum: UInt64 = 0
        slots.withUnsafeBufferPointer { s in
            for h in hashes { sum &+= s[Int(truncatingIfNeeded: h) & mask] }
        }
        return sum
    }

    /// The code of these bytes, or nil when absent.
    package func code(of p: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = StringDictionary.hash(p)
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == StringDictionary.emptySlot { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let c = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                if equals(c, p) { return c }
            }
            i = (i + 1) & mask
        }
    }

    package func code(of s: String) -> Int32? {
        var s = s
        return s.withUTF8 { code(of: $0) }
    }

    package func string(_ code: Int32) -> String {
        withBytes(code) { String(decoding: $0, as: UTF8.self) }
    }

    package func withBytes<R>(_ code: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let c = Int(code)
        let start = Int(offsets[c]), end = Int(offsets[c + 1])
        return try arena.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[start..<end]))
        }
    }

    package func byteCount(_ code: Int32) -> Int { Int(offsets[Int(code) + 1] - offsets[Int(code)]) }

    /// All strings in code order.
    package var strings: [String] { (0..<count).map { string(Int32($0)) } }

    /// Bytes held, for memory accounting.
    package var memoryFootprint: Int { arena.capacity + offsets.capacity * 4 + slots.capacity * 8 }

    /// Gives back unused capacity once building is over.
    package mutating func shrink() {
        arena = arena.compacted()
        offsets = offsets.compacted()
    }

    private func equals(_ c: Int32, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[Int(c)]), end = Int(offsets[Int(c) + 1])
        guard end - start == p.count else { return false }
        if p.count == 0 { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmpBytes(a.baseAddress! + start, p.baseAddress!, p.count)
        }
    }

    private mutating func rehash(to size: Int) {
        var fresh = [UInt64](repeating: StringDictionary.emptySlot, count: size)
        let mask = size - 1
        arena.withUnsafeBufferPointer { a in
            fresh.withUnsafeMutableBufferPointer { f in
                for c in 0..<count {
                    let p = UnsafeBufferPointer(rebasing: a[Int(offsets[c])..<Int(offsets[c + 1])])
                    let h = StringDictionary.hash(p)
                    var i = Int(truncatingIfNeeded: h) & mask
                    while f[i] != StringDictionary.emptySlot { i = (i + 1) & mask }
                    f[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(c))
                }
            }
        }
        slots = fresh
    }

    /// A fast 64-bit hash of a byte string (8 bytes at a time, multiply-xor mixing).
    @inline(__always)
    package static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = p.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard let base = p.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }
}

extension Array {
    /// A copy whose capacity is its count (`Array(self)` would share the buffer).
    package func compacted() -> [Element] {
        if capacity == count { return self }
        return withUnsafeBufferPointer { Array($0) }
    }
}

@inline(__always)
package func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            != UnsafeRawPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
