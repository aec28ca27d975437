/// A 64-bit digest of one raw line of a JSON Lines friend file (the bytes
/// the record parser reads: CR and a leading byte order mark already cut),
/// the same in every process and on every machine. A store keeps it beside
/// the friend a line gave, so a later import can recognise that exact line
/// and skip parsing it (`KnownLines`).
///
/// What a line means depends only on its bytes and on this version of the
/// reader (`JSONRecordParser`, NFC normalisation, the stored form); the
/// time zone, settings and import options do not enter it. `readerVersion`
/// seeds the hash: change it whenever the reader could read some line
/// differently, and every stored line hash stops matching (those lines are
/// parsed again, once).
package enum LineHash {
    package static let readerVersion: UInt64 = 1

    private static let seed: UInt64 = 0x243F_6A88_85A3_08D3 ^ readerVersion
    private static let k1: UInt64 = 0xA076_1D64_78BD_642F
    private static let k2: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let k3: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    /// The 128-bit product of `a` and `b`, its halves folded together.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let p = a.multipliedFullWidth(by: b)
        return p.high ^ p.low
    }

    package static func of(_ line: UnsafeBufferPointer<UInt8>) -> Int64 {
        let n = line.count
        var state = seed ^ fold(UInt64(n) ^ k1, k2)
        guard let base = line.baseAddress else { return Int64(bitPattern: fold(state ^ k3, k1)) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        // Sixteen bytes per round: two words, each offset by a constant so
        // that zero words still move the state.
        while i + 16 <= n {
            let a = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let b = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            state = fold(a ^ k1 ^ state, b ^ k2)
            i += 16
        }
        // The last 1–15 bytes, zero-padded (the length is already in the state).
        var tail = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &tail) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(line)[i...]))
        }
        state = fold(UInt64(littleEndian: tail.0) ^ k3 ^ state, UInt64(littleEndian: tail.1) ^ k1)
        return Int64(bitPattern: fold(state ^ k2, k3 ^ UInt64(n)))
    }
}
