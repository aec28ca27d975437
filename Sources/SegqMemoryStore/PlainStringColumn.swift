import SegqStore
/// A string column whose values are (nearly) all different — the ids of
/// Shopify customers, HubSpot contacts, Klaviyo profiles. Dictionary
/// encoding such a column would only add a hash table as large as the
/// strings, so the bytes are stored as they come: one arena, an offset
/// per present row. Every test is one pass over the present values.
struct PlainStringColumn: Sendable {
    let presence: Presence
    let arena: [UInt8]
    /// The k-th present row's bytes are `arena[offsets[k] ..< offsets[k + 1]]`.
    let offsets: [UInt32]

    var rowCount: Int { presence.rowCount }

    func value(at row: Int) -> String? {
        guard row >= 0 && row < rowCount && presence.contains(row) else { return nil }
        let k = presence.rank(row)
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(offsets[k]) ..< Int(offsets[k + 1])]), as: UTF8.self)
        }
    }

    /// Calls `body` with each present row and its bytes, in row order.
    func forEachValue(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        arena.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { o in
                presence.forEachPresent { row, k in
                    body(row, UnsafeBufferPointer(rebasing: a[Int(o[k]) ..< Int(o[k + 1])]))
                }
            }
        }
    }

    /// Present rows whose bytes satisfy `test`.
    func rows(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bitmap {
        var out = Bitmap(count: rowCount)
        forEachValue { row, bytes in if test(bytes) { out.insert(row) } }
        return out
    }

    var memoryFootprint: Int { presence.memoryFootprint + arena.capacity + offsets.capacity * 4 }
}

/// Collects a `PlainStringColumn` row by row (rows in increasing order).
struct PlainStringColumnBuilder {
    private var presence = BitmapBuilder()
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]

    mutating func append(_ s: String, row: Int) {
        var s = s
        s.withUTF8 { arena.append(contentsOf: $0) }
        offsets.append(UInt32(truncatingIfNeeded: arena.count))
        presence.insert(row)
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>, row: Int) {
        arena.append(contentsOf: bytes)
        offsets.append(UInt32(truncatingIfNeeded: arena.count))
        presence.insert(row)
    }

    func build(rowCount: Int) -> PlainStringColumn {
        PlainStringColumn(presence: Presence(presence.build(count: rowCount)), arena: arena.compacted(),
                          offsets: offsets.compacted())
    }
}
