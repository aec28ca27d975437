import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

private func c(_ field: Field, _ type: ValueType, _ test: SegqSemantics.Test, negated: Bool = false) -> Condition {
    Condition(field: field, type: type, test: test, negated: negated)
}

private let purchases = Field.shopifyPurchases

/// One condition per test and polarity, with its canonical text.
private let conditionCases: [(Condition, String)] = [
    (c(.tag, .stringSet, .equals(.string("VIP"))), #"tag = "VIP""#),
    (c(.tag, .stringSet, .equals(.string("VIP")), negated: true), #"tag != "VIP""#),
    (c(.tag, .stringSet, .oneOf([.string("a"), .string("b")])), #"tag in ("a", "b")"#),
    (c(.tag, .stringSet, .oneOf([.string("a"), .string("b")]), negated: true), #"tag not in ("a", "b")"#),
    (c(purchases, .int, .less(.int(3))), "shopify.purchases < 3"),
    (c(purchases, .int, .lessOrEqual(.int(3))), "shopify.purchases <= 3"),
    (c(purchases, .int, .greater(.int(3))), "shopify.purchases > 3"),
    (c(purchases, .int, .greaterOrEqual(.int(-3))), "shopify.purchases >= -3"),
    (c(purchases, .int, .greaterOrEqual(.int(3)), negated: true), "not shopify.purchases >= 3"),
    (c(purchases, .int, .between(.int(1), .int(5))), "shopify.purchases between 1 and 5"),
    (c(purchases, .int, .between(.int(1), .int(5)), negated: true), "shopify.purchases not between 1 and 5"),
    (c(.name, .string, .contains("ai")), #"name contains "ai""#),
    (c(.name, .string, .contains("ai"), negated: true), #"name not contains "ai""#),
    (c(.name, .string, .startsWith("A")), #"name starts with "A""#),
    (c(.name, .string, .startsWith("A"), negated: true), #"name not starts with "A""#),
    (c(.name, .string, .endsWith("a")), #"name ends with "a""#),
    (c(.name, .string, .endsWith("a"), negated: true), #"name not ends with "a""#),
    (c(.name, .string, .isNull), "name is null"),
    (c(.name, .string, .isNull, negated: true), "name is not null"),
    (c(.tag, .stringSet, .isEmpty), "tag is empty"),
    (c(.tag, .stringSet, .isEmpty, negated: true), "tag is not empty"),
    (c(.shopifyLinked, .bool, .equals(.bool(true))), "shopify.linked"),
    (c(.shopifyLinked, .bool, .equals(.bool(true)), negated: true), "not shopify.linked"),
    (c(.shopifyAbandonedCart, .bool, .equals(.bool(false))), "shopify.abandoned_cart = false"),
    (c(.shopifyAbandonedCart, .bool, .equals(.bool(false)), negated: true), "shopify.abandoned_cart != false"),
    (c(.hubspotProperty("score"), .number, .greater(.number(2.5))), "hubspot.score > 2.5"),
    (c(.hubspotProperty("lead status"), .string, .equals(.string("OPEN"))), #"hubspot.`lead status` = "OPEN""#),
    (c(.hubspotProperty("segment"), .string, .equals(.string("x"))), #"hubspot.`segment` = "x""#),
    (c(.klaviyoProperty("vip"), .untyped, .equals(.bool(true))), "klaviyo.vip"),
    // `in` is not allowed on bools: lists print as the equivalent allowed test.
    (c(.hubspotProperty("vip"), .bool, .oneOf([.bool(false), .bool(true)])), "hubspot.vip is not null"),
    (c(.hubspotProperty("vip"), .bool, .oneOf([.bool(false), .bool(true)]), negated: true), "hubspot.vip is null"),
    (c(.hubspotProperty("vip"), .bool, .oneOf([.bool(true)]), negated: true), "not hubspot.vip"),
    (c(.hubspotProperty("vip"), .bool, .oneOf([.bool(false)])), "hubspot.vip = false"),
]

@Test(arguments: conditionCases)
func conditionText(_ condition: Condition, _ expected: String) {
    #expect(QueryPrinter.text(of: condition) == expected)
}

@Test func literalSpellings() {
    #expect(QueryPrinter.stringText("say \"hi\"\\\n\t") == #""say \"hi\"\\\n\t""#)
    #expect(QueryPrinter.stringText("bell\u{7}") == #""bell\u{7}""#)
    #expect(QueryPrinter.stringText("東京 😀") == "\"東京 😀\"")
    #expect(QueryPrinter.valueText(.number(2)) == "2.0")
    #expect(QueryPrinter.valueText(.number(0.0001)) == "0.0001")
    #expect(QueryPrinter.valueText(.number(1e20)) == "100000000000000000000.0")
    #expect(QueryPrinter.valueText(.number(-1.5e-7)) == "-0.00000015")
    #expect(QueryPrinter.valueText(.number(-0.0)) == "0.0")
    #expect(QueryPrinter.valueText(.int(Int64.min)) == "-9223372036854775808")
    #expect(QueryPrinter.timeText(.date(CalendarDate(year: 2026, month: 6, day: 1))) == "2026-06-01")
    #expect(QueryPrinter.timeText(.relative(RelativeTime(count: -7, unit: .day))) == "-7d")
    #expect(QueryPrinter.timeText(.relative(RelativeTime(count: 3, unit: .month, explicitSign: false))) == "+3mo")
    #expect(QueryPrinter.timeText(.relative(RelativeTime(count: -24, unit: .hour))) == "-24h")
    #expect(QueryPrinter.timeText(.relative(RelativeTime(count: 0, unit: .year))) == "+0y")
    #expect(QueryPrinter.timeText(.today) == "today")
    #expect(QueryPrinter.timeText(.yesterday) == "yesterday")
    #expect(QueryPrinter.timeText(.now) == "now")
    // 2026-06-01T09:30:00Z = 1780306200000 ms.
    let instant = InstantLiteral(epochMilliseconds: 1_780_306_200_000, offsetSeconds: 0)
    #expect(QueryPrinter.timeText(.instant(instant)) == "2026-06-01T09:30:00Z")
    let tokyo = InstantLiteral(epochMilliseconds: 1_780_306_200_250, offsetSeconds: 9 * 3600)
    #expect(QueryPrinter.timeText(.instant(tokyo)) == "2026-06-01T18:30:00.250+09:00")
    let west = InstantLiteral(epochMilliseconds: 1_780_306_200_000, offsetSeconds: -(3 * 3600 + 1800))
    #expect(QueryPrinter.timeText(.instant(west)) == "2026-06-01T06:00:00-03:30")
    let early = InstantLiteral(epochMilliseconds: -1, offsetSeconds: 0)
    #expect(QueryPrinter.timeText(.instant(early)) == "1969-12-31T23:59:59.999Z")
}

@Test func normalFormText() {
    let vip = c(.tag, .stringSet, .equals(.string("VIP")))
    let buyer = c(purchases, .int, .greaterOrEqual(.int(3)))
    let customer = c(.hubspotProperty("stage"), .string, .equals(.string("Customer")))
    #expect(QueryPrinter.text(of: NormalForm.nobody) == "id is null")
    #expect(QueryPrinter.text(of: NormalForm.everybody) == "id is not null")
    #expect(QueryPrinter.text(of: NormalForm([Group([vip]), Group([])])) == "id is not null")
    #expect(QueryPrinter.text(of: NormalForm([Group([vip, buyer])])) == #"tag = "VIP" and shopify.purchases >= 3"#)
    #expect(QueryPrinter.text(of: NormalForm([Group([vip]), Group([customer])]))
            == #"tag = "VIP" or hubspot.stage = "Customer""#)
    #expect(QueryPrinter.text(of: NormalForm([Group([vip, buyer]), Group([customer])]))
            == #"(tag = "VIP" and shopify.purchases >= 3) or hubspot.stage = "Customer""#)
    #expect(QueryPrinter.text(of: NormalForm([Group([buyer.complement, customer])]))
            == #"not shopify.purchases >= 3 and hubspot.stage = "Customer""#)
}

@Test func typedQueryTextHasParenthesesOnlyWhereNeeded() {
    let a = QueryNode.condition(c(.tag, .stringSet, .equals(.string("a"))))
    let b = QueryNode.condition(c(.tag, .stringSet, .equals(.string("b"))))
    let d = QueryNode.condition(c(purchases, .int, .less(.int(3))))
    #expect(QueryPrinter.text(of: TypedQuery(.and([a, .or([b, d], nil)], nil)))
            == #"tag = "a" and (tag = "b" or shopify.purchases < 3)"#)
    #expect(QueryPrinter.text(of: TypedQuery(.or([a, .and([b, d], nil)], nil)))
            == #"tag = "a" or (tag = "b" and shopify.purchases < 3)"#)
    #expect(QueryPrinter.text(of: TypedQuery(.or([a, .or([b, d], nil)], nil)))
            == #"tag = "a" or tag = "b" or shopify.purchases < 3"#)
    #expect(QueryPrinter.text(of: TypedQuery(.not(.and([a, b], nil), nil))) == #"not (tag = "a" and tag = "b")"#)
    #expect(QueryPrinter.text(of: TypedQuery(.not(.not(d, nil), nil))) == "not not shopify.purchases < 3")
    #expect(QueryPrinter.text(of: TypedQuery(.not(.and([.or([a, b], nil)], nil), nil))) == #"not (tag = "a" or tag = "b")"#)
    #expect(QueryPrinter.text(of: TypedQuery(.and([a, .and([b], nil)], nil))) == #"tag = "a" and tag = "b""#)
    #expect(QueryPrinter.text(of: TypedQuery(.and([], nil))) == "id is not null")
    #expect(QueryPrinter.text(of: TypedQuery(.or([], nil))) == "id is null")
    #expect(QueryPrinter.text(of: TypedQuery(.not(.constant(false), nil))) == "not id is null")
}

@Test func deepTypedQueryPrintsWithoutRecursion() {
    var node = QueryNode.condition(c(.tag, .stringSet, .isEmpty))
    for i in 0..<2_000 {   // deeper trees overflow in Swift's own recursive enum destruction
        node = i % 2 == 0 ? .not(node, nil) : .and([node, .condition(c(.name, .string, .isNull))], nil)
    }
    let text = QueryPrinter.text(of: TypedQuery(node))
    #expect(text.hasPrefix("not (not (not ("))
    #expect(text.hasSuffix("name is null"))
}
