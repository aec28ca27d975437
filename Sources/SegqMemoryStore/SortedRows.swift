/// Ascending row numbers held in place: a slice `bounds` of a shared
/// array (a sparse posting's row list). A block stream reads it one block
/// of words at a time: a binary search finds the block's first row, then
/// the rows of the block set or clear their bits.
struct SortedRows {
    let rows: [Int32]
    let bounds: Range<Int>

    var count: Int { bounds.count }

    /// Index of the first row at or after `row`.
    @inline(__always)
    func firstIndex(atOrAfter row: Int) -> Int {
        rows.withUnsafeBufferPointer { r in
            var lo = bounds.lowerBound, hi = bounds.upperBound
            while lo < hi {
                let mid = (lo + hi) >> 1
                if Int(r[mid]) < row { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// True when no row lies in words `first ..< first + n`.
    func isEmpty(words first: Int, _ n: Int) -> Bool {
        let i = firstIndex(atOrAfter: first << 6)
        return i == bounds.upperBound || Int(rows[i]) >= (first + n) << 6
    }

    /// Sets (or, with `clear`, clears) the bits of the rows in words
    /// `first ..< first + n` of a block whose word 0 is `out[0]`.
    func mark(words first: Int, _ n: Int, _ out: UnsafeMutablePointer<UInt64>, clear: Bool) {
        let base = first << 6, end = (first + n) << 6
        rows.withUnsafeBufferPointer { r in
            var i = firstIndex(atOrAfter: base)
            let stop = bounds.upperBound
            if clear {
                while i < stop, Int(r[i]) < end {
                    let row = Int(r[i]) - base
                    out[row >> 6] &= ~(UInt64(1) << UInt64(row & 63))
                    i += 1
                }
            } else {
                while i < stop, Int(r[i]) < end {
                    let row = Int(r[i]) - base
                    out[row >> 6] |= UInt64(1) << UInt64(row & 63)
                    i += 1
                }
            }
        }
    }
}
