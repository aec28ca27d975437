/// A 64-bit digest of everything a store keeps of one friend, the same in
/// every process and on every machine (unlike `Hasher`), so a store can
/// keep it beside the friend and an import can tell an unchanged record
/// from a changed one without reading the stored friend back.
///
/// Pass the friend as stored: strings in NFC, set values without repeats.
/// Every field is written with its length or a presence mark, so no two
/// different friends are spelled alike; properties are taken in name order.
public struct FriendContentHash {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    public static func of(_ friend: Friend) -> Int64 {
        var h = FriendContentHash()
        h.text(friend.id)
        h.optionalText(friend.name)
        h.int(friend.addedAt)
        h.list(friend.tags)
        if let shopify = friend.shopify {
            h.int(1)
            h.optionalText(shopify.id)
            h.list(shopify.tags)
            h.int(shopify.purchases)
            h.optionalInt(shopify.lastPurchaseAt)
            h.optionalInt(shopify.abandonedCartAt)
        } else {
            h.int(0)
        }
        for crm in [friend.hubspot, friend.klaviyo] {
            guard let crm else { h.int(0); continue }
            h.int(1)
            h.optionalText(crm.id)
            h.list(crm.lists)
            h.int(Int64(crm.properties.count))
            for name in crm.properties.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                h.text(name)
                switch crm.properties[name]! {
                case .string(let s): h.int(1); h.text(s)
                case .number(let n): h.int(2); h.word(n.bitPattern)
                case .bool(let b): h.int(3); h.int(b ? 1 : 0)
                }
            }
        }
        return Int64(bitPattern: h.finish())
    }

    private mutating func word(_ w: UInt64) {
        // One round of a multiply-rotate mix (as in MurmurHash3's 64-bit body).
        var k = w &* 0x87C3_7B91_1142_53D5
        k = (k << 31) | (k >> 33)
        k = k &* 0x4CF5_AD43_2745_937F
        state ^= k
        state = ((state << 27) | (state >> 37)) &* 5 &+ 0x52DC_E729
    }

    private mutating func int(_ v: Int64) { word(UInt64(bitPattern: v)) }

    private mutating func optionalInt(_ v: Int64?) {
        if let v { int(1); int(v) } else { int(0) }
    }

    private mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            word(UInt64(bytes.count))
            var i = 0
            while i + 8 <= bytes.count {
                word(UInt64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            word(tail)
        }
    }

    private mutating func optionalText(_ s: String?) {
        if let s { int(1); text(s) } else { int(0) }
    }

    private mutating func list(_ values: [String]) {
        int(Int64(values.count))
        for v in values { text(v) }
    }

    /// MurmurHash3's 64-bit finaliser.
    private func finish() -> UInt64 {
        var h = state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
