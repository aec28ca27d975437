import Foundation
import Testing
@testable import SegqStore
@testable import SegqMemoryStore

/// Loading JSON Lines straight into columns (`forEachBlock` +
/// `InMemoryStoreBuilder.append(block:…)`) gives the store and report that
/// building from the sequential reader's `Friend`s gives.
@Suite struct ColumnarJSONLLoadTests {
    func tricky() -> [String] {
        let t = #""added_at":"2026-01-01T00:00:00Z""#
        return [
            #"{"id":"n1","name":"José","#+t+#","tags":["Cafe\u0301","Café","VIP","VIP"],"hubspot":{"id":"h1","segments":["A","A","B"],"properties":{"stage":"Lead","score":3.5,"ok":true,"none":null}}}"#,
            #"{"id":"n2","name":"","#+t+#","tags":null,"shopify":{"id":"","tags":["x"],"purchases":0,"last_purchase_at":null}}"#,
            #"{"id":"n3","#+t+#","klaviyo":{"lists":["L"],"properties":{"cafe\u0301":"e\u0301","n":-0.0,"b":false}}}"#,
            #"{"id":"n4","#+t+#","hubspot":{"properties":{"café":1,"cafe\u0301":2}}}"#,   // duplicate key after NFC
            #"{"id":"n5","#+t+#","hubspot":{"properties":{"stage":1,"stage":2}}}"#,
            #"{"id":"n6","#+t+#","klaviyo":{"properties":{"":1}}}"#,
            #"{"id":"n7","#+t+#","klaviyo":{"properties":{"k":[1]}}}"#,
            #"{"id":"n8","#+t+#","tags":["ok",""]}"#,
            #"{"id":"n9","#+t+#","tags":["ok",3]}"#,
            #"{"id":"","#+t+#"}"#,
            #"{"id":null,"#+t+#"}"#,
            #"{"#+t+#"}"#,
            #"{"id":"n10"}"#,
            #"{"id":"n11","added_at":null}"#,
            #"{"id":"n12","#+t+#","id":"n13"}"#,
            #"{"id":"n14","#+t+#","shopify":{"purchases":-1}}"#,
            #"{"id":"n15","#+t+#","shopify":{"purchases":1.5,"bogus":1}}"#,
            #"{"id":"n16","#+t+#","hubspot":{"segments":"A"}}"#,
            #"{"id":"n17","#+t+#","extra":1}"#,
            #"{"id":"n18","#+t+#"} x"#,
            #"[1]"#,
            "",
            #"{"id":"n1","#+t+#"}"#,                                  // duplicate id
            #"{"id":"\u006e1","#+t+#"}"#,                              // the same id, escaped
            #"{"id":"Cafe\u0301","#+t+#","shopify":null,"hubspot":null,"klaviyo":{}}"#,
            #"{"id":"Café","#+t+#"}"#,                                 // duplicate after NFC
            #"{"\u0069d":"n20","#+t+#","hubspot":{"properties":{"k\u00e9y":"v","stage":"Lead"}}}"#,   // escaped keys
            #"{"id":"n19","name":"Ann","#+t+#","shopify":{"tags":["b","a","b"],"purchases":2,"abandoned_cart_at":"2026-02-01T00:00:00+09:00"},"hubspot":{"properties":{"stage":"Customer"}}}"#,
        ]
    }

    func columnar(_ text: String, workers: Int, blockSize: Int) throws -> (InMemoryStore, ImportReport) {
        let registry = FriendIdRegistry()
        let reader = ParallelJSONLFriendReader(input: .bytes(Array(text.utf8)), ids: registry,
                                               workers: workers, blockSize: blockSize)
        var builder = InMemoryStoreBuilder(registry: registry, trustedNFC: true)
        var remaps = BlockRemaps()
        let report = try reader.forEachBlock { block, rows in
            builder.append(block: block, rows: rows, remaps: &remaps)
        }
        return (builder.build(settings: StoreSettings()), report)
    }

    func check(_ text: String, workers: Int, blockSize: Int) throws {
        var friends: [Friend] = []
        let expectedReport = try JSONLFriendReader(text: text).forEach { friends.append($0) }
        let expected = InMemoryStore(friends: friends)
        let (store, report) = try columnar(text, workers: workers, blockSize: blockSize)
        #expect(report == expectedReport)
        #expect(store.count == expected.count)
        #expect((0 ..< store.count).map { store.friend(at: $0) } == (0 ..< expected.count).map { expected.friend(at: $0) })
        #expect(store.statistics == expected.statistics)
    }

    @Test(arguments: [(1, 1), (2, 200), (2, 1 << 20)])
    func trickyRecordsGiveTheSameStoreAndProblems(workers: Int, blockSize: Int) throws {
        let lines = tricky()
        let (_, report) = try columnar(lines.joined(separator: "\n"), workers: workers, blockSize: blockSize)
        #expect(report.accepted == 6)
        #expect(report.problems.count == lines.count - 1 - 6)
        try check(lines.joined(separator: "\n"), workers: workers, blockSize: blockSize)
    }

    @Test func withoutARegistryRepeatedIdsAreSkipped() throws {
        let text = tricky().joined(separator: "\n")
        let reader = ParallelJSONLFriendReader(input: .bytes(Array(text.utf8)), ids: nil, workers: 2, blockSize: 100)
        var builder = InMemoryStoreBuilder()
        var remaps = BlockRemaps()
        _ = try reader.forEachBlock { block, rows in builder.append(block: block, rows: rows, remaps: &remaps) }
        let store = builder.build(settings: StoreSettings())
        #expect(builder.duplicatesSkipped == 3)
        #expect((0 ..< store.count).map { store.id(at: $0) } == ["n1", "n2", "n3", "Caf\u{E9}", "n20", "n19"])
    }

    @Test(arguments: [(2, 1000), (3, 1 << 16)])
    func generatedFriendsGiveTheSameStore(workers: Int, blockSize: Int) throws {
        var g = FriendGenerator(seed: 11)
        var lines = g.friends(3000).map(FriendJSONLWriter.line)
        lines[5] = lines[2900]
        lines[1700] = #"{"id":"z","added_at":"nope"}"#
        try check(lines.joined(separator: "\n"), workers: workers, blockSize: blockSize)
    }
}
