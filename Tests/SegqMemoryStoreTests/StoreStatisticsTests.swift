import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqMemoryStore

@Suite struct StoreStatisticsTests {
    let store = InMemoryStore(friends: edgeFriends, settings: StoreSettings(declaredIntegrations: []))

    @Test func countsPerColumn() throws {
        let s = store.statistics
        #expect(s.friendCount == 12)
        #expect(s.linkedCounts == [.shopify: 7, .hubspot: 6, .klaviyo: 4])
        let tag = try #require(s[.tag])
        #expect(tag.presentCount == 12)
        #expect(tag.topValues.first == ValueCount(value: "VIP", count: 6))
        #expect(tag.distinctCount == 8)
        let name = try #require(s[.name])
        #expect(name.presentCount == 11)   // U02 has none; U07's empty name is a value here
        #expect(name.topValues.prefix(2) == [ValueCount(value: "Aiko Tanaka", count: 2), ValueCount(value: "bob", count: 2)])
        let purchases = try #require(s[.shopifyPurchases])
        #expect(purchases.type == .int)
        #expect(purchases.presentCount == 7)
        #expect(purchases.minimum == .int(0) && purchases.maximum == .int(100))
        #expect(purchases.histogram.map(\.count).reduce(0, +) == 7)
        #expect(s[.shopifyLinked]?.topValues == [ValueCount(value: "true", count: 7), ValueCount(value: "false", count: 5)])
    }

    /// Grammar/README.md "Fields": all numbers → number, all booleans → bool, otherwise string.
    @Test func propertyTypesFollowTheData() {
        #expect(store.statistics.hubspotProperties == ["stage": .string, "score": .string, "vip": .bool])
        #expect(store.statistics.klaviyoProperties == ["city": .string, "orders": .number, "vip": .string])
        #expect(store.statistics[.klaviyoProperty("orders")]?.maximum == .number(12.5))
    }

    @Test func schemaHasLinkedAndDeclaredIntegrations() {
        #expect(store.schema.integrations == [.shopify, .hubspot, .klaviyo])
        let onlyDeclared = InMemoryStore(friends: [Friend(id: "x", addedAt: 0)],
                                         settings: StoreSettings(declaredIntegrations: [.klaviyo]))
        #expect(onlyDeclared.schema.integrations == [.klaviyo])
        #expect(onlyDeclared.schema.klaviyoProperties == [:])
        #expect(onlyDeclared.schema.segmentNames == [])
    }

    @Test func knownValuesForWarningsAndCompletion() {
        #expect(store.knownValues(of: .tag) == ["VIP", "常連", "vip", "Wholesale", "Complaint-Pending", "東京",
                                                 "trade show 2026", "école"])
        #expect(store.knownValues(of: .shopifyTag) == ["loyalty-gold", "wholesale", "Wholesale"])
        #expect(store.knownValues(of: .hubspotSegment) == ["Newsletter", "Partners"])
        #expect(store.knownValues(of: .klaviyoList) == ["VIP list", "Newsletter"])
        #expect(store.knownValues(of: .hubspotProperty("stage")) == ["Customer", "Lead", "customer"])
        #expect(store.knownValues(of: .hubspotProperty("score")) == ["high"])
        #expect(store.knownValues(of: .klaviyoProperty("orders")) == nil)
        #expect(store.knownValues(of: .name) == nil)
        #expect(store.knownValues(of: .hubspotProperty("nope")) == nil)
    }

    @Test func accessPathsForExplain() {
        #expect(store.access(for: Atom(.tag, .equals(.string("VIP")))) == .bitmap)
        #expect(store.access(for: Atom(.added, .range(lower: .int(0), lowerInclusive: true, upper: nil, upperInclusive: false))) == .sortedRange)
        #expect(store.access(for: Atom(.id, .text(.contains, "U1"))) == .scan)
    }
}
