extension Keyword {
    /// The keyword spelled by `length` bytes at `start`, ignoring ASCII case,
    /// or nil. Allocation-free: the lexer calls it for every identifier.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> Keyword? {
        guard length >= 2, length <= 9 else { return nil }
        // Pack the lower-cased bytes of the word; `| 0x20` lower-cases ASCII
        // letters and maps no identifier byte onto a different letter.
        var packed: UInt64 = 0
        for k in 0..<min(length, 8) {
            packed |= UInt64(bytes[start + k] | 0x20) << (8 * UInt64(k))
        }
        if length == 9 {
            let last = bytes[start + 8] | 0x20
            return packed == Keyword.pack("yesterda") && last == UInt8(ascii: "y") ? .yesterday : nil
        }
        return Keyword.byPackedSpelling(packed, length: length)
    }

    /// Packs up to eight ASCII bytes little-endian.
    static func pack(_ word: StaticString) -> UInt64 {
        var packed: UInt64 = 0
        let base = word.utf8Start
        for k in 0..<min(word.utf8CodeUnitCount, 8) {
            packed |= UInt64(base[k]) << (8 * UInt64(k))
        }
        return packed
    }

    private static func byPackedSpelling(_ packed: UInt64, length: Int) -> Keyword? {
        for (keyword, spelling) in packedSpellings where spelling == packed && keyword.rawValue.utf8.count == length {
            return keyword
        }
        return nil
    }

    /// Keywords of at most eight bytes with their packed spelling.
    private static let packedSpellings: [(Keyword, UInt64)] = Keyword.allCases.compactMap { keyword in
        let utf8 = Array(keyword.rawValue.utf8)
        guard utf8.count <= 8 else { return nil }
        var packed: UInt64 = 0
        for (k, b) in utf8.enumerated() { packed |= UInt64(b) << (8 * UInt64(k)) }
        return (keyword, packed)
    }
}
