import Foundation
import Testing
@testable import SegqStore
@testable import SegqMemoryStore
import TestSupport

/// Columns kept in compact forms — integration ids packed by shape,
/// integers as narrow offsets, dictionary codes in one or two bytes, LINE
/// ids packed while importing — give back exactly what was loaded, and
/// answer tests as the reference evaluator does.
@Suite struct CompactColumnsTests {
    static let t = #""added_at":"2026-01-01T00:00:00Z""#

    /// Every friend reads back as loaded, and id and range tests agree with the oracle.
    func checkRoundTrip(_ friends: [Friend], _ atoms: [Atom]) {
        let store = InMemoryStore(friends: friends)
        #expect(store.count == friends.count)
        for (row, f) in friends.enumerated() { #expect(store.friend(at: row) == f.nfcNormalized(), "row \(row)") }
        // Integration ids' bounds are in byte order, as the strings' bytes compare.
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        for (column, ids) in [(Column.shopifyId, friends.compactMap { $0.shopify?.id }),
                              (.klaviyoId, friends.compactMap { $0.klaviyo?.id })] {
            let sorted = ids.map { $0.nfcNormalized }.sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) }
            #expect(store.statistics[column]?.minimum == sorted.first.map(Scalar.string), "\(column)")
            #expect(store.statistics[column]?.maximum == sorted.last.map(Scalar.string), "\(column)")
        }
        for atom in atoms {
            let expr = PhysicalExpr.atom(atom)
            let expected = friends.indices.filter { PhysicalOracle.holds(expr, on: friends[$0].nfcNormalized()) }
            #expect(store.evaluate(expr).rows() == expected, "\(atom)")
            #expect(store.count(expr) == expected.count, "\(atom)")
        }
    }

    func shopify(_ i: Int, id: String?, purchases: Int64 = 0, last: Int64? = nil) -> Friend {
        Friend(id: "f\(i)", addedAt: Int64(i) * 1000,
               shopify: ShopifyData(id: id, tags: [], purchases: purchases, lastPurchaseAt: last, abandonedCartAt: nil))
    }

    func klaviyo(_ i: Int, id: String?) -> Friend {
        Friend(id: "f\(i)", addedAt: 0, klaviyo: CRMData(id: id, lists: [], properties: [:]))
    }

    @Test func decimalIdsPackAndReadBack() {
        let ids = ["7012345", "0", "9", "4294967295", "18", nil, "1234567", "90", "900", "1"]
        checkRoundTrip(ids.enumerated().map { shopify($0, id: $1) },
                       [Atom(.shopifyId, .equals(.string("0"))), Atom(.shopifyId, .text(.startsWith, "12")),
                        Atom(.shopifyId, .present),
                        Atom(.shopifyId, .range(lower: .string("1"), lowerInclusive: true,
                                                upper: .string("7"), upperInclusive: false))])
    }

    @Test func wideDecimalIdsKeepEightBytes() {
        let ids = ["4294967296", "9999999999999999999", "1"]
        checkRoundTrip(ids.enumerated().map { shopify($0, id: $1) },
                       [Atom(.shopifyId, .equals(.string("9999999999999999999")))])
    }

    /// Leading zeros, signs, 20 digits and empty ids cannot be printed back
    /// from a number: the column keeps bytes from the first one on.
    @Test(arguments: ["007", "-1", "12345678901234567890", "", "1 ", "１２"])
    func idsThatAreNotPlainNumbersFallBackToBytes(odd: String) {
        let ids = ["7012345", "42", odd, "8"]
        checkRoundTrip(ids.enumerated().map { shopify($0, id: $1) },
                       [Atom(.shopifyId, .equals(.string(odd))), Atom(.shopifyId, .equals(.string("42"))),
                        Atom(.shopifyId, .text(.contains, "0"))])
    }

    @Test func ulidsPackAndReadBack() {
        let ids = ["01HRXAYMXCVAJ9T4TX9W10VSR8", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "00000000000000000000000000", nil,
                   "01HFC3QMRS3NPKYFS3DGBJ692R"]
        checkRoundTrip(ids.enumerated().map { klaviyo($0, id: $1) },
                       [Atom(.klaviyoId, .equals(.string("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"))),
                        Atom(.klaviyoId, .text(.endsWith, "92R")), Atom(.klaviyoId, .present)])
    }

    /// Lower case, a first character above 7, letters Crockford leaves out
    /// (I, L, O, U) and other lengths are not ULIDs that print back the same.
    @Test(arguments: ["01hrxaymxcvaj9t4tx9w10vsr8", "8ZZZZZZZZZZZZZZZZZZZZZZZZZ", "01HRXAYMXCVAJ9T4TX9W10VSRI",
                      "01HRXAYMXCVAJ9T4TX9W10VSRU", "01HRXAYMXCVAJ9T4TX9W10VSR", "Café"])
    func otherShapesAfterULIDsFallBackToBytes(odd: String) {
        let ids = ["01HRXAYMXCVAJ9T4TX9W10VSR8", odd, "01HFC3QMRS3NPKYFS3DGBJ692R"]
        checkRoundTrip(ids.enumerated().map { klaviyo($0, id: $1) },
                       [Atom(.klaviyoId, .equals(.string(odd.nfcNormalized)))])
    }

    @Test func idShapesAreExact() {
        func decimal(_ s: String) -> UInt64? { var s = s; return s.withUTF8 { IdTextShape.decimal($0) } }
        #expect(decimal("0") == 0)
        #expect(decimal("00") == nil)
        #expect(decimal("9999999999999999999") == 9_999_999_999_999_999_999)
        #expect(decimal("99999999999999999999") == nil)
        var s = "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"
        let max = s.withUTF8 { IdTextShape.ulid($0) }
        #expect(max?.0 == UInt64.max && max?.1 == UInt64.max)
    }

    /// Purchases at the edges of `Int64`, and times with and without
    /// milliseconds, before and after 1970.
    @Test func integersAtTheEdgesKeepTheirValues() {
        let purchases: [Int64] = [0, 3, Int64.max, 255, 256, 65_536]
        let friends = purchases.enumerated().map { shopify($0, id: nil, purchases: $1) }
        checkRoundTrip(friends, [Atom(.shopifyPurchases, .range(lower: .int(Int64.max), lowerInclusive: true,
                                                                 upper: nil, upperInclusive: false)),
                                 Atom(.shopifyPurchases, .range(lower: .int(3), lowerInclusive: true,
                                                                upper: .int(256), upperInclusive: true))])
        let times: [Int64?] = [-86_400_000, 1_700_000_000_000, 1_700_000_000_123, nil, 0, 4_102_444_800_000]
        checkRoundTrip(times.enumerated().map { shopify($0, id: nil, last: $1) },
                       [Atom(.shopifyLastPurchase, .range(lower: .int(1_700_000_000_001), lowerInclusive: true,
                                                          upper: nil, upperInclusive: false))])
    }

    @Test func orderedValuesChooseTheirWidth() {
        let cases: [([Int64], Int)] = [
            ([5, 261], 2), ([5, 260], 1), ([0, 255], 1), ([1_000, 256_000], 1), ([1_700_000_000_000, 1_800_000_000_000], 4),
            ([1_700_000_000_001, 1_800_000_000_000], 8), ([Int64.min, Int64.max], 8), ([Int64.min, 0], 8),
        ]
        for (values, bytes) in cases {
            let packed = OrderedValues(values)
            #expect((0 ..< values.count).map { packed[$0] } == values)
            #expect(packed.bytesPerValue == bytes, "\(values)")
        }
        let numbers = OrderedValues([2.5, -0.0, 1e300])
        #expect([numbers[0], numbers[1], numbers[2]] == [2.5, -0.0, 1e300])
    }

    @Test func dictionaryCodesNarrowWithTheDictionary() {
        for distinct in [1, 256, 257, 65_536, 65_537] {
            let codes = (0 ..< 1000).map { Int32($0 * 7919 % distinct) }
            let narrow = DictionaryCodes(codes, distinct: distinct)
            #expect((0 ..< codes.count).map { narrow[$0] } == codes)
        }
        // Names beyond 256 distinct values still read back.
        let friends = (0 ..< 300).map { Friend(id: "f\($0)", name: "name \($0 % 290)", addedAt: 0, tags: ["t\($0)"]) }
        checkRoundTrip(friends, [Atom(.name, .equals(.string("name 7"))), Atom(.tag, .equals(.string("t299")))])
    }

    func load(_ text: String) throws -> (InMemoryStore, ImportReport) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("segq-compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("f.jsonl")
        try Data(text.utf8).write(to: url)
        return try InMemoryStore.load(contentsOf: [url])
    }

    /// LINE ids are packed while the import registers them: a repeat is
    /// reported with the first line, whether packed or not.
    @Test func duplicateIdsAreReportedWithTheirFirstLine() throws {
        let line = "U" + String(repeating: "0123456789abcdef", count: 2)
        let zeros = "U" + String(repeating: "0", count: 32)
        let text = [
            #"{"id":"\#(line)",\#(Self.t)}"#, #"{"id":"\#(zeros)",\#(Self.t)}"#, #"{"id":"n1",\#(Self.t)}"#,
            #"{"id":"\#(line)",\#(Self.t),"name":"again"}"#, #"{"id":"n1",\#(Self.t)}"#,
            #"{"id":"\#(zeros)",\#(Self.t)}"#,
        ].joined(separator: "\n")
        let (store, report) = try load(text)
        #expect(store.count == 3)
        #expect(report.problems.map(\.line) == [4, 5, 6])
        #expect(report.problems.map(\.message) == [
            "duplicate id `\(line)` (first seen at line 1)", "duplicate id `n1` (first seen at line 3)",
            "duplicate id `\(zeros)` (first seen at line 2)",
        ])
        #expect(store.row(ofId: zeros) == 1)
        #expect(store.friend(at: 0).name == nil)
    }

    @Test func anEmptyFileLoadsNoFriend() throws {
        let (store, report) = try load("")
        #expect(store.count == 0)
        #expect(report == ImportReport())
    }

    @Test func theLastLineNeedsNoNewline() throws {
        let text = #"{"id":"a",\#(Self.t)}"# + "\n" + #"{"id":"b",\#(Self.t),"name":"Zoë"}"#
        let (store, report) = try load(text)
        #expect(report.accepted == 2)
        #expect(store.friend(at: 1).name == "Zoë")
    }

    /// The parallel reader's blocks cut lines in the middle at every
    /// position; the store is the one the sequential reader gives.
    @Test(arguments: [7, 64, 333])
    func linesCutBetweenBlocksGiveTheSameStore(blockSize: Int) throws {
        var g = FriendGenerator(seed: 5)
        var lines = g.friends(400).map(FriendJSONLWriter.line)
        lines[17] = #"{"id":"Ｕ全角","name":"Cafe\u0301",\#(Self.t)}"#
        lines[18] = lines[3]
        let text = lines.joined(separator: "\n")
        var friends: [Friend] = []
        let expectedReport = try JSONLFriendReader(text: text).forEach { friends.append($0) }
        let registry = FriendIdRegistry()
        let reader = ParallelJSONLFriendReader(input: .bytes(Array(text.utf8)), ids: registry, workers: 2,
                                               blockSize: blockSize)
        var builder = InMemoryStoreBuilder(registry: registry, trustedNFC: true)
        var remaps = BlockRemaps()
        let report = try reader.forEachBlock { block, rows in builder.append(block: block, rows: rows, remaps: &remaps) }
        let store = builder.build(settings: StoreSettings())
        #expect(report == expectedReport)
        #expect((0 ..< store.count).map { store.friend(at: $0) } == friends)
    }
}
