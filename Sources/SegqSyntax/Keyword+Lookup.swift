extension Keyword {
    /// The keyword spelled by `length` bytes at `start`, ignoring ASCII case,
    /// or nil. Allocation-free and branch-light: the lexer calls it for
    /// every word, so the lower-cased bytes are packed little-endian into one
    /// integer and matched against constants (identifier bytes are never 0,
    /// so the packed value also fixes the length).
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> Keyword? {
        guard length >= 2, length <= 9 else { return nil }
        // `| 0x20` lower-cases ASCII letters and maps no identifier byte onto a different letter.
        var packed: UInt64 = 0
        for k in 0..<min(length, 8) {
            packed |= UInt64(bytes[start + k] | 0x20) << (8 * UInt64(k))
        }
        if length == 9 {
            // "yesterda" + "y"
            return packed == 0x6164_7265_7473_6579 && bytes[start + 8] | 0x20 == UInt8(ascii: "y") ? .yesterday : nil
        }
        switch packed {
        case 0x64_6E61: return .and
        case 0x726F: return .or
        case 0x74_6F6E: return .not
        case 0x6E69: return .`in`
        case 0x6E_6565_7774_6562: return .between
        case 0x7369: return .`is`
        case 0x6C6C_756E: return .null
        case 0x79_7470_6D65: return .empty
        case 0x6575_7274: return .`true`
        case 0x65_736C_6166: return .`false`
        case 0x736E_6961_746E_6F63: return .contains
        case 0x7374_7261_7473: return .starts
        case 0x7364_6E65: return .ends
        case 0x6874_6977: return .with
        case 0x6E69_6874_6977: return .within
        case 0x79_6164_6F74: return .today
        case 0x77_6F6E: return .now
        case 0x7369_6874: return .this
        case 0x7473_616C: return .last
        case 0x6B65_6577: return .week
        case 0x68_746E_6F6D: return .month
        case 0x7261_6579: return .year
        default: return nil
        }
    }
}
