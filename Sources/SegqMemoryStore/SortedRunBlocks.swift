/// The rows at sorted positions `lo ..< hi` of an ordered column, made one
/// block of words at a time for a `BlockStream` — the same rows as
/// `OrderedColumn.rows(atPositions:)`, without writing a store-sized bitmap.
///
/// Each block is `upper ∧ ¬lower` (the checkpoints nearest the two bounds,
/// read in place) with the bits of the rows between a checkpoint and its
/// bound flipped. Those rows come in value order, so they are grouped by
/// block once (a counting sort, two passes over them); each block then
/// flips only its own rows, inside a buffer that stays in cache. A short
/// run has no checkpoints: its rows are the flips.
struct SortedRunBlocks {
    private let upper: [UInt64]?
    private let lower: [UInt64]?
    /// Rows to flip, grouped by block: block `b`'s are `flips[starts[b] ..< starts[b + 1]]`.
    private let flips: [Int32]
    private let starts: [Int]
    private let blockWords: Int

    /// `positions` is neither empty nor every present row, and the column
    /// keeps a sorted order (otherwise a run is a row range or a presence
    /// bitmap, which the stream reads directly).
    init<V>(_ column: OrderedColumn<V>, positions: Range<Int>, blockWords: Int) {
        self.blockWords = blockWords
        let sorted = column.sortedRows ?? []
        let hi = column.nearest(positions.upperBound), lo = column.nearest(positions.lowerBound)
        var runs: [Range<Int>]
        if column.checkpoints.isEmpty || positions.count <= column.directRunLimit + hi.flips + lo.flips {
            upper = nil
            lower = nil
            runs = [positions]
        } else {
            upper = hi.base?.words
            lower = lo.base?.words
            runs = [hi.from ..< hi.to, lo.from ..< lo.to]
        }
        runs.removeAll(where: \.isEmpty)
        let blocks = (column.rowCount + 64 * blockWords - 1) / (64 * blockWords)
        (flips, starts) = SortedRunBlocks.grouped(runs, of: sorted, blocks: blocks, blockWords: blockWords)
    }

    /// The rows of `runs` (positions into `sorted`) grouped by block.
    private static func grouped(_ runs: [Range<Int>], of sorted: [Int32], blocks: Int,
                                blockWords: Int) -> ([Int32], [Int]) {
        var starts = [Int](repeating: 0, count: blocks + 1)
        let total = runs.reduce(0) { $0 + $1.count }
        guard total > 0 else { return ([], starts) }
        var out = [Int32](repeating: 0, count: total)
        let rowsPerBlock = 64 * blockWords
        let shift = rowsPerBlock & (rowsPerBlock - 1) == 0 ? rowsPerBlock.trailingZeroBitCount : -1
        @inline(__always) func block(_ row: Int32) -> Int {
            shift >= 0 ? Int(row) >> shift : Int(row) / rowsPerBlock
        }
        sorted.withUnsafeBufferPointer { s in
            starts.withUnsafeMutableBufferPointer { st in
                for run in runs { for i in run { st[block(s[i]) + 1] += 1 } }
                for b in 0 ..< blocks { st[b + 1] += st[b] }
                var fill = Array(st[0 ..< blocks])
                out.withUnsafeMutableBufferPointer { o in
                    fill.withUnsafeMutableBufferPointer { f in
                        for run in runs {
                            for i in run {
                                let row = s[i], b = block(row)
                                o[f[b]] = row
                                f[b] += 1
                            }
                        }
                    }
                }
            }
        }
        return (out, starts)
    }

    /// Writes words `first ..< first + n` of the run's rows into `out`.
    func fill(_ first: Int, _ n: Int, _ out: UnsafeMutablePointer<UInt64>) {
        switch (upper, lower) {
        case (let u?, let l?):
            u.withUnsafeBufferPointer { u in
                l.withUnsafeBufferPointer { l in
                    for i in 0 ..< n { out[i] = u[first + i] & ~l[first + i] }
                }
            }
        case (let u?, nil):
            u.withUnsafeBufferPointer { u in out.update(from: u.baseAddress! + first, count: n) }
        default:
            out.update(repeating: 0, count: n)
        }
        guard !flips.isEmpty else { return }
        let base = first << 6, end = (first + n) << 6
        flips.withUnsafeBufferPointer { f in
            for b in first / blockWords ... (first + n - 1) / blockWords {
                for k in starts[b] ..< starts[b + 1] {
                    let row = Int(f[k])
                    if row < base || row >= end { continue }
                    let r = row - base
                    out[r >> 6] ^= UInt64(1) << UInt64(r & 63)
                }
            }
        }
    }
}
