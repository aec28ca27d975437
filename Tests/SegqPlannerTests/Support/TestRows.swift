import SegqStore
@testable import SegqPlanner

/// A plain row set for the test store: one Bool per row. Deliberately
/// naive, so it cannot share a bug with the in-memory store's bitmaps.
struct TestRows: RowSet, Equatable {
    var member: [Bool]

    init(count: Int) { member = Array(repeating: false, count: max(0, count)) }

    static func all(_ count: Int) -> TestRows {
        var r = TestRows(count: count)
        for i in r.member.indices { r.member[i] = true }
        return r
    }

    var cardinality: Int { member.filter { $0 }.count }
    var isEmpty: Bool { !member.contains(true) }

    mutating func formUnion(_ other: TestRows) {
        for i in member.indices where other.member[i] { member[i] = true }
    }

    mutating func formIntersection(_ other: TestRows) {
        for i in member.indices where !other.member[i] { member[i] = false }
    }

    mutating func subtract(_ other: TestRows) {
        for i in member.indices where other.member[i] { member[i] = false }
    }

    mutating func formComplement() {
        for i in member.indices { member[i].toggle() }
    }

    func rows(limit: Int?) -> [Int] {
        let all = member.indices.filter { member[$0] }
        return limit.map { Array(all.prefix(max(0, $0))) } ?? all
    }

    func forEach(_ body: (Int) throws -> Void) rethrows {
        for i in member.indices where member[i] { try body(i) }
    }
}
