import SegqBasics
import Testing
@testable import SegqStore
@testable import SegqMemoryStore

/// The sorted order and its checkpoints give exactly the rows a scan would.
@Suite struct OrderedColumnTests {
    /// `values[row]` nil = missing; built with tiny checkpoint steps so every path runs.
    func column(_ values: [Int64?], threshold: Int = 4, checkpoints: Int = 5) -> OrderedColumn<Int64> {
        var b = OrderedColumnBuilder<Int64>()
        for (row, v) in values.enumerated() { if let v { b.append(v, row: row) } }
        return b.build(rowCount: values.count, checkpointThreshold: threshold, checkpointCount: checkpoints)
    }

    func naive(_ values: [Int64?], _ r: ValueRange<Int64>) -> [Int] {
        values.indices.filter { values[$0].map(r.contains) ?? false }
    }

    func shuffledValues(_ n: Int, seed: UInt64, missingEvery: Int) -> [Int64?] {
        var random = SplitMix64(seed: seed)
        return (0 ..< n).map { i in i % missingEvery == 3 ? nil : Int64(random.below(40)) - 10 }
    }

    @Test(arguments: [(1, 1), (4, 2), (4, 5), (4, 16), (1000, 5)])
    func everyRangeMatchesAScan(threshold: Int, checkpoints: Int) {
        let values = shuffledValues(211, seed: 9, missingEvery: 7)
        let c = column(values, threshold: threshold, checkpoints: checkpoints)
        for lo in -12 ... 31 {
            for hi in [lo, lo + 1, lo + 3, lo + 17, 40] {
                for (li, ui) in [(true, true), (false, true), (true, false), (false, false)] {
                    let r = ValueRange<Int64>(lower: Int64(lo), lowerInclusive: li, upper: Int64(hi), upperInclusive: ui)
                    #expect(c.rows(r).rows() == naive(values, r), "\(lo) \(hi) \(li) \(ui)")
                    #expect(c.count(r) == naive(values, r).count)
                }
            }
        }
    }

    @Test func everyRunOfPositionsIsExact() {
        let values = shuffledValues(150, seed: 3, missingEvery: 5)
        let c = column(values, threshold: 4, checkpoints: 7)
        #expect(!c.checkpoints.isEmpty)
        let sorted = values.indices.filter { values[$0] != nil }.sorted { (values[$0]!, $0) < (values[$1]!, $1) }
        for lo in 0 ... sorted.count {
            for hi in lo ... sorted.count {
                #expect(c.rows(atPositions: lo ..< hi).rows() == sorted[lo ..< hi].sorted(), "\(lo) \(hi)")
            }
        }
    }

    @Test func ascendingColumnsNeedNoSortedCopy() {
        let full: [Int64?] = (0 ..< 100).map { Int64($0 / 3) }
        let c = column(full)
        #expect(c.sortedRows == nil)
        let r = ValueRange<Int64>(lower: 5, lowerInclusive: true, upper: 9, upperInclusive: false)
        #expect(c.rows(r).rows() == naive(full, r))
        // Ascending with gaps keeps the present rows as the sorted order.
        let gaps: [Int64?] = (0 ..< 100).map { $0 % 4 == 0 ? nil : Int64($0) }
        let g = column(gaps)
        #expect(g.sortedRows != nil)
        #expect(g.rows(r).rows() == naive(gaps, r))
    }

    @Test func packedAndComparedSortsAgree() {
        var random = SplitMix64(seed: 4)
        let values = (0 ..< 500).map { _ in Int64(random.below(50)) * 1_000_000_007 - 3 }
        #expect(OrderedColumnBuilder<Int64>.packedOrder(values) == OrderedColumnBuilder<Int64>.comparedOrder(values))
        // Too wide a spread for a packed key: the comparison sort takes over.
        let wide: [Int64] = [Int64.max, 0, Int64.min, 5, Int64.min]
        #expect(OrderedColumnBuilder<Int64>.packedOrder(wide) == nil)
        let c = column(wide.map { $0 }, threshold: 1, checkpoints: 2)
        let r = ValueRange<Int64>(lower: Int64.min, lowerInclusive: true, upper: 0, upperInclusive: true)
        #expect(c.rows(r).rows() == [1, 2, 4])
        #expect(OrderedColumnBuilder<Double>.packedOrder([1.5, 0.5]) == nil)
    }

    @Test func radixSortSortsLikeTheStandardSort() {
        var random = SplitMix64(seed: 9)
        for (n, bits) in [(0, 8), (1, 8), (5000, 12), (20_000, 40), (20_000, 63), (9000, 64)] {
            var keys = (0 ..< n).map { _ in
                (UInt64(random.below(1 << 30)) << 34 | UInt64(random.below(1 << 30)) << 4 | UInt64(random.below(16)))
                    >> UInt64(64 - bits)
            }
            let expected = keys.sorted()
            OrderedColumnBuilder<Int64>.radixSort(&keys)
            #expect(keys == expected, "n \(n), bits \(bits)")
        }
        // Packed order over enough values to take the radix path.
        let values = (0 ..< 6000).map { _ in Int64(random.below(300)) * 86_400_000 }
        #expect(OrderedColumnBuilder<Int64>.packedOrder(values) == OrderedColumnBuilder<Int64>.comparedOrder(values))
    }

    @Test func statisticsOfTheSortedOrder() {
        let c = column([5, nil, 1, 5, 3, nil, 9])
        #expect(c.minimum == 1)
        #expect(c.maximum == 9)
        #expect(c.distinctCount == 4)
        #expect(c.value(at: 1) == nil)
        #expect(c.value(at: 3) == 5)
        #expect(c.value(at: 99) == nil)
        let h = c.histogram(buckets: 2)
        #expect(h.map(\.count).reduce(0, +) == 5)
        #expect(h.first?.lower == 1 && h.last?.upper == 9)
    }
}
