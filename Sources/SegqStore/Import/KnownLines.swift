/// The lines a store already holds exactly: for each friend whose stored
/// data is what one JSON Lines line gave it (its `LineHash`), that hash and
/// the friend's id. An import looks each raw line's hash up here on the
/// parsing threads and does not parse a line it finds: the friend is
/// unchanged. The id still goes through the import's duplicate check.
///
/// Filled once before reading starts, then only read (by several threads).
/// Open addressing on the hashes, each slot holding its hash beside its
/// entry (one cache line per probe); an entry number is the order of
/// `add`. LINE ids are kept packed (`FriendIdTable.pack`), others as text.
package final class KnownLines: @unchecked Sendable {
    private struct Slot {
        var hash: Int64
        /// -1: empty.
        var entry: Int32
    }
    @exclusivity(unchecked) private var slots: [Slot]
    private var mask: Int
    @exclusivity(unchecked) private var hashes: [Int64] = []
    /// Packed ids; (0, 0) for an id kept in `textIds`.
    @exclusivity(unchecked) private var packed: [(UInt64, UInt64)] = []
    private var textIds: [Int32: String] = [:]

    package init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(hash: 0, entry: -1), count: size)
        mask = size - 1
        hashes.reserveCapacity(capacity)
        packed.reserveCapacity(capacity)
    }

    package var count: Int { hashes.count }
    package var isEmpty: Bool { hashes.isEmpty }

    /// Adds a stored friend's line hash and id (UTF-8, as stored). A hash
    /// already present is left to its first friend (two stored friends
    /// cannot have one line: the line holds the id).
    package func add(lineHash: Int64, id: UnsafeBufferPointer<UInt8>) {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        var slot = Self.start(lineHash) & mask
        while slots[slot].entry >= 0 {
            if slots[slot].hash == lineHash { return }
            slot = (slot + 1) & mask
        }
        let entry = Int32(hashes.count)
        slots[slot] = Slot(hash: lineHash, entry: entry)
        hashes.append(lineHash)
        if let words = FriendIdTable.pack(id) {
            packed.append(words)
        } else {
            packed.append((0, 0))
            textIds[entry] = String(decoding: id, as: UTF8.self)
        }
    }

    /// The entry of a line with this hash, or nil.
    @inline(__always)
    package func entry(_ lineHash: Int64) -> Int32? {
        var slot = Self.start(lineHash) & mask
        while true {
            let s = slots[slot]
            if s.entry < 0 { return nil }
            if s.hash == lineHash { return s.entry }
            slot = (slot + 1) & mask
        }
    }

    /// The friend id of an entry: packed words, or the text of an id that is not LINE-shaped.
    package func id(_ entry: Int32) -> (packed: (UInt64, UInt64)?, text: String?) {
        if let text = textIds[entry] { return (nil, text) }
        return (packed[Int(entry)], nil)
    }

    @inline(__always)
    private static func start(_ hash: Int64) -> Int { Int(truncatingIfNeeded: UInt64(bitPattern: hash) >> 7) }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: Slot(hash: 0, entry: -1), count: size)
        mask = size - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Self.start(hash) & mask
            while slots[slot].entry >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(hash: hash, entry: Int32(entry))
        }
    }
}
