/// Shapes of integration ids that pack into integers and read back as
/// exactly the bytes they came from: Shopify and HubSpot ids are decimal
/// numbers, Klaviyo profile ids are ULIDs (26 characters of Crockford's
/// base 32, 128 bits).
enum IdTextShape {
    /// A decimal number without sign or leading zero ("0" itself allowed),
    /// at most 19 digits, so that it fits a `UInt64` and prints back the same.
    case decimal
    /// A ULID in upper case whose first character is at most `7`.
    case ulid

    static let maxDecimalDigits = 19
    static let ulidLength = 26
    /// Bytes any packed id needs when read back.
    static let maxLength = 26

    /// The shape `p` has, if any.
    static func of(_ p: UnsafeBufferPointer<UInt8>) -> IdTextShape? {
        if decimal(p) != nil { return .decimal }
        if ulid(p) != nil { return .ulid }
        return nil
    }

    @inline(__always)
    static func decimal(_ p: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let n = p.count
        guard n >= 1, n <= maxDecimalDigits, n == 1 || p[0] != 0x30 else { return nil }
        var v: UInt64 = 0
        for b in p {
            let d = b &- 0x30
            guard d <= 9 else { return nil }
            v = v &* 10 &+ UInt64(d)
        }
        return v
    }

    /// Writes `v` in decimal into `out`; returns the length.
    @inline(__always)
    static func writeDecimal(_ v: UInt64, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var digits = 1, t = v
        while t >= 10 { t /= 10; digits += 1 }
        var x = v
        for i in stride(from: digits - 1, through: 0, by: -1) {
            out[i] = 0x30 + UInt8(truncatingIfNeeded: x % 10)
            x /= 10
        }
        return digits
    }

    private static let crockford: StaticString = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

    @inline(__always)
    private static func crockfordValue(_ c: UInt8) -> UInt64? {
        switch c {
        case 0x30 ... 0x39: return UInt64(c - 0x30)
        case 0x41 ... 0x48: return UInt64(c - 0x41 + 10)          // A–H
        case 0x4A, 0x4B: return UInt64(c - 0x4A + 18)              // J K
        case 0x4D, 0x4E: return UInt64(c - 0x4D + 20)              // M N
        case 0x50 ... 0x54: return UInt64(c - 0x50 + 22)          // P–T
        case 0x56 ... 0x5A: return UInt64(c - 0x56 + 27)          // V–Z
        default: return nil
        }
    }

    /// The 128 bits of a ULID as (high, low) words.
    @inline(__always)
    static func ulid(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard p.count == ulidLength, let first = crockfordValue(p[0]), first <= 7 else { return nil }
        var hi: UInt64 = 0, lo = first
        for i in 1 ..< ulidLength {
            guard let d = crockfordValue(p[i]) else { return nil }
            hi = hi << 5 | lo >> 59
            lo = lo << 5 | d
        }
        return (hi, lo)
    }

    /// Writes the 26 characters of a ULID into `out`.
    @inline(__always)
    static func writeULID(_ hi: UInt64, _ lo: UInt64, into out: UnsafeMutableBufferPointer<UInt8>) {
        crockford.withUTF8Buffer { alphabet in
            var h = hi, l = lo
            for i in stride(from: ulidLength - 1, through: 0, by: -1) {
                out[i] = alphabet[Int(truncatingIfNeeded: l & 31)]
                l = l >> 5 | h << 59
                h >>= 5
            }
        }
    }
}
