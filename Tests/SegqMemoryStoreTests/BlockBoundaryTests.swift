import Testing
import SegqBasics
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqMemoryStore

/// Streamed counts, first rows and previews at the edges of the stream's
/// 64Ki-row blocks: rows 65535 and 65536, a last block of one row, an
/// empty store, queries every friend matches, and postings on both sides
/// of the switch from a row list to a bitmap.
@Suite struct BlockBoundaryTests {
    static let blockRows = 64 * BlockStream.defaultBlockWords
    /// Two whole blocks and one row.
    static let rowCount = 2 * blockRows + 1
    /// Rows on either side of every block and word edge.
    static let edgeRows = [0, 1, 63, 64, blockRows - 1, blockRows, blockRows + 1, 2 * blockRows - 1, 2 * blockRows]
    /// A sparse tag's rows: the most a row list holds (`PostingIndex` keeps
    /// a bitmap above one row in 32); `denseEdge` has one row more.
    static var sparseLimit: Int { rowCount / 32 }

    static let store: InMemoryStore = {
        let now = FriendGenerator.defaultNow, day: Int64 = 86_400_000
        var random = SplitMix64(seed: 65536)
        let edges = Set(edgeRows)
        var friends: [Friend] = []
        friends.reserveCapacity(rowCount)
        for row in 0 ..< rowCount {
            var tags: [String] = []
            if edges.contains(row) { tags.append("edge") }
            if row % 3 == 0 { tags.append("third") }
            // `sparseLimit` and `sparseLimit + 1` rows over the first half of the store.
            if row % 16 == 7, row / 16 < sparseLimit { tags.append("sparseEdge") }
            if row % 16 == 9, row / 16 <= sparseLimit { tags.append("denseEdge") }
            if row >= rowCount - 3 { tags.append("last") }
            var f = Friend(id: "U\(row)", addedAt: now - Int64(random.below(1000)) * day, tags: tags)
            if row % 4 != 1 {
                f.shopify = ShopifyData(purchases: Int64(random.below(12)),
                                        lastPurchaseAt: row % 5 == 0 ? nil : now - Int64(random.below(500)) * day)
            }
            friends.append(f)
        }
        return InMemoryStore(friends: friends)
    }()

    static func tag(_ t: String) -> PhysicalExpr { .atom(Atom(.tag, .equals(.string(t)))) }
    static func purchases(atLeast p: Int64) -> PhysicalExpr {
        .atom(Atom(.shopifyPurchases, .range(lower: .int(p), lowerInclusive: true, upper: nil, upperInclusive: false)))
    }
    static func added(from lower: Int64, days: Int64) -> PhysicalExpr {
        let now = FriendGenerator.defaultNow, day: Int64 = 86_400_000
        return .atom(Atom(.added, .range(lower: .int(now - lower * day), lowerInclusive: true,
                                         upper: .int(now - (lower - days) * day), upperInclusive: false)))
    }

    static let expressions: [PhysicalExpr] = [
        .and([tag("edge"), tag("third")]),
        .or([tag("edge"), tag("last")]),
        .and([tag("third"), .not(tag("edge"))]),
        .and([purchases(atLeast: 3), tag("edge")]),
        .or([.and([tag("sparseEdge"), purchases(atLeast: 6)]), tag("last")]),
        .and([added(from: 600, days: 250), tag("third")]),
        .and([added(from: 900, days: 3), .not(purchases(atLeast: 1))]),
        .or([added(from: 990, days: 500), .and([added(from: 100, days: 60), tag("edge")])]),
        .and([.not(added(from: 700, days: 40)), tag("third"), .not(purchases(atLeast: 11))]),
        .or([tag("sparseEdge"), tag("denseEdge")]),
        .or([tag("denseEdge"), tag("sparseEdge"), tag("edge")]),
        .and([tag("sparseEdge"), tag("third"), purchases(atLeast: 2)]),
        .and([tag("denseEdge"), .not(tag("sparseEdge"))]),
        .and([.atom(Atom(.tag, .oneOf([.string("sparseEdge"), .string("edge"), .string("denseEdge")]))), tag("third")]),
        .not(.or([tag("edge"), tag("third")])),
        .and([.not(tag("edge")), .not(tag("last"))]),
    ]

    @Test func postingsSitOnBothSidesOfTheRowListSwitch() {
        let store = Self.store
        #expect(store.count(Self.tag("sparseEdge")) == Self.sparseLimit)
        #expect(store.count(Self.tag("denseEdge")) == Self.sparseLimit + 1)
        let postings = store.tags.postings
        #expect(postings.sortedRows(store.tags.dictionary.code(of: "sparseEdge")!) != nil)
        #expect(postings.denseBitmap(store.tags.dictionary.code(of: "denseEdge")!) != nil)
    }

    @Test func edgeRowsAreCountedAndListedOnce() {
        let store = Self.store
        let edge = Self.tag("edge")
        let pair = PhysicalExpr.and([edge, .not(Self.tag("nothing such"))])
        #expect(store.streamedCount(pair) == Self.edgeRows.count)
        let preview = store.streamedPreview(pair, limit: 100)
        #expect(preview?.count == Self.edgeRows.count)
        #expect(preview?.rows == Self.edgeRows)
        #expect(store.streamedFirstRows(pair, limit: 100) == Self.edgeRows)
        // The first rows stop at the limit, whichever block they are in.
        for limit in 1 ... Self.edgeRows.count {
            #expect(store.streamedPreview(pair, limit: limit)?.rows == Array(Self.edgeRows.prefix(limit)))
        }
    }

    @Test(arguments: [BlockStream.defaultBlockWords, 3])
    func streamsAgreeWithWholeBitmapsAcrossBlocks(blockWords: Int) {
        let store = Self.store
        for expr in Self.expressions {
            let expected = store.evaluate(expr)
            let stream = store.blockStream(expr, forFirstRows: false, blockWords: blockWords)
            #expect(stream.count() == expected.cardinality, "\(expr)")
            let preview = stream.preview(limit: 10)
            #expect(preview.count == expected.cardinality, "\(expr)")
            #expect(preview.rows == expected.rows(limit: 10), "\(expr)")
            #expect(stream.firstRows(limit: 10) == expected.rows(limit: 10), "\(expr)")
            let rowTests = store.blockStream(expr, forFirstRows: true, blockWords: blockWords)
            #expect(rowTests.firstRows(limit: 10) == expected.rows(limit: 10), "\(expr)")
        }
    }

    @Test func aRangeFromCheckpointToTheEndIsReadFromTheCheckpoints() throws {
        let store = Self.store
        let column = store.shopify.purchases
        let position = try #require(column.checkpointPositions.first)
        let atLeast = Self.purchases(atLeast: column.sortedValue(position))
        for expr in [atLeast, .and([atLeast, Self.tag("third")]), .or([.not(atLeast), Self.tag("edge")])] {
            let stream = store.blockStream(expr, forFirstRows: false)
            #expect(stream.sortedRuns.count == 1, "\(expr)")
            let expected = store.evaluate(expr)
            #expect(stream.preview(limit: 10).count == expected.cardinality, "\(expr)")
            #expect(stream.preview(limit: 10).rows == expected.rows(limit: 10), "\(expr)")
        }
        // Bounds between checkpoints (times, nearly all distinct): the run is made whole.
        let window = PhysicalExpr.and([Self.added(from: 600, days: 250), Self.tag("third")])
        #expect(store.blockStream(window, forFirstRows: false).sortedRuns.isEmpty)
    }

    @Test func theLastPartialBlockIsRead() {
        let store = Self.store
        // The last three rows but the edges (the last row of the second block, the one row of the third).
        let last = PhysicalExpr.and([Self.tag("last"), .not(Self.tag("edge"))])
        #expect(store.streamedCount(last) == 1)
        #expect(store.streamedPreview(last, limit: 10)?.rows == [Self.rowCount - 3])
        let lastEdges = PhysicalExpr.and([Self.tag("edge"), Self.tag("last")])
        #expect(store.streamedPreview(lastEdges, limit: 10)?.rows == [Self.rowCount - 2, Self.rowCount - 1])
        let notLast = PhysicalExpr.and([.all, .not(Self.tag("last"))])
        #expect(store.streamedCount(notLast) == Self.rowCount - 3)
    }

    @Test func everyFriendMatches() {
        let store = Self.store
        for expr in [PhysicalExpr.all, .not(Self.tag("nothing such")),
                     .or([Self.tag("third"), .not(Self.tag("third"))]),
                     .and([.not(Self.tag("nothing such")), .not(.none)])] {
            #expect(store.streamedCount(expr) == Self.rowCount, "\(expr)")
            let preview = store.streamedPreview(expr, limit: 10)
            #expect(preview?.count == Self.rowCount)
            #expect(preview?.rows == Array(0 ..< 10))
        }
    }

    @Test func anEmptyStoreSelectsNothing() {
        let empty = InMemoryStore(friends: [Friend]())
        for expr in [PhysicalExpr.all, .none, Self.tag("edge"), .not(Self.tag("edge")),
                     .and([Self.tag("edge"), .not(Self.tag("third"))]), .or([Self.tag("a"), Self.purchases(atLeast: 1)])] {
            #expect(empty.streamedCount(expr) == 0, "\(expr)")
            #expect(empty.streamedPreview(expr, limit: 10)?.count == 0, "\(expr)")
            #expect(empty.streamedPreview(expr, limit: 10)?.rows == [], "\(expr)")
            #expect(empty.streamedFirstRows(expr, limit: 10) == [], "\(expr)")
        }
    }
}
