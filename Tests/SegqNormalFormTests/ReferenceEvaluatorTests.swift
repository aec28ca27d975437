import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqStore
import TestSupport
import SegqNormalForm

/// The oracle itself is checked against hand-worked cases of Grammar/README.md "Missing values and negation" and "Time".
private func cond(_ field: Field, _ type: ValueType, _ test: SegqSemantics.Test, negated: Bool = false) -> QueryNode {
    .condition(Condition(field: field, type: type, test: test, negated: negated))
}

private let utc = TimeZone(identifier: "UTC")!
private let day: Int64 = 86_400_000
/// 2026-11-23T10:00:00Z.
private let now = Int64(CalendarDate(year: 2026, month: 11, day: 23).daysSinceEpoch) * day + 10 * 3_600_000

private let unlinked = Friend(id: "u", addedAt: now - 10 * day)
private let buyer = Friend(id: "b", name: "Aiko", addedAt: now - 2 * day, tags: ["VIP", "Straße"],
                           shopify: ShopifyData(id: "s1", purchases: 5, lastPurchaseAt: now - 3 * day),
                           hubspot: CRMData(properties: ["stage": .string("Customer"), "score": .number(3)]))
private let light = Friend(id: "l", addedAt: now, shopify: ShopifyData(purchases: 1),
                           hubspot: CRMData(properties: ["stage": .number(3)]))
private let friends = [unlinked, buyer, light]

private func ids(_ node: QueryNode, zone: TimeZone = utc, segments: [String: Set<String>] = [:]) -> [String] {
    ReferenceEvaluator(context: EvaluationContext(now: now, timeZone: zone), segmentMembers: segments)
        .matchingIDs(TypedQuery(node), in: friends)
}

@Test func positiveTestsAreFalseOnMissingValues() {
    #expect(ids(cond(.shopifyPurchases, .int, .less(.int(3)))) == ["l"])
    #expect(ids(cond(.shopifyPurchases, .int, .greaterOrEqual(.int(3)), negated: true)) == ["u", "l"])
    #expect(ids(.not(cond(.shopifyPurchases, .int, .greaterOrEqual(.int(3))), nil)) == ["u", "l"])
    #expect(ids(cond(.name, .string, .isNull)) == ["u", "l"])
    #expect(ids(cond(.name, .string, .isNull, negated: true)) == ["b"])
    #expect(ids(cond(.shopifyId, .string, .equals(.string("s1")), negated: true)) == ["u", "l"])
    #expect(ids(cond(.shopifyAbandonedCart, .bool, .equals(.bool(false)))) == ["b", "l"])
    #expect(ids(cond(.shopifyAbandonedCart, .bool, .equals(.bool(true)), negated: true)) == ["u", "b", "l"])
    #expect(ids(cond(.shopifyLinked, .bool, .equals(.bool(true)))) == ["b", "l"])
}

@Test func setsAndTextFollowTheTable() {
    #expect(ids(cond(.tag, .stringSet, .equals(.string("VIP")))) == ["b"])
    #expect(ids(cond(.tag, .stringSet, .equals(.string("vip")))) == [])
    #expect(ids(cond(.tag, .stringSet, .contains("STRASSE"))) == ["b"])   // case folding: ß ~ ss
    #expect(ids(cond(.tag, .stringSet, .isEmpty)) == ["u", "l"])
    #expect(ids(cond(.tag, .stringSet, .oneOf([.string("x"), .string("VIP")]), negated: true)) == ["u", "l"])
    #expect(ids(cond(.shopifyTag, .stringSet, .isEmpty)) == ["b", "l"])
    #expect(ids(cond(.name, .string, .startsWith("ai"))) == ["b"])
    #expect(ids(cond(.segment, .stringSet, .equals(.string("S"))), segments: ["S": ["l", "u"]]) == ["u", "l"])
}

@Test func propertiesCompareOnlyValuesOfTheirKind() {
    let stage = Field.hubspotProperty("stage")
    #expect(ids(cond(stage, .string, .equals(.string("Customer")))) == ["b"])
    #expect(ids(cond(stage, .string, .equals(.string("3")))) == [])
    #expect(ids(cond(stage, .untyped, .equals(.number(3)))) == ["l"])
    #expect(ids(cond(stage, .string, .isNull)) == ["u"])
    #expect(ids(cond(.hubspotProperty("score"), .number, .between(.number(2.5), .number(3)))) == ["b"])
}

@Test func timesUseDaysOfTheStoreZone() {
    // `added >= -2d`: on or after 2026-11-21 00:00 in the zone.
    let recent = cond(.added, .time, .greaterOrEqual(.time(.relative(RelativeTime(count: -2, unit: .day)))))
    #expect(ids(recent) == ["b", "l"])
    // In Tokyo (UTC+9) it is already 19:00; b was added on 2026-11-21 at 19:00 local, still day -2.
    #expect(ids(recent, zone: TimeZone(identifier: "Asia/Tokyo")!) == ["b", "l"])
    // In Honolulu (UTC−10) now is 00:00 on the 23rd and b was added at 00:00 on the 21st.
    #expect(ids(recent, zone: TimeZone(identifier: "Pacific/Honolulu")!) == ["b", "l"])
    #expect(ids(cond(.added, .time, .equals(.time(.today)))) == ["l"])
    #expect(ids(cond(.added, .time, .less(.time(.today)))) == ["u", "b"])
    #expect(ids(cond(.shopifyDaysSinceLastPurchase, .int, .equals(.int(3)))) == ["b"])
    #expect(ids(cond(.shopifyLastPurchase, .time, .isNull)) == ["u", "l"])
    // within 7d ≡ between -7d and now
    #expect(ids(cond(.added, .time, .between(.time(.relative(RelativeTime(count: -7, unit: .day))), .time(.now)))) == ["b", "l"])
}

@Test func generatorsAreReproducibleAndCoverMissingValues() {
    let a = RandomFriends.make(count: 200, seed: 7), b = RandomFriends.make(count: 200, seed: 7)
    #expect(a == b)
    #expect(a != RandomFriends.make(count: 200, seed: 8))
    #expect(a.contains { $0.shopify == nil } && a.contains { $0.shopify != nil && $0.shopify?.lastPurchaseAt == nil })
    #expect(a.contains { $0.name == nil } && a.contains { $0.hubspot?.properties["stage"] == nil && $0.hubspot != nil })
    #expect(a.contains { $0.tags.isEmpty } && a.contains { $0.tags.contains { !$0.allSatisfy(\.isASCII) } })
    var q1 = RandomQueries(seed: 3), q2 = RandomQueries(seed: 3)
    let x = (0..<50).map { _ in q1.query() }, y = (0..<50).map { _ in q2.query() }
    #expect(x == y)
    // Every field appears in a few hundred conditions.
    var g = RandomQueries(seed: 11)
    let fields = Set((0..<2_000).map { _ in g.condition().field })
    #expect(fields.count == RandomQueries.fields.count)
}

@Test func generatedQueriesSplitGeneratedFriends() {
    let people = RandomFriends.make(count: 300, seed: 1)
    let evaluator = ReferenceEvaluator(context: RandomVocabulary.context,
                                       segmentMembers: RandomFriends.segmentMembers(of: people, seed: 1))
    var g = RandomQueries(seed: 5)
    var informative = 0
    for _ in 0..<300 {
        let n = evaluator.matchingIDs(TypedQuery(.condition(g.condition())), in: people).count
        if n > 0 && n < people.count { informative += 1 }
    }
    // Most single conditions match some but not all friends, so property tests can tell queries apart.
    #expect(informative > 150)
}

@Test func normalFormsAreEvaluatedAsOrOfAnds() {
    let evaluator = ReferenceEvaluator(context: EvaluationContext(now: now, timeZone: utc))
    let vip = Condition(field: .tag, type: .stringSet, test: .equals(.string("VIP")))
    let light = Condition(field: .shopifyPurchases, type: .int, test: .less(.int(3)))
    #expect(evaluator.matchingIDs(SegqNormalForm.NormalForm([Group([vip]), Group([light])]), in: friends) == ["b", "l"])
    #expect(evaluator.matchingIDs(SegqNormalForm.NormalForm([Group([vip, light])]), in: friends) == [])
    #expect(evaluator.matchingIDs(SegqNormalForm.NormalForm.nobody, in: friends) == [])
    #expect(evaluator.matchingIDs(SegqNormalForm.NormalForm.everybody, in: friends) == ["u", "b", "l"])
}
