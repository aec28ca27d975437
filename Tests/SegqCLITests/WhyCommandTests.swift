import Foundation
import Testing
import TestSupport

/// `segq why`, `segq tag folder` and `explain --analyze --no-timings`
/// through the binary, on a SQLite store imported from the sample friends.
@Suite(.serialized) struct WhyCommandTests {
    static let now = CatalogCommandTests.now

    static func firstID(_ store: SampleDatabase, _ query: String) throws -> String {
        let ids = try store.segq(["eval", "--now", now, "--format", "ids", "--limit", "1", query])
        let id = ids.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!id.isEmpty, "\(ids.combined)")
        return id
    }

    @Test func whyNamesTheFailingConditionOfEachGroup() throws {
        let store = try CatalogCommandTests.store()
        let id = try Self.firstID(store, "shopify.purchases = 2 and not hubspot.linked")
        let query = #"shopify.purchases >= 3 or hubspot.stage = "Customer""#
        let text = try store.segq(["why", "--now", Self.now, id, query])
        #expect(text.status == 0, "\(text.combined)")
        #expect(text.stdout.contains(#"is not in: group 1 fails on `shopify.purchases >= 3` (has 2); "#
            + #"group 2 fails on `hubspot.stage = "Customer"` (not linked to HubSpot)"#), "\(text.stdout)")

        let json = try store.segq(["why", "--now", Self.now, "--json", id, query])
        let object = CatalogCommandTests.json(json.stdout)
        #expect(object["matches"] as? Bool == false)
        #expect((object["groups"] as? [Any])?.count == 2)
        #expect((object["friend"] as? [String: Any])?["id"] as? String == id)
    }

    @Test func whyExplainsASavedSegment() throws {
        let store = try CatalogCommandTests.store()
        #expect(try store.segq(["segment", "save", "Buyers", "--query", "shopify.purchases >= 3"]).status == 0)
        let id = try Self.firstID(store, "shopify.purchases >= 4")
        let result = try store.segq(["why", "--now", Self.now, "--segment", "Buyers", id])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("is in: group 1 holds"))
    }

    @Test func whyRefusesAnUnknownFriendAndAMissingQuery() throws {
        let store = try CatalogCommandTests.store()
        let unknown = try store.segq(["why", "--now", Self.now, "nobody", #"tag = "VIP""#])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains(#"no friend has the id "nobody""#), "\(unknown.combined)")
        #expect(try store.segq(["why", "nobody"]).status == 2)
    }

    @Test func tagFolderSetsAndClearsTheFolder() throws {
        let store = try CatalogCommandTests.store()
        let set = try store.segq(["tag", "folder", "VIP", "Loyalty"])
        #expect(set.status == 0, "\(set.combined)")
        #expect(set.stdout == "tag \"VIP\" is in folder \"Loyalty\"\n")
        let list = try store.segq(["tag", "list", "--json"])
        let rows = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.first { $0["name"] as? String == "VIP" }?["folder"] as? String == "Loyalty")
        #expect(try store.segq(["tag", "folder", "VIP", "--none"]).stdout == "tag \"VIP\" is in no folder\n")
        #expect(try store.segq(["tag", "folder", "VIP"]).status == 2)
        #expect(try store.segq(["tag", "folder", "No such tag", "X"]).status == 1)
    }

    @Test func explainAnalyzeCanLeaveOutItsTimings() throws {
        let store = try CatalogCommandTests.store()
        for engine in ["memory", "sqlite"] {
            let result = try store.segq(["explain", "--now", Self.now, "--analyze", "--no-timings", "--engine", engine,
                                        #"tag = "VIP" and shopify.purchases >= 3"#])
            #expect(result.status == 0, "\(result.combined)")
            #expect(result.stdout.contains("actual "), "\(result.stdout)")
            #expect(!result.stdout.contains("  time ") && !result.stdout.contains("total time"), "\(result.stdout)")
        }
    }
}
