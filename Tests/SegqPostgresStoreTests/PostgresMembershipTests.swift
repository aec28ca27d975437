import Foundation
import Testing
import SegqStore
@testable import SegqPostgresStore

/// Set and property tests run as the row's membership in a set of friend
/// row ids built once per statement: these cases aim at its edges (an
/// empty account, one friend, the same values in several accounts, a value
/// most friends hold) and check counts and row ids against the friends
/// themselves.
@Suite struct PostgresMembershipTests {
    static func tag(_ value: String) -> PhysicalExpr { .atom(Atom(.tag, .equals(.string(value)))) }
    static func shopifyTag(_ value: String) -> PhysicalExpr { .atom(Atom(.shopifyTag, .equals(.string(value)))) }
    static func stage(_ value: String) -> PhysicalExpr { .atom(Atom(.hubspotProperty("stage"), .equals(.string(value)))) }

    static func store(_ friends: [Friend], account prefix: String, database: TestServer.Database? = nil) throws -> PostgresStore {
        let database = try database ?? TestServer.sharedDatabase()
        let store = try PostgresStore.openOrCreate(database.url(account: TestServer.freshAccount(prefix)))
        try store.importFriends(friends, mode: .replace, now: 0)
        return store
    }

    @Test func anEmptyAccountMatchesNothingEvenNegated() throws {
        let store = try Self.store([], account: "empty")
        for expr in [Self.tag("VIP"), .not(Self.tag("VIP")), .not(Self.stage("Customer")), .all,
                     .or([.not(Self.shopifyTag("x")), Self.tag("VIP")])] {
            #expect(try store.count(expr) == 0)
            #expect(try store.rowIDs(expr, limit: 10).isEmpty)
        }
    }

    @Test func oneFriendIsInTheComplementOfEveryValueItLacks() throws {
        let friend = Friend(id: "only", addedAt: 1, tags: ["VIP"])
        let store = try Self.store([friend], account: "one")
        #expect(try store.count(Self.tag("VIP")) == 1)
        #expect(try store.count(.not(Self.tag("VIP"))) == 0)
        #expect(try store.count(.not(Self.tag("Other"))) == 1)
        // Missing integrations: a negated test includes the friend.
        #expect(try store.count(Self.shopifyTag("gold")) == 0)
        #expect(try store.count(.not(Self.shopifyTag("gold"))) == 1)
        #expect(try store.count(.not(Self.stage("Customer"))) == 1)
        #expect(try store.rowIDs(.and([Self.tag("VIP"), .not(Self.stage("Customer"))]), limit: 5) == [0])
    }

    @Test func accountsHoldingTheSameValuesCountOnlyTheirOwnFriends() throws {
        let database = try TestServer.sharedDatabase()
        func friends(_ n: Int, vipEvery k: Int) -> [Friend] {
            var out: [Friend] = []
            for i in 0..<n {
                let tags: [String] = i % k == 0 ? ["VIP"] : ["Newsletter"]
                let hubspot: CRMData? = i % 3 == 0 ? CRMData(properties: ["stage": .string("Customer")]) : nil
                out.append(Friend(id: "f\(i)", addedAt: Int64(i), tags: tags, hubspot: hubspot))
            }
            return out
        }
        let (friendsA, friendsB) = (friends(40, vipEvery: 2), friends(25, vipEvery: 5))
        let a = try Self.store(friendsA, account: "same-a", database: database)
        let b = try Self.store(friendsB, account: "same-b", database: database)
        for (store, list) in [(a, friendsA), (b, friendsB)] {
            let vip = list.indices.filter { list[$0].tags.contains("VIP") }
            let customer = Set(list.indices.filter { list[$0].hubspot != nil })
            #expect(try store.count(Self.tag("VIP")) == vip.count)
            #expect(try store.rowIDs(Self.tag("VIP"), limit: nil) == vip)
            #expect(try store.count(.not(Self.tag("VIP"))) == list.count - vip.count)
            let either = list.indices.filter { list[$0].tags.contains("VIP") || customer.contains($0) }
            #expect(try store.rowIDs(.or([Self.tag("VIP"), Self.stage("Customer")]), limit: nil) == either)
            #expect(try store.count(.not(.or([Self.tag("VIP"), Self.stage("Customer")]))) == list.count - either.count)
        }
    }

    @Test func aValueMostFriendsHoldIsComplementedExactly() throws {
        var friends: [Friend] = []
        for i in 0..<3_000 {
            let tags: [String] = i % 100 == 0 ? ["rare"] : ["common"]
            let shopify: ShopifyData? = i % 2 == 0 ? ShopifyData(tags: ["gold"]) : nil
            friends.append(Friend(id: "f\(i)", addedAt: Int64(i), tags: tags, shopify: shopify))
        }
        let store = try Self.store(friends, account: "common")
        let notCommonOrRare: [Friend] = friends.filter { (f: Friend) -> Bool in
            !f.tags.contains("common") || f.tags.contains("rare")
        }
        let either = PhysicalExpr.or([PhysicalExpr.not(Self.tag("common")), Self.tag("rare")])
        #expect(try store.count(either) == notCommonOrRare.count)
        let notGold: [Friend] = friends.filter { (f: Friend) -> Bool in !(f.shopify?.tags.contains("gold") ?? false) }
        let lacksGold = PhysicalExpr.not(Self.shopifyTag("gold"))
        #expect(try store.count(lacksGold) == notGold.count)
        #expect(try store.rowIDs(lacksGold, limit: 3) == [1, 3, 5])
    }
}
