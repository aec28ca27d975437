import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm

private func c(_ field: Field, _ type: ValueType, _ test: SegqSemantics.Test, negated: Bool = false) -> Condition {
    Condition(field: field, type: type, test: test, negated: negated)
}

private func summary(_ groups: [[Condition]], context: EvaluationContext? = nil) -> String {
    Summary.text(of: NormalForm(groups.map(Group.init)), context: context)
}

/// 2026-11-23T10:00:00Z.
private let now = Int64(CalendarDate(year: 2026, month: 11, day: 23).daysSinceEpoch) * 86_400_000 + 10 * 3_600_000
private let utc = EvaluationContext(now: now)
private let lastWeek = SegqSemantics.Test.greaterOrEqual(.time(.relative(RelativeTime(count: -7, unit: .day))))

@Test func summaryOfConstants() {
    #expect(summary([]) == "No friends: the query can never match.")
    #expect(summary([[]]) == "All friends.")
}

@Test func summaryNamesFriendsTakenInByNegations() {
    #expect(summary([[c(.shopifyPurchases, .int, .greaterOrEqual(.int(3)), negated: true)]])
            == "Friends whose number of Shopify purchases is not at least 3, including friends not linked to Shopify.")
    #expect(summary([[c(.shopifyPurchases, .int, .greaterOrEqual(.int(3)))]])
            == "Friends whose number of Shopify purchases is at least 3.")
    #expect(summary([[c(.tag, .stringSet, .equals(.string("VIP"))),
                      c(.name, .string, .contains("ai"), negated: true),
                      c(.hubspotProperty("stage"), .string, .equals(.string("Lead")), negated: true)]])
            == #"Friends who have the tag "VIP" and whose name does not contain "ai" (ignoring case) and whose HubSpot `stage` is not "Lead", including friends with no name or not linked to HubSpot or with no HubSpot `stage`."#)
    #expect(summary([[c(.name, .string, .isNull)]]) == "Friends who have no name.")
    #expect(summary([[c(.name, .string, .isNull, negated: true)]]) == "Friends who have a name.")
}

@Test func summaryOfSeveralGroups() {
    #expect(summary([[c(.tag, .stringSet, .equals(.string("VIP"))), c(.shopifyPurchases, .int, .greaterOrEqual(.int(3)))],
                     [c(.hubspotProperty("stage"), .string, .equals(.string("Customer")))]])
            == #"Either friends who have the tag "VIP" and whose number of Shopify purchases is at least 3; or friends whose HubSpot `stage` is "Customer"."#)
    #expect(summary([[c(.shopifyLinked, .bool, .equals(.bool(true)), negated: true)],
                     [c(.klaviyoList, .stringSet, .oneOf([.string("a"), .string("b")]), negated: true)]])
            == #"Either friends who are not linked to Shopify; or friends who are on none of the Klaviyo lists "a", "b", including friends not linked to Klaviyo."#)
}

@Test func summaryResolvesTimesWithAContext() {
    #expect(summary([[c(.added, .time, lastWeek)]]) == "Friends who were added on or after 7 days ago.")
    #expect(summary([[c(.added, .time, lastWeek)]], context: utc)
            == "Friends who were added on or after 16 Nov 2026 (UTC).")
    let tokyo = EvaluationContext(now: now, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
    #expect(summary([[c(.shopifyLastPurchase, .time, .between(.time(.relative(RelativeTime(count: -30, unit: .day))), .time(.now)), negated: true)]], context: tokyo)
            == "Friends who did not make their last Shopify purchase between 24 Oct 2026 and 23 Nov 2026 19:00 (Asia/Tokyo), including friends not linked to Shopify or with no Shopify purchase.")
    #expect(summary([[c(.shopifyCartAbandonedAt, .time, .less(.time(.relative(RelativeTime(count: -24, unit: .hour)))))]], context: utc)
            == "Friends who abandoned a Shopify cart before 22 Nov 2026 10:00 (UTC).")
    let firstQuarter = SegqSemantics.Test.between(.time(.date(CalendarDate(year: 2026, month: 1, day: 1))),
                                                  .time(.date(CalendarDate(year: 2026, month: 3, day: 31))))
    #expect(summary([[c(.added, .time, firstQuarter)]], context: tokyo)
            == "Friends who were added between 1 Jan 2026 and 31 Mar 2026 (inclusive, Asia/Tokyo).")
    #expect(summary([[c(.added, .time, .equals(.time(.date(CalendarDate(year: 2026, month: 6, day: 1)))))]])
            == "Friends who were added on 1 Jun 2026.")
    let instant = InstantLiteral(epochMilliseconds: 1_780_306_200_000, offsetSeconds: 9 * 3600)
    #expect(summary([[c(.added, .time, .greater(.time(.instant(instant))))]])
            == "Friends who were added after 1 Jun 2026 18:30 UTC+09:00.")
}

@Test func summaryOfSetsBoolsAndNulls() {
    #expect(summary([[c(.segment, .stringSet, .equals(.string("Repeat customers")))]])
            == #"Friends who are in the segment "Repeat customers"."#)
    #expect(summary([[c(.tag, .stringSet, .isEmpty)]]) == "Friends who have no tags.")
    #expect(summary([[c(.shopifyTag, .stringSet, .startsWith("whole"), negated: true)]])
            == #"Friends who have no Shopify tag starting with "whole" (ignoring case), including friends not linked to Shopify."#)
    #expect(summary([[c(.shopifyAbandonedCart, .bool, .equals(.bool(true)), negated: true)]])
            == "Friends who do not have an abandoned Shopify cart, including friends not linked to Shopify.")
    #expect(summary([[c(.shopifyPurchases, .int, .isNull)]]) == "Friends who are not linked to Shopify.")
    #expect(summary([[c(.hubspotProperty("stage"), .string, .isNull)]])
            == "Friends who have no HubSpot `stage` or are not linked to HubSpot.")
    #expect(summary([[c(.hubspotProperty("vip"), .bool, .equals(.bool(true)))]]) == "Friends whose HubSpot `vip` is true.")
}
