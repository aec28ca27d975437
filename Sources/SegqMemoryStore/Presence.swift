import SegqStore
/// Which rows of a column have a value, and the rank of each present row
/// (its index in the column's value arrays, which hold present rows only,
/// in row order). `rank(row)` is one lookup plus a popcount.
struct Presence: Sendable {
    let bitmap: Bitmap
    /// Set bits before each word.
    private let before: [Int32]
    let count: Int
    /// Every row is present (rank == row).
    let isFull: Bool

    init(_ bitmap: Bitmap) {
        self.bitmap = bitmap
        var before = [Int32]()
        before.reserveCapacity(bitmap.words.count)
        var running = 0
        for w in bitmap.words {
            before.append(Int32(running))
            running += w.nonzeroBitCount
        }
        self.before = before
        self.count = running
        self.isFull = running == bitmap.count
    }

    static func full(_ rows: Int) -> Presence { Presence(Bitmap.all(rows)) }

    var rowCount: Int { bitmap.count }

    @inline(__always)
    func contains(_ row: Int) -> Bool { bitmap.contains(row) }

    /// Index of `row` among present rows; meaningful only when present.
    @inline(__always)
    func rank(_ row: Int) -> Int {
        if isFull { return row }
        let w = row >> 6
        let mask = (UInt64(1) << UInt64(row & 63)) &- 1
        return Int(before[w]) + (bitmap.words[w] & mask).nonzeroBitCount
    }

    /// Calls `body(row, rank)` for each present row in order.
    @inline(__always)
    func forEachPresent(_ body: (Int, Int) throws -> Void) rethrows {
        var rank = 0
        try bitmap.forEach { row in
            try body(row, rank)
            rank += 1
        }
    }

    var memoryFootprint: Int { bitmap.words.capacity * 8 + before.capacity * 4 }
}
