import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm

private func c(_ field: Field, _ type: ValueType, _ test: SegqSemantics.Test, negated: Bool = false) -> Condition {
    Condition(field: field, type: type, test: test, negated: negated)
}

@Test func groupsJSONShape() {
    let nf = NormalForm([
        Group([c(.tag, .stringSet, .equals(.string("VIP"))),
               c(.shopifyPurchases, .int, .greaterOrEqual(.int(3)), negated: true)]),
        Group([c(.added, .time, .between(.time(.relative(RelativeTime(count: -7, unit: .day))), .time(.now))),
               c(.hubspotProperty("lead status"), .string, .oneOf([.string("OPEN"), .string("new")])),
               c(.hubspotProperty("score"), .number, .less(.number(2.5))),
               c(.name, .string, .isNull)]),
    ])
    let expected = #"""
    [[{"field":"tag","type":"set<string>","test":"=","negated":false,"value":"VIP","matches_missing":false,"text":"tag = \"VIP\""},\#
    {"field":"shopify.purchases","type":"int","test":">=","negated":true,"value":3,"matches_missing":true,"text":"not shopify.purchases >= 3"}],\#
    [{"field":"added","type":"time","test":"between","negated":false,"values":["-7d","now"],"matches_missing":false,"text":"added between -7d and now"},\#
    {"field":"hubspot.`lead status`","type":"string","test":"in","negated":false,"values":["OPEN","new"],"matches_missing":false,"text":"hubspot.`lead status` in (\"OPEN\", \"new\")"},\#
    {"field":"hubspot.score","type":"number","test":"<","negated":false,"value":2.5,"matches_missing":false,"text":"hubspot.score < 2.5"},\#
    {"field":"name","type":"string","test":"is null","negated":false,"matches_missing":true,"text":"name is null"}]]
    """#
    #expect(GroupsJSON.groups(nf).serialized() == expected)
}

@Test func groupsJSONOfConstants() {
    #expect(GroupsJSON.groups(.nobody).serialized() == "[]")
    #expect(GroupsJSON.groups(.everybody).serialized() == "[[]]")
}

@Test func matchesMissingFollowsTheMissingValueRule() {
    #expect(!GroupsJSON.matchesMissing(c(.shopifyPurchases, .int, .less(.int(3)))))
    #expect(GroupsJSON.matchesMissing(c(.shopifyPurchases, .int, .less(.int(3)), negated: true)))
    #expect(GroupsJSON.matchesMissing(c(.name, .string, .isNull)))
    #expect(!GroupsJSON.matchesMissing(c(.name, .string, .isNull, negated: true)))
    #expect(!GroupsJSON.matchesMissing(c(.tag, .stringSet, .equals(.string("a")), negated: true)))   // never missing
}

@Test func groupsJSONResolvesTimesWithAContext() {
    // 2026-11-23T10:00:00Z in New York (UTC−5 in November).
    let now = Int64(CalendarDate(year: 2026, month: 11, day: 23).daysSinceEpoch) * 86_400_000 + 10 * 3_600_000
    let context = EvaluationContext(now: now, timeZone: TimeZone(identifier: "America/New_York")!)
    let lastWeek = c(.added, .time, .greaterOrEqual(.time(.relative(RelativeTime(count: -7, unit: .day)))), negated: true)
    let json = GroupsJSON.condition(lastWeek, context: context).serialized()
    #expect(json.hasSuffix(#""resolved":{"from":"2026-11-16T05:00:00.000Z","to":null}}"#), "\(json)")
    let today = c(.shopifyLastPurchase, .time, .equals(.time(.today)))
    #expect(GroupsJSON.condition(today, context: context).serialized()
        .hasSuffix(#""resolved":{"from":"2026-11-23T05:00:00.000Z","to":"2026-11-24T04:59:59.999Z"}}"#))
    // No context, or not a time field: no `resolved`.
    #expect(!GroupsJSON.condition(lastWeek).serialized().contains("resolved"))
    #expect(!GroupsJSON.condition(c(.name, .string, .isNull), context: context).serialized().contains("resolved"))
}
