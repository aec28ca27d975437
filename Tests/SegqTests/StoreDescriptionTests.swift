import Foundation
import Segq
import Testing

/// `describeStore`, `fields` and `suggestValues` through the library.
@Suite struct StoreDescriptionTests {
    @Test func describesTheSampleStore() throws {
        let session = try FacadeStore.memorySession()
        let description = try #require(try session.describeStore())
        #expect(description.kind == .friendFiles)
        #expect(description.friendCount == 2000)
        #expect(description.timeZone == "UTC")
        #expect(description.integrations == ["hubspot", "klaviyo", "shopify"])
        #expect(description.segments.isEmpty)

        let purchases = try #require(description.fields.first { $0.path == "shopify.purchases" })
        #expect(purchases.type == "int")
        #expect(purchases.integration == "shopify")
        #expect(purchases.missingWhen == "not linked")
        #expect(description.fields.first { $0.path == "id" }?.missingWhen == nil)
        #expect(description.properties.map(\.path).contains("hubspot.stage"))
        #expect(description.properties.first { $0.path == "hubspot.score" }?.type == "number")
        let properties = description.properties
        #expect(properties.allSatisfy { $0.isProperty })

        let vip = try #require(description.tags.first { $0.name == "VIP" })
        let evaluator = try #require(QueryEvaluator(session: session))
        let vipCount = try evaluator.count(session.compile(#"tag = "VIP""#))
        #expect(vip.friendCount == vipCount)
        #expect(description.tags.map(\.name) == description.tags.map(\.name).sorted())
        let lists = try #require(description.lists["klaviyo.list"])
        #expect(!lists.isEmpty)
        for list in lists.prefix(3) {
            let query = "klaviyo.list = \(CatalogRendering.quoted(list.value))"
            let count = try evaluator.count(session.compile(query))
            #expect(list.count == count)
        }
    }

    @Test func aSQLiteStoreListsItsSegmentsAndZone() throws {
        let store = try FacadeStore()
        let session = try store.session()
        try SegmentCatalog(session: session).save(name: "Newsletter", query: #"tag = "Newsletter""#, folder: "Mail")
        session.timeZoneOverride = TimeZone(identifier: "Asia/Tokyo")
        let description = try #require(try session.describeStore())
        #expect(description.kind == .sqlite)
        #expect(description.timeZone == "Asia/Tokyo")
        #expect(description.segments.map(\.segment.name) == ["Newsletter"])
        #expect(description.segments.first?.segment.folder == "Mail")
        #expect(description.segments.first?.count == description.tags.first { $0.name == "Newsletter" }?.friendCount)
    }

    @Test func noStoreNoDescription() throws {
        #expect(try Session(store: nil).describeStore() == nil)
        #expect(Session(store: nil).fields().contains { $0.path == "klaviyo.list" })
    }

    @Test func suggestsValuesByPrefixWithCounts() throws {
        let session = try FacadeStore.memorySession()
        let evaluator = try #require(QueryEvaluator(session: session))
        let suggestions = session.suggestValues(for: "tag", prefix: "v", counting: evaluator)
        #expect(suggestions.map(\.value) == ["VIP", "vip"])
        let vipCount = try evaluator.count(session.compile(#"tag = "VIP""#))
        #expect(suggestions.first?.count == vipCount)
        #expect(session.suggestValues(for: "tag", prefix: "V").map(\.count) == [nil, nil])
        #expect(session.suggestValues(for: "tag", limit: 3).count == 3)
        #expect(session.suggestValues(for: "hubspot.stage", prefix: "cust", counting: evaluator).map(\.value) == ["Customer"])
        #expect(session.suggestValues(for: "shopify.purchases").isEmpty)
        #expect(session.suggestValues(for: "nonsense").isEmpty)
    }

    /// A limit smaller than the field's values keeps the most held ones,
    /// not the first in alphabetical order; each count is what `tag = V` matches.
    @Test func valueSuggestionsKeepTheMostHeldUnderALimit() throws {
        let session = try FacadeStore.memorySession()
        let evaluator = try #require(QueryEvaluator(session: session))
        let every = session.suggestValues(for: "tag", limit: Int.max, counting: evaluator)
        let most = try #require(every.max { ($0.count ?? 0, $1.value) < ($1.count ?? 0, $0.value) })
        #expect(most.value != every.first?.value, "the sample's most held tag is not its first in order")
        let top = try ValueSuggestions.make(session: session, field: "tag", limit: 1)
        #expect(top.values == [most])
        #expect(top.more == every.count - 1)
        #expect(most.count == (try evaluator.count(session.compile("tag = \"\(most.value)\""))))
    }
}
