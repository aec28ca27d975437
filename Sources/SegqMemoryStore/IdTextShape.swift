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

    /// The value of one character of Crockford's base 32 (digits, then the
    /// capitals without I, L, O and U), computed without a branch on the
    /// character: ids mix digits and letters at random, so branches on them
    /// mispredict. Sets `invalid` when the character is not one.
    @inline(__always)
    private static func crockfordValue(_ c: UInt8, _ invalid: inout UInt8) -> UInt64 {
        let digit = c &- 0x30, letter = c &- 0x41
        let skipped: UInt8 = (c > 0x49 ? 1 : 0) &+ (c > 0x4C ? 1 : 0) &+ (c > 0x4F ? 1 : 0) &+ (c > 0x55 ? 1 : 0)
        let excluded = c == 0x49 || c == 0x4C || c == 0x4F || c == 0x55
        invalid |= digit < 10 || (letter < 26 && !excluded) ? 0 : 1
        return digit < 10 ? UInt64(digit) : UInt64(letter &+ 10 &- skipped)
    }

    /// The 128 bits of a ULID as (high, low) words.
    @inline(__always)
    static func ulid(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard p.count == ulidLength else { return nil }
        var invalid: UInt8 = 0
        let first = crockfordValue(p[0], &invalid)
        var hi: UInt64 = 0, lo = first
        for i in 1 ..< ulidLength {
            let d = crockfordValue(p[i], &invalid)
            hi = hi << 5 | lo >> 59
            lo = lo << 5 | d
        }
        return invalid == 0 && first <= 7 ? (hi, lo) : nil
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
