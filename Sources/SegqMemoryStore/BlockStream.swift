import SegqStore

/// A boolean formula over row sets evaluated one block of rows at a time:
/// `blockWords` 64-bit words (64Ki rows, 8 KiB) per buffer, so every
/// operand is read once, block by block, and intermediate results live in
/// a few buffers that stay in the first-level cache. Counting or finding
/// the first rows never allocates or writes a store-sized bitmap for an
/// intermediate result, which is what made multi-condition counts grow
/// faster than the data.
///
/// Operands are read in place (postings and presence bitmaps are shared,
/// not copied); a row range fills words directly; a sparse posting's row
/// list sets the bits of its rows in the block; a range whose bounds sit
/// on an ordered column's checkpoints reads the two checkpoints
/// (`SortedRunBlocks`); a per-row test (a range, for first rows) runs only
/// on the blocks it is asked for. An
/// intersection skips a block that a row range or a row list shows to be
/// empty without reading its bitmaps, and stops working on a block once
/// the block is empty, so a selective first operand spares the later ones.
/// A count and the first rows of a preview come out of the same pass.
///
/// Bits beyond the last row may be set while combining (a complement sets
/// them); every operation is bitwise, so masking the final word of the
/// result is enough.
struct BlockStream {
    /// Words per block (tests use small blocks to cross block boundaries).
    static let defaultBlockWords = 1024

    /// Fills words `first ..< first + count` of the selected rows into `out`
    /// (`filter` false), or, with `filter` true, clears the bits of `out`
    /// whose rows the test rejects (an intersection's later operand).
    typealias RowTest = (_ first: Int, _ count: Int, _ out: UnsafeMutablePointer<UInt64>, _ filter: Bool) -> Void

    indirect enum Node {
        /// An operand bitmap, by index into `operands`.
        case words(Int)
        /// The rows `lower ..< upper`.
        case rowRange(Int, Int)
        /// A sparse list of rows, by index into `rowLists`.
        case rowList(Int)
        /// A run of an ordered column's sorted positions, by index into `sortedRuns`.
        case sortedRun(Int)
        /// A per-row test, by index into `tests`.
        case test(Int)
        /// The intersection of the positive operands minus the excluded ones.
        case and([Node], excluded: [Node])
        case or([Node])
        case not(Node)
        case all
        case none

        var height: Int {
            switch self {
            case .and(let parts, let excluded): return 1 + (parts + excluded).map(\.height).max()!
            case .or(let parts): return 1 + (parts.map(\.height).max() ?? 0)
            case .not(let inner): return 1 + inner.height
            default: return 0
            }
        }
    }

    let rowCount: Int
    let root: Node
    let operands: [[UInt64]]
    var rowLists: [SortedRows] = []
    var sortedRuns: [SortedRunBlocks] = []
    let tests: [RowTest]
    var blockWords = BlockStream.defaultBlockWords

    private var wordCount: Int { (rowCount + 63) >> 6 }

    /// The number of rows selected.
    func count() -> Int {
        preview(limit: 0).count
    }

    /// The number of rows selected and the first `limit` of them,
    /// ascending, from one pass: the first rows are collected from the
    /// blocks the count reads anyway.
    func preview(limit: Int) -> (count: Int, rows: [Int]) {
        var total = 0
        var rows: [Int] = []
        forEachBlock(firstBlockWords: limit > 0 ? 16 : .max) { first, words in
            total &+= BlockStream.popcount(words)
            if rows.count < limit { BlockStream.collect(words, first: first, limit: limit, into: &rows) }
            return true
        }
        return (total, rows)
    }

    /// The first `limit` rows selected, ascending.
    func firstRows(limit: Int) -> [Int] {
        var out: [Int] = []
        guard limit > 0 else { return out }
        // The first rows are usually near the start: begin with small blocks.
        forEachBlock(firstBlockWords: 16) { first, words in
            BlockStream.collect(words, first: first, limit: limit, into: &out)
            return out.count < limit
        }
        return out
    }

    /// Appends the rows of `words` (word 0 is word `first` of the store)
    /// to `out` until it holds `limit`.
    private static func collect(_ words: UnsafeBufferPointer<UInt64>, first: Int, limit: Int, into out: inout [Int]) {
        for i in 0 ..< words.count {
            var x = words[i]
            while x != 0 {
                out.append((first + i) << 6 | x.trailingZeroBitCount)
                if out.count == limit { return }
                x &= x &- 1
            }
        }
    }

    /// Set bits of `words`: four independent sums, so the vectorised
    /// popcounts of consecutive words overlap.
    @inline(__always)
    static func popcount(_ words: UnsafeBufferPointer<UInt64>) -> Int {
        let n = words.count
        var a = 0, b = 0, c = 0, d = 0
        var i = 0
        while i + 4 <= n {
            a &+= words[i].nonzeroBitCount
            b &+= words[i + 1].nonzeroBitCount
            c &+= words[i + 2].nonzeroBitCount
            d &+= words[i + 3].nonzeroBitCount
            i += 4
        }
        while i < n { a &+= words[i].nonzeroBitCount; i += 1 }
        return a &+ b &+ c &+ d
    }

    /// Evaluates the formula block by block; `body` gets each block's first
    /// word and its words (tail masked) and returns false to stop. Blocks
    /// are `blockWords` words aligned on multiples of it; the first block
    /// is split into pieces of `firstBlockWords` words that double, so a
    /// search for the first rows reads little.
    private func forEachBlock(firstBlockWords: Int = .max, _ body: (Int, UnsafeBufferPointer<UInt64>) -> Bool) {
        let total = wordCount
        guard total > 0 else { return }
        let levels = root.height + 1
        let bw = blockWords
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: bw * (levels + 1))
        defer { buffer.deallocate() }
        let start = max(1, min(bw, firstBlockWords))
        var first = 0
        while first < total {
            let size = first < bw ? min(max(start, first), bw - first) : bw
            let n = min(size, total - first)
            fill(root, first, n, buffer, scratch: buffer + bw, stride: bw)
            if first + n == total, rowCount & 63 != 0 {
                buffer[n - 1] &= (UInt64(1) << UInt64(rowCount & 63)) &- 1
            }
            if !body(first, UnsafeBufferPointer(start: buffer, count: n)) { return }
            first += n
        }
    }

    /// True when the node certainly selects no row of words
    /// `first ..< first + n`, known without reading a bitmap: a row range
    /// elsewhere, a row list with no row there, an intersection with such
    /// a part. An intersection so known skips its other operands.
    private func isEmpty(_ node: Node, _ first: Int, _ n: Int) -> Bool {
        switch node {
        case .none: return true
        case .rowRange(let lower, let upper): return upper <= first << 6 || lower >= (first + n) << 6
        case .rowList(let i): return rowLists[i].isEmpty(words: first, n)
        case .and(let parts, _): return parts.contains { isEmpty($0, first, n) }
        case .or(let parts): return parts.allSatisfy { isEmpty($0, first, n) }
        default: return false
        }
    }

    /// Writes the node's words `first ..< first + n` into `out`; `scratch`
    /// has room for one block per remaining level of the tree.
    private func fill(_ node: Node, _ first: Int, _ n: Int, _ out: UnsafeMutablePointer<UInt64>,
                      scratch: UnsafeMutablePointer<UInt64>, stride: Int) {
        switch node {
        case .words(let i):
            operands[i].withUnsafeBufferPointer { w in
                (out).update(from: w.baseAddress! + first, count: n)
            }
        case .rowRange(let lower, let upper):
            BlockStream.fillRange(lower, upper, first, n, out)
        case .rowList(let i):
            out.update(repeating: 0, count: n)
            rowLists[i].mark(words: first, n, out, clear: false)
        case .sortedRun(let i):
            sortedRuns[i].fill(first, n, out)
        case .test(let i):
            tests[i](first, n, out, false)
        case .all:
            out.update(repeating: .max, count: n)
        case .none:
            out.update(repeating: 0, count: n)
        case .not(let inner):
            fill(inner, first, n, out, scratch: scratch, stride: stride)
            for i in 0 ..< n { out[i] = ~out[i] }
        case .or(let parts):
            guard let head = parts.first else { out.update(repeating: 0, count: n); return }
            fill(head, first, n, out, scratch: scratch, stride: stride)
            for part in parts.dropFirst() { _ = combine(part, first, n, out, scratch: scratch, stride: stride, op: .or) }
        case .and(let parts, let excluded):
            if parts.contains(where: { isEmpty($0, first, n) }) { out.update(repeating: 0, count: n); return }
            if let head = parts.first {
                fill(head, first, n, out, scratch: scratch, stride: stride)
                if BlockStream.isZero(out, n) { return }
            } else {
                out.update(repeating: .max, count: n)
            }
            for part in parts.dropFirst() where !combine(part, first, n, out, scratch: scratch, stride: stride, op: .and) { return }
            for part in excluded where !combine(part, first, n, out, scratch: scratch, stride: stride, op: .andNot) { return }
        }
    }

    private enum Operation { case and, or, andNot }

    /// `out = out op node` over the block; false when `out` is then empty
    /// (only tracked for `and` and `andNot`).
    private func combine(_ node: Node, _ first: Int, _ n: Int, _ out: UnsafeMutablePointer<UInt64>,
                         scratch: UnsafeMutablePointer<UInt64>, stride: Int, op: Operation) -> Bool {
        switch (node, op) {
        case (.words(let i), _):
            return operands[i].withUnsafeBufferPointer { w in
                BlockStream.apply(op, out, w.baseAddress! + first, n)
            }
        case (.not(.words(let i)), .and):
            return operands[i].withUnsafeBufferPointer { w in
                BlockStream.apply(.andNot, out, w.baseAddress! + first, n)
            }
        case (.test(let i), .and):
            tests[i](first, n, out, true)
            return !BlockStream.isZero(out, n)
        case (.rowList(let i), .or):
            rowLists[i].mark(words: first, n, out, clear: false)
            return true
        case (.rowList(let i), .andNot):
            rowLists[i].mark(words: first, n, out, clear: true)
            return !BlockStream.isZero(out, n)
        default:
            fill(node, first, n, scratch, scratch: scratch + stride, stride: stride)
            return BlockStream.apply(op, out, UnsafePointer(scratch), n)
        }
    }

    @inline(__always)
    private static func apply(_ op: Operation, _ out: UnsafeMutablePointer<UInt64>, _ w: UnsafePointer<UInt64>,
                              _ n: Int) -> Bool {
        var any: UInt64 = 0
        switch op {
        case .and:
            for i in 0 ..< n { let x = out[i] & w[i]; out[i] = x; any |= x }
        case .andNot:
            for i in 0 ..< n { let x = out[i] & ~w[i]; out[i] = x; any |= x }
        case .or:
            for i in 0 ..< n { out[i] |= w[i] }
            return true
        }
        return any != 0
    }

    private static func isZero(_ out: UnsafeMutablePointer<UInt64>, _ n: Int) -> Bool {
        var any: UInt64 = 0
        for i in 0 ..< n { any |= out[i] }
        return any == 0
    }

    /// Words `first ..< first + n` of the row range `lower ..< upper`.
    private static func fillRange(_ lower: Int, _ upper: Int, _ first: Int, _ n: Int,
                                  _ out: UnsafeMutablePointer<UInt64>) {
        for i in 0 ..< n {
            let base = (first + i) << 6
            let lo = max(lower - base, 0), hi = min(upper - base, 64)
            if lo >= hi { out[i] = 0; continue }
            let high = hi == 64 ? UInt64.max : (UInt64(1) << UInt64(hi)) &- 1
            out[i] = high & (UInt64.max << UInt64(lo))
        }
    }
}
