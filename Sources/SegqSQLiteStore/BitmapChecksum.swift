/// The checksum stored beside each row bitmap (`row_bitmaps.checksum`),
/// so a damaged bitmap is found before it gives a wrong count: SQLite's
/// own `integrity_check` looks at pages and records, never at what a BLOB
/// means.
///
/// FNV-1a over 64-bit little-endian words (then the trailing bytes), seeded
/// with the length, with an xor-shift after each multiply. Each step is a
/// bijection of the running value, so changing any one word (any number of
/// bits in it) always changes the result; it costs about a nanosecond a
/// word, microseconds for a million-friend bitmap.
enum BitmapChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> Int64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        for i in 0..<words {
            h = (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) &* prime
            h ^= h >> 29
        }
        for i in (words * 8)..<bytes.count {
            h = (h ^ UInt64(bytes[i])) &* prime
        }
        return Int64(bitPattern: h)
    }

    static func of(_ bytes: [UInt8]) -> Int64 {
        bytes.withUnsafeBytes { of($0) }
    }
}
