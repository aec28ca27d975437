import Testing
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
import SegqSQLiteStore
import Segq
@testable import SegqPlanner

/// Grammar/README.md "Missing values and negation" through the planner and both engines: a positive test is
/// false on a missing value, its negation true.
@Suite struct MissingValueTests {
    func ids(_ form: NormalForm) throws -> [String] {
        try QueryRunner(memory: InMemoryStore(friends: Build.friends)).friendIDs(form, context: Build.context)
    }

    func sqliteIDs(_ form: NormalForm) throws -> [String] {
        let store = try SQLiteStore.create(path: ":memory:")
        try store.importFriends(Build.friends, now: 0)
        return try QueryRunner(sqlite: store).friendIDs(form, context: Build.context)
    }

    @Test func positiveRangeExcludesUnlinkedFriends() throws {
        let form = Build.form([Build.c(.shopifyPurchases, .less(.int(3)))])
        #expect(try ids(form) == ["b"])
        #expect(try sqliteIDs(form) == ["b"])
    }

    @Test func negatedRangeIncludesUnlinkedFriends() throws {
        let form = Build.form([Build.c(.shopifyPurchases, .greaterOrEqual(.int(3)), not: true)])
        #expect(try ids(form) == ["b", "c"])
        #expect(try sqliteIDs(form) == ["b", "c"])
    }

    @Test func notEqualOnAPropertyIncludesFriendsWithoutIt() throws {
        let form = Build.form([Build.c(.hubspotProperty("stage"), .equals(.string("Customer")), not: true)])
        #expect(try ids(form) == ["a", "b", "c"])
        #expect(try sqliteIDs(form) == ["a", "b", "c"])
    }

    @Test func isNullIsExactlyTheMissingValues() throws {
        let form = Build.form([Build.c(.name, .isNull)])
        #expect(try ids(form) == ["b", "d"])
        let notNull = Build.form([Build.c(.name, .isNull, not: true)])
        #expect(try ids(notNull) == ["a", "c"])
    }

    @Test func negatedSetMembershipIncludesFriendsWithoutTags() throws {
        let form = Build.form([Build.c(.tag, .equals(.string("VIP")), not: true)])
        #expect(try ids(form) == ["b", "c"])
    }

    @Test func groupsAreUnionedAndConditionsIntersected() throws {
        let form = Build.form([Build.c(.tag, .equals(.string("VIP"))), Build.c(.shopifyPurchases, .greaterOrEqual(.int(4)))],
                              [Build.c(.hubspotProperty("stage"), .equals(.string("Customer")))])
        #expect(try ids(form) == ["a", "d"])
        #expect(try sqliteIDs(form) == ["a", "d"])
    }

    @Test func noGroupsIsNobodyAndAnEmptyGroupEverybody() throws {
        #expect(try ids(.nobody) == [])
        #expect(try ids(.everybody) == ["a", "b", "c", "d"])
        #expect(try sqliteIDs(.everybody) == ["a", "b", "c", "d"])
    }
}
