/// Dictionary codes of a column, one per value, in as few bytes as the
/// dictionary's size allows: one byte below 256 distinct strings, two
/// below 65,536, else four. Names, tags and property values take one or
/// two bytes a value instead of four.
struct DictionaryCodes: Sendable {
    private let codes8: [UInt8]
    private let codes16: [UInt16]
    private let codes32: [Int32]
    let count: Int

    /// `codes` are all below `distinct`.
    init(_ codes: [Int32], distinct: Int) {
        count = codes.count
        if distinct <= 1 << 8 {
            codes8 = codes.map { UInt8(truncatingIfNeeded: $0) }
            codes16 = []
            codes32 = []
        } else if distinct <= 1 << 16 {
            codes8 = []
            codes16 = codes.map { UInt16(truncatingIfNeeded: $0) }
            codes32 = []
        } else {
            codes8 = []
            codes16 = []
            codes32 = codes.compacted()
        }
    }

    @inline(__always)
    subscript(i: Int) -> Int32 {
        if !codes8.isEmpty { return Int32(codes8[i]) }
        if !codes16.isEmpty { return Int32(codes16[i]) }
        return codes32[i]
    }

    var memoryFootprint: Int { codes8.capacity + codes16.capacity * 2 + codes32.capacity * 4 }
}
