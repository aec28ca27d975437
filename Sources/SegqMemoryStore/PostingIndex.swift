import SegqStore
/// For each dictionary code, the rows holding it: a dense bitmap for
/// frequent codes (more than one row in 32, where a bitmap is smaller
/// than a row list), otherwise a sorted row list in one shared arena.
/// Turning a frequent value into a result bitmap is then a copy.
struct PostingIndex: Sendable {
    /// Row-list range of each code (empty for dense codes).
    private let starts: [Int]
    private let rows: [Int32]
    /// Index into `denseBitmaps` per code, or -1.
    private let denseSlot: [Int32]
    private let denseBitmaps: [Bitmap]
    let rowCount: Int

    /// `pairs` calls its body with every (row, code) pair in increasing row order.
    init(rowCount: Int, counts: [Int32], pairs: ((Int, Int32) -> Void) -> Void) {
        self.rowCount = rowCount
        let threshold = max(4, rowCount / 32)
        var starts = [Int](repeating: 0, count: counts.count + 1)
        var denseSlot = [Int32](repeating: -1, count: counts.count)
        var denseBitmaps: [Bitmap] = []
        for (code, n) in counts.enumerated() {
            if Int(n) > threshold {
                denseSlot[code] = Int32(denseBitmaps.count)
                denseBitmaps.append(Bitmap(count: rowCount))
            }
            starts[code + 1] = starts[code] + (Int(n) > threshold ? 0 : Int(n))
        }
        var rows = [Int32](repeating: 0, count: starts[counts.count])
        var fill = starts
        pairs { row, code in
            let c = Int(code)
            let slot = denseSlot[c]
            if slot >= 0 {
                denseBitmaps[Int(slot)].insert(row)
            } else {
                rows[fill[c]] = Int32(row)
                fill[c] += 1
            }
        }
        self.starts = starts
        self.rows = rows
        self.denseSlot = denseSlot
        self.denseBitmaps = denseBitmaps
    }

    /// Rows holding `code`.
    func bitmap(_ code: Int32) -> Bitmap {
        let c = Int(code)
        if c >= 0 && c < denseSlot.count && denseSlot[c] >= 0 { return denseBitmaps[Int(denseSlot[c])] }
        var b = Bitmap(count: rowCount)
        addRows(code, to: &b)
        return b
    }

    /// The dense bitmap of `code`, when it has one (a frequent code).
    func denseBitmap(_ code: Int32) -> Bitmap? {
        let c = Int(code)
        guard c >= 0 && c < denseSlot.count && denseSlot[c] >= 0 else { return nil }
        return denseBitmaps[Int(denseSlot[c])]
    }

    /// The row list of `code` when it has one (an infrequent code), in place.
    func sortedRows(_ code: Int32) -> SortedRows? {
        let c = Int(code)
        guard c >= 0 && c < denseSlot.count && denseSlot[c] < 0 else { return nil }
        return SortedRows(rows: rows, bounds: starts[c] ..< starts[c + 1])
    }

    /// Adds the rows holding `code` to `out`.
    func addRows(_ code: Int32, to out: inout Bitmap) {
        let c = Int(code)
        guard c >= 0 && c < denseSlot.count else { return }
        if denseSlot[c] >= 0 { out.formUnion(denseBitmaps[Int(denseSlot[c])]); return }
        rows.withUnsafeBufferPointer { r in
            for i in starts[c] ..< starts[c + 1] { out.insert(Int(r[i])) }
        }
    }

    /// Rows holding any of `codes`.
    func union(_ codes: some Sequence<Int32>) -> Bitmap {
        var out = Bitmap(count: rowCount)
        for c in codes { addRows(c, to: &out) }
        return out
    }

    var memoryFootprint: Int {
        starts.capacity * 8 + rows.capacity * 4 + denseSlot.capacity * 4
            + denseBitmaps.reduce(0) { $0 + $1.words.capacity * 8 }
    }
}
