import Testing
import SegqBasics
import SegqSyntax
@testable import SegqStore
@testable import SegqMemoryStore
import TestSupport

/// Packed LINE ids and the fallback for every other id read back the
/// bytes they were loaded with, and find their rows.
@Suite struct FriendIdColumnTests {
    static let line = "U" + String(repeating: "0123456789abcdef", count: 2)
    /// LINE-shaped ids beside ids that only look like them and ids of any shape.
    static let ids = [
        line,
        "U" + String(repeating: "f", count: 32),
        "U" + String(repeating: "0", count: 32),
        "U" + String(repeating: "0123456789ABCDEF", count: 2),   // upper case: kept whole
        "u" + String(repeating: "0123456789abcdef", count: 2),   // lower-case prefix
        "U" + String(repeating: "0123456789abcdef", count: 2) + "0",   // one digit too many
        "U" + String(repeating: "0123456789abcde", count: 2),    // too short
        "U" + String(repeating: "g", count: 32),
        "U01", "", "Café", "常連", "e\u{301}x", "🙂",
    ]

    func column(_ ids: [String]) -> FriendIdColumn {
        var d = StringDictionary()
        for id in ids { d.intern(id) }
        return FriendIdColumn(d)
    }

    @Test func everyIdReadsBackAndFindsItsRow() {
        let c = column(Self.ids)
        #expect(c.count == Self.ids.count)
        for (row, id) in Self.ids.enumerated() {
            #expect(c.string(at: row) == id)
            #expect(c.row(of: id) == row, "\(id)")
        }
    }

    @Test func absentIdsHaveNoRow() {
        let c = column(Array(Self.ids.prefix(3)))
        #expect(c.row(of: "U" + String(repeating: "1", count: 32)) == nil)
        #expect(c.row(of: "U01") == nil)
        #expect(c.row(of: "") == nil)
        #expect(column([]).row(of: Self.line) == nil)
        #expect(column(["a", "b"]).row(of: Self.line) == nil)
    }

    @Test func packingIsExactlyTheLineShape() {
        for id in Self.ids {
            var bytes = Array(id.utf8)
            let packed = bytes.withUnsafeMutableBufferPointer { FriendIdColumn.pack(UnsafeBufferPointer($0)) }
            let lineShaped = bytes.count == 33 && bytes[0] == 0x55
                && bytes.dropFirst().allSatisfy { (0x30 ... 0x39).contains($0) || (0x61 ... 0x66).contains($0) }
            #expect((packed != nil) == lineShaped, "\(id)")
        }
    }

    @Test func manyGeneratedIdsFindTheirRows() {
        var rng = SplitMix64(seed: 3)
        var ids: [String] = []
        for i in 0 ..< 5_000 {
            var s = "U"
            for _ in 0 ..< 32 { s.append(Character(String(rng.next() % 16, radix: 16))) }
            ids.append(i % 97 == 0 ? "other-\(i)" : s)
        }
        let c = column(ids)
        for (row, id) in ids.enumerated() where row % 7 == 0 {
            #expect(c.row(of: id) == row)
            #expect(c.string(at: row) == id)
        }
    }

    /// The store answers id tests through the packed column as it did with whole strings.
    @Test func storeIdTestsOverMixedIds() {
        let friends = Self.ids.enumerated().map { Friend(id: $1, addedAt: Int64($0)) }
            + [Friend(id: Self.line, name: "duplicate", addedAt: 99)]
        let store = InMemoryStore(friends: friends)
        #expect(store.count == Self.ids.count)
        #expect(store.friend(at: 0).name == nil)
        let tests: [Predicate] = [
            .equals(.string(Self.line)), .equals(.string("Cafe\u{301}")), .equals(.string("U01")),
            .oneOf([.string("🙂"), .string(Self.ids[3]), .string("nobody")]),
            .text(.contains, "abc"), .text(.startsWith, "U0"), .text(.endsWith, "ef"),
            .range(lower: .string("U0"), lowerInclusive: true, upper: .string("Ug"), upperInclusive: false),
        ]
        for p in tests {
            let expr = PhysicalExpr.atom(Atom(.id, p))
            let expected = (0 ..< Self.ids.count).filter { PhysicalOracle.holds(expr, on: friends[$0].nfcNormalized()) }
            #expect(store.evaluate(expr).rows() == expected, "\(p)")
            #expect(store.count(expr) == expected.count, "\(p)")
        }
        #expect(store.rows(ofFriendIDs: [Self.ids[1], "Café", "missing"]).rows() == [1, 10])
    }
}
