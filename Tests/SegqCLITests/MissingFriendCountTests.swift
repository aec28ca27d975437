import Foundation
import Testing
import TestSupport

/// W0103's counts of the friends it names, on the sample as a JSONL store
/// and imported into SQLite, against the records read with Foundation.
@Suite(.serialized) struct MissingFriendCountTests {
    static let records: [[String: Any]] = {
        let url = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }()

    static var notLinkedToShopify: Int { records.filter { $0["shopify"] == nil }.count }
    static var shopifyWithoutPurchase: Int {
        records.compactMap { $0["shopify"] as? [String: Any] }.filter { $0["last_purchase_at"] == nil }.count
    }

    static func message(_ query: String, store: String) throws -> String {
        let result = try CLIRunner.run(["check", "--json", "--store", store, query])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        let w0103 = diagnostics.first { $0["code"] as? String == "W0103" }
        return try #require(w0103?["message"] as? String, "\(query): \(result.combined)")
    }

    static func check(store: String) throws {
        #expect(Self.records.count == 2000)
        let unlinked = try Self.message("not shopify.purchases >= 1", store: store)
        #expect(unlinked.contains("every friend not linked to Shopify (\(Self.notLinkedToShopify) friends, who have no"),
                "\(unlinked)")
        let both = try Self.message("not shopify.last_purchase >= -30d", store: store)
        #expect(both == "this negation also matches every friend not linked to Shopify (\(Self.notLinkedToShopify) friends)"
                + ", and friends linked to Shopify with no `shopify.last_purchase` (\(Self.shopifyWithoutPurchase) friends)")
        let linkedOnly = try Self.message("shopify.linked and not shopify.last_purchase >= -30d", store: store)
        #expect(linkedOnly == "this negation also matches friends linked to Shopify with no `shopify.last_purchase`"
                + " (\(Self.shopifyWithoutPurchase) friends)")
    }

    @Test func countsOnTheJSONLStore() throws {
        try Self.check(store: "samples/friends.jsonl")
    }

    @Test func countsOnTheSQLiteStore() throws {
        let database = try SampleDatabase("w0103")
        try Self.check(store: database.path)
    }
}
