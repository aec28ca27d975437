import Foundation
import Testing
import SegqStore
@testable import SegqPostgresStore

/// Range counts at the edges of the stored bounds (`PostgresBitmapOperands.nearestBound`):
/// a value equal to a bound, one either side of it, between two bounds,
/// below the first and past the last, fractional and huge values on the
/// integer columns, inclusive and exclusive, negated (missing values
/// included), and several columns' re-tested rows in one count.
@Suite struct PostgresRangeBoundTests {
    typealias Fixture = PostgresRowBitmapTests

    /// `value op bound` for a present value; false on a missing one.
    static func compare(_ value: Double?, _ op: String, _ bound: Double) -> Bool {
        guard let value else { return false }
        switch op {
        case "<": return value < bound
        case "<=": return value <= bound
        case ">": return value > bound
        default: return value >= bound
        }
    }

    static func predicate(_ op: String, _ value: Scalar) -> SegqStore.Predicate {
        switch op {
        case "<": return .range(lower: nil, lowerInclusive: false, upper: value, upperInclusive: false)
        case "<=": return .range(lower: nil, lowerInclusive: false, upper: value, upperInclusive: true)
        case ">": return .range(lower: value, lowerInclusive: false, upper: nil, upperInclusive: false)
        default: return .range(lower: value, lowerInclusive: true, upper: nil, upperInclusive: false)
        }
    }

    static func double(_ s: Scalar) -> Double {
        switch s {
        case .int(let v): return Double(v)
        case .number(let d): return d
        default: return .nan
        }
    }

    /// The values to try around stored bounds `bounds`: each bound, one
    /// either side, halfway to the next, and past both ends.
    static func values(around bounds: [Double], integers: Bool) -> [Scalar] {
        var out: [Scalar] = [.number(-1e30), .number(1e30), .int(.max), .int(.min)]
        for (i, b) in bounds.enumerated() {
            let next = i + 1 < bounds.count ? bounds[i + 1] : b + 10
            if integers {
                out += [.int(Int64(b)), .int(Int64(b) - 1), .int(Int64(b) + 1), .number(b - 0.5), .number((b + next) / 2)]
            } else {
                out += [.number(b), .number(b.nextDown), .number(b.nextUp), .int(Int64(b.rounded(.down))), .number((b + next) / 2)]
            }
        }
        if let first = bounds.first, let last = bounds.last {
            out += [.number(first - 1e6), .number(last + 1e6)]
        }
        return out
    }

    /// Counts of every comparison at `values`, and of its negation,
    /// against `value(friend)`.
    static func expectCounts(_ store: PostgresStore, _ friends: [Friend], _ column: SegqStore.Column, _ values: [Scalar],
                             _ label: String, value: (Friend) -> Double?) throws {
        for v in values {
            for op in ["<", "<=", ">", ">="] {
                let atom = PhysicalExpr.atom(Atom(column, predicate(op, v)))
                let holding = friends.filter { compare(value($0), op, double(v)) }.count
                #expect(try store.count(atom) == holding, "\(label): \(op) \(v)")
                #expect(try store.count(.not(atom)) == friends.count - holding, "\(label): not \(op) \(v)")
            }
        }
    }

    static func bounds(_ store: PostgresStore, column: String) throws -> [Double] {
        let rows = try store.db.query("SELECT bound FROM row_range_bitmaps WHERE account = $1 AND column_name = $2 ORDER BY bound",
                                      [.int4(store.account), .text(column)])
        return (0..<rows.count).map { Double(rows.int64($0, 0)) }
    }

    @Test func rangeColumnsCountExactlyAtAndBetweenTheirBounds() throws {
        let friends = (0..<240).map(Fixture.friend)
        let store = try Fixture.store(friends, account: "range-bounds")
        for perColumn in [1, 3, 16] {
            try store.rebuildRowBitmaps(boundsPerColumn: perColumn)
            #expect(try store.rowBitmapsFresh())
            let added = try Self.bounds(store, column: "added_ms")
            let last = try Self.bounds(store, column: "shopify_last_purchase_ms")
            let purchases = try Self.bounds(store, column: "shopify_purchases")
            #expect(added.isEmpty == (perColumn == 1), "\(perColumn) bounds: \(added)")
            try Self.expectCounts(store, friends, .added, Self.values(around: added, integers: true), "added, \(perColumn)") {
                Double($0.addedAt)
            }
            try Self.expectCounts(store, friends, .shopifyLastPurchase, Self.values(around: last, integers: true),
                                  "last purchase, \(perColumn)") { $0.shopify?.lastPurchaseAt.map(Double.init) }
            try Self.expectCounts(store, friends, .shopifyPurchases, Self.values(around: purchases, integers: true),
                                  "purchases, \(perColumn)") { $0.shopify.map { Double($0.purchases) } }
        }
    }

    @Test func numberPropertiesCountExactlyAtAndBetweenTheirBounds() throws {
        let friends = (0..<240).map(Fixture.friend)
        let store = try Fixture.store(friends, account: "number-bounds")
        for perColumn in [2, 4, 32] {
            try store.rebuildRowBitmaps(boundsPerColumn: perColumn)
            #expect(try store.rowBitmapsFresh())
            let rows = try store.db.query("""
                SELECT bound FROM row_number_bitmaps WHERE account = $1 AND key = $2 AND bound < 'Infinity' ORDER BY bound
                """, [.int4(store.account), .stored(RowBitmapKey.property(.hubspot, "score"))])
            let bounds = (0..<rows.count).map { rows.double($0, 0) }
            try Self.expectCounts(store, friends, .hubspotProperty("score"), Self.values(around: bounds, integers: false),
                                  "score, \(perColumn)") { Fixture.number($0, \.hubspot, "score") }
        }
    }

    @Test func rowsOfSeveralColumnsAndRareValuesAreReTestedOnce() throws {
        let friends = (0..<300).map(Fixture.friend)
        let store = try Fixture.store(friends, account: "several-sources")
        try store.rebuildRowBitmaps(boundsPerColumn: 5)
        func range(_ column: SegqStore.Column, _ lower: Scalar?, _ upper: Scalar?) -> PhysicalExpr {
            .atom(Atom(column, .range(lower: lower, lowerInclusive: true, upper: upper, upperInclusive: false)))
        }
        let window = PhysicalExpr.and([range(.added, .int(31_000), .int(177_500)),
                                       .not(range(.shopifyLastPurchase, .int(120), .int(777))),
                                       range(.hubspotProperty("score"), .number(2.5), .int(8))])
        let rare = PhysicalExpr.or([window, .atom(Atom(.tag, .equals(.string("rare"))))])
        func inWindow(_ f: Friend) -> Bool {
            let last = f.shopify?.lastPurchaseAt
            let score = Fixture.number(f, \.hubspot, "score")
            return f.addedAt >= 31_000 && f.addedAt < 177_500 && !(last.map { $0 >= 120 && $0 < 777 } ?? false)
                && (score.map { $0 >= 2.5 && $0 < 8 } ?? false)
        }
        #expect(try store.count(window) == friends.filter(inWindow).count)
        #expect(try store.count(.not(window)) == friends.filter { !inWindow($0) }.count)
        #expect(try store.count(rare) == friends.filter { inWindow($0) || $0.tags.contains("rare") }.count)
        // More sources than one mask column holds: a rare tag per friend.
        var tagged = friends
        for i in 0..<70 { tagged[i * 4].tags.append("one-\(i)") }
        let other = try Fixture.store(tagged, account: "many-sources")
        let many = PhysicalExpr.or((0..<70).map { .atom(Atom(.tag, .equals(.string("one-\($0)")))) } + [window])
        let expected = tagged.filter { f in inWindow(f) || f.tags.contains { $0.hasPrefix("one-") } }.count
        #expect(try other.count(many) == expected)
        #expect(try other.count(.not(many)) == tagged.count - expected)
    }

    @Test func aStatementRunAgainIsPreparedAndAnswersForItsNewValues() throws {
        var friends = (0..<90).map(Fixture.friend)
        let store = try Fixture.store(friends, account: "prepared")
        func after(_ t: Int64) -> PhysicalExpr {
            .atom(Atom(.added, .range(lower: .int(t), lowerInclusive: true, upper: nil, upperInclusive: false)))
        }
        // The same text each time; the third and later runs execute the prepared statement.
        for t: Int64 in [0, 5_000, 44_444, 89_000, 95_000, 12_345, 0] {
            #expect(try store.count(after(t)) == friends.filter { $0.addedAt >= t }.count, "added >= \(t)")
        }
        friends += (90..<130).map(Fixture.friend)
        try store.importFriends(friends, mode: .upsert, now: 0)
        for t: Int64 in [0, 100_000, 129_000] {
            #expect(try store.count(after(t)) == friends.filter { $0.addedAt >= t }.count, "after the import, added >= \(t)")
        }
    }
}
