import Testing
import SegqSyntax
@testable import SegqSemantics

/// One row per diagnostic the checker emits: the query, the code, the
/// exact message, where it points and the fix-it text.
@Suite struct CheckerDiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var query: String
        var code: DiagnosticCode
        var message: String
        var line: Int
        var column: Int
        var replacement: String?
        var schema: Schema = storeSchema
        var withCatalog = false
        var testDescription: String { "\(code.rawValue) \(query)" }
    }

    static let cases: [Case] = [
        Case(query: "klaviyo.city = \"Osaka\"", code: .integrationNotInStore,
             message: "integration `klaviyo` is not in this store", line: 1, column: 1, schema: noKlaviyoSchema),
        Case(query: "klaviyo", code: .integrationNotInStore,
             message: "integration `klaviyo` is not in this store", line: 1, column: 1, schema: noKlaviyoSchema),
        Case(query: "tag = \"VIP\" and shopfy.purchases >= 3", code: .unknownField,
             message: "unknown field `shopfy.purchases`", line: 1, column: 17, replacement: "shopify.purchases"),
        Case(query: "purchases > 1", code: .unknownField, message: "unknown field `purchases`", line: 1, column: 1,
             replacement: "shopify.purchases"),
        Case(query: "shopify.stage = \"x\"", code: .unknownField, message: "unknown field `shopify.stage`",
             line: 1, column: 1, replacement: "hubspot.stage"),
        Case(query: "shopify", code: .unknownField, message: "unknown field `shopify`", line: 1, column: 1,
             replacement: "shopify.linked"),
        Case(query: "a.b.c", code: .unknownField, message: "unknown field `a.b.c`", line: 1, column: 1),
        Case(query: "tag = \"a\"\n  and shopfy.purchases > 1", code: .unknownField,
             message: "unknown field `shopfy.purchases`", line: 2, column: 7, replacement: "shopify.purchases"),
        Case(query: "hubspot.stge = \"x\"", code: .unknownProperty,
             message: "unknown HubSpot property `hubspot.stge`", line: 1, column: 1, replacement: "hubspot.stage"),
        Case(query: "klaviyo.cty = \"x\"", code: .unknownProperty,
             message: "unknown Klaviyo property `klaviyo.cty`", line: 1, column: 1, replacement: "klaviyo.city"),
        Case(query: "hubspot.`linked` = \"x\"", code: .unknownProperty,
             message: "unknown HubSpot property `` hubspot.`linked` ``", line: 1, column: 1,
             replacement: "hubspot.linked"),
        Case(query: "segment = \"Repeat customer\"", code: .unknownSegment,
             message: "no saved segment is named `\"Repeat customer\"`", line: 1, column: 11,
             replacement: "\"Repeat customers\""),
        Case(query: "segment not in (\"VIP\", \"vip\")", code: .unknownSegment,
             message: "no saved segment is named `\"vip\"`", line: 1, column: 24, replacement: "\"VIP\""),
        Case(query: "shopify.purchases = \"abc\"", code: .typeMismatch,
             message: "expected int for `shopify.purchases`, found string `\"abc\"`", line: 1, column: 21),
        Case(query: "shopify.purchases = \"3\"", code: .typeMismatch,
             message: "expected int for `shopify.purchases`, found string `\"3\"`", line: 1, column: 21,
             replacement: "3"),
        Case(query: "added > \"2026-06-01\"", code: .typeMismatch,
             message: "expected time for `added`, found string `\"2026-06-01\"`", line: 1, column: 9,
             replacement: "2026-06-01"),
        Case(query: "added < '2026-06-01T09:30:00+09:00'", code: .typeMismatch,
             message: "expected time for `added`, found string `'2026-06-01T09:30:00+09:00'`", line: 1, column: 9,
             replacement: "2026-06-01T09:30:00+09:00"),
        Case(query: "tag = 3", code: .typeMismatch,
             message: "expected string for `tag` (set<string>), found int `3`", line: 1, column: 7,
             replacement: "\"3\""),
        Case(query: "shopify.linked = \"true\"", code: .typeMismatch,
             message: "expected bool for `shopify.linked`, found string `\"true\"`", line: 1, column: 18,
             replacement: "true"),
        Case(query: "hubspot.score = true", code: .typeMismatch,
             message: "expected number for `hubspot.score`, found bool `true`", line: 1, column: 17),
        Case(query: "name = today", code: .typeMismatch,
             message: "expected string for `name`, found time `today`", line: 1, column: 8,
             replacement: "\"today\""),
        Case(query: "tag contains 3", code: .typeMismatch,
             message: "expected string for `contains`, found int `3`", line: 1, column: 14,
             replacement: "\"3\""),
        Case(query: "hubspot.x > \"a\"", code: .typeMismatch,
             message: "expected number for untyped `hubspot.x`, found string `\"a\"`", line: 1, column: 13,
             schema: .default),
        Case(query: "hubspot.x = 2026-06-01", code: .typeMismatch,
             message: "expected string, number or bool for untyped `hubspot.x`, found date `2026-06-01`",
             line: 1, column: 13, schema: .default),
        Case(query: "name > \"a\"", code: .testNotAllowed, message: "`>` is not a test for string field `name`",
             line: 1, column: 6),
        Case(query: "name is empty", code: .testNotAllowed, message: "`is empty` is not a test for string field `name`",
             line: 1, column: 6),
        Case(query: "shopify.purchases contains \"1\"", code: .testNotAllowed,
             message: "`contains` is not a test for int field `shopify.purchases`", line: 1, column: 19),
        Case(query: "added in (today)", code: .testNotAllowed,
             message: "`in` is not a test for time field `added`", line: 1, column: 7),
        Case(query: "tag between \"a\" and \"b\"", code: .testNotAllowed,
             message: "`between` is not a test for set<string> field `tag`", line: 1, column: 5),
        Case(query: "shopify.purchases within 7d", code: .testNotAllowed,
             message: "`within` is not a test for int field `shopify.purchases`", line: 1, column: 19),
        Case(query: "shopify.purchases > 2.5", code: .nonIntegralNumber,
             message: "`shopify.purchases` is an int, but `2.5` is not a whole number", line: 1, column: 21),
        Case(query: "tag", code: .bareFieldNotBool, message: "a field alone must be bool, but `tag` is set<string>",
             line: 1, column: 1),
        Case(query: "not shopify.purchases", code: .bareFieldNotBool,
             message: "a field alone must be bool, but `shopify.purchases` is int", line: 1, column: 5),
        Case(query: "shopify.purchases between 5 and 1", code: .reversedRange,
             message: "reversed range: `5` is greater than `1`", line: 1, column: 27, replacement: "1 and 5"),
        Case(query: "hubspot.score not between 2.5 and -1", code: .reversedRange,
             message: "reversed range: `2.5` is greater than `-1`", line: 1, column: 27, replacement: "-1 and 2.5"),
        Case(query: "added between 2026-06-02 and 2026-06-01", code: .reversedRange,
             message: "reversed range: `2026-06-02` is after `2026-06-01`", line: 1, column: 15,
             replacement: "2026-06-01 and 2026-06-02"),
        Case(query: "added between -1d and -7d", code: .reversedRange,
             message: "reversed range: `-1d` is after `-7d`", line: 1, column: 15, replacement: "-7d and -1d"),
        Case(query: "added between today and -1w", code: .reversedRange,
             message: "reversed range: `today` is after `-1w`", line: 1, column: 15, replacement: "-1w and today"),
        Case(query: "added between now and -24h", code: .reversedRange,
             message: "reversed range: `now` is after `-24h`", line: 1, column: 15, replacement: "-24h and now"),
        Case(query: "added between -1mo and -1y", code: .reversedRange,
             message: "reversed range: `-1mo` is after `-1y`", line: 1, column: 15, replacement: "-1y and -1mo"),
        Case(query: "added between 2026-06-02T00:00:00Z and 2026-06-01", code: .reversedRange,
             message: "reversed range: `2026-06-02T00:00:00Z` is after `2026-06-01`", line: 1, column: 15,
             replacement: "2026-06-01 and 2026-06-02T00:00:00Z"),
        Case(query: "added > 7d", code: .invalidWithin,
             message: "relative time `7d` needs a sign: `-` counts back from now, `+` forward", line: 1, column: 9,
             replacement: "-7d"),
        Case(query: "added between 1y and now", code: .invalidWithin,
             message: "relative time `1y` needs a sign: `-` counts back from now, `+` forward", line: 1, column: 15,
             replacement: "-1y"),
        Case(query: "added within 2026-06-01", code: .invalidWithin,
             message: "`within` takes a relative time such as `7d`, `-4w` or `24h`, found date `2026-06-01`",
             line: 1, column: 14),
        Case(query: "hubspot.stage = \"x\"", code: .untypedProperty,
             message: "property `hubspot.stage` is not typed without a store; its values are compared as written",
             line: 1, column: 1, schema: .default),
        Case(query: "hubspot.Linked", code: .untypedProperty,
             message: "property `hubspot.Linked` is not typed without a store; its values are compared as written",
             line: 1, column: 1, replacement: "hubspot.linked", schema: .default),
        Case(query: "hubspot.stage = \"Customer\"", code: .caseMismatch,
             message: "`\"Customer\"` matches no friend, but `\"customer\"` does", line: 1, column: 17,
             replacement: "\"customer\"", withCatalog: true),
        Case(query: "tag in (\"VIP\", \"vip\")", code: .caseMismatch,
             message: "`\"vip\"` matches no friend, but `\"VIP\"` does", line: 1, column: 16,
             replacement: "\"VIP\"", withCatalog: true),
        Case(query: "tag = \"a\" and not shopify.purchases >= 3", code: .negationIncludesUnlinked,
             message: "this negation also matches every friend not linked to Shopify (they have no `shopify.purchases`)",
             line: 1, column: 19, replacement: "(shopify.purchases >= 3 or not shopify.linked)"),
        Case(query: "tag != \"VIPP\"", code: .valueMatchesNoFriend,
             message: "`\"VIPP\"` matches no friend's `tag`", line: 1, column: 8, replacement: "\"VIP\"",
             withCatalog: true),
        Case(query: "name = \"Nobody At All\"", code: .valueMatchesNoFriend,
             message: "`\"Nobody At All\"` matches no friend's `name`", line: 1, column: 8, withCatalog: true),
        Case(query: "added is not null", code: .alwaysTrueCondition,
             message: "`added` is never missing, so `added is not null` is always true", line: 1, column: 1),
        Case(query: "tag is null", code: .alwaysFalseCondition,
             message: "`tag` is never missing, so `tag is null` is always false", line: 1, column: 1),
    ]

    @Test(arguments: cases)
    func diagnostic(_ c: Case) throws {
        let checker = Checker(schema: c.schema, catalog: c.withCatalog ? storeCatalog : nil)
        let result = checker.check(c.query)
        let d = try #require(result.diagnostics.first { $0.code == c.code },
                             "codes: \(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(d.message == c.message)
        let location = SourceFile(c.query).location(of: d.span.offset)
        #expect(location.line == c.line)
        #expect(location.column == c.column)
        #expect(d.suggestion?.replacement == c.replacement)
        if let replacement = c.replacement {
            #expect(d.suggestion?.span != nil)
            #expect(d.suggestion?.message.isEmpty == false)
            _ = replacement
        }
        #expect((d.severity == .error) == c.code.rawValue.hasPrefix("E"))
        #expect((result.query == nil) == result.diagnostics.hasErrors)
    }

    @Test func everyCheckerCodeHasACase() {
        let covered = Set(Self.cases.map(\.code))
        let checkerCodes: Set<DiagnosticCode> = [
            .integrationNotInStore, .unknownField, .unknownProperty, .unknownSegment, .typeMismatch, .testNotAllowed,
            .nonIntegralNumber, .bareFieldNotBool, .reversedRange, .invalidWithin, .untypedProperty, .caseMismatch,
            .valueMatchesNoFriend, .alwaysTrueCondition, .alwaysFalseCondition, .negationIncludesUnlinked,
        ]
        #expect(checkerCodes.subtracting(covered).isEmpty)
    }

    @Test func appliedSuggestionsFixTheQuery() throws {
        for c in Self.cases where c.replacement != nil && c.code.rawValue.hasPrefix("E") {
            let checker = Checker(schema: c.schema)
            let result = checker.check(c.query)
            let d = try #require(result.diagnostics.first { $0.code == c.code })
            let s = try #require(d.suggestion), span = try #require(s.span), replacement = try #require(s.replacement)
            var bytes = Array(c.query.utf8)
            bytes.replaceSubrange(span.offset..<span.end, with: Array(replacement.utf8))
            let fixed = String(decoding: bytes, as: UTF8.self)
            let again = checker.check(fixed)
            #expect(!again.diagnostics.contains { $0.code == c.code && $0.span == d.span }, "\(fixed)")
        }
    }
}
