import Testing
import SegqSyntax
@testable import SegqSemantics

/// Checker tests on syntax trees built by hand (no parser involved): each
/// checks one behaviour, its code, message and position.
@Suite struct HandBuiltTreeTests {
    private func check(_ schema: Schema = storeSchema, catalog: ValueCatalog? = nil,
                       _ build: (inout TreeBuilder) -> Expr) -> (CheckResult, String) {
        var b = TreeBuilder()
        let tree = build(&b)
        return (Checker(schema: schema, catalog: catalog).check(b.parsed(tree)), b.text)
    }

    @Test func unknownFieldSuggestsTheNearestPath() throws {
        let (result, text) = check { b in
            let a = b.compare("tag", .equal) { $0.string("VIP") }
            b.put("and")
            let c = b.compare("shopfy.purchases", .greaterOrEqual) { $0.int(3) }
            return TreeBuilder.and([a, c])
        }
        #expect(text == "tag = \"VIP\" and shopfy.purchases >= 3")
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .unknownField)
        #expect(d.message == "unknown field `shopfy.purchases`")
        #expect(d.span == Span(offset: 16, length: 16))
        #expect(d.suggestion?.replacement == "shopify.purchases")
        #expect(d.suggestion?.message == "did you mean `shopify.purchases`?")
        #expect(result.query == nil)
    }

    @Test func wellTypedQueryBecomesATypedQuery() throws {
        let (result, _) = check { b in
            let a = b.compare("shopify.purchases", .greaterOrEqual) { $0.number(3.0) }
            b.put("or")
            let c = b.condition("added", "within", operands: { [$0.relative(7, .day, signed: false)] }) {
                .within($0[0])
            }
            return TreeBuilder.or([a, c])
        }
        #expect(result.diagnostics.isEmpty)
        let typed = try #require(result.query)
        #expect(dump(typed) == """
            or
              shopify.purchases: int greaterOrEqual(int 3)
              added: time between(relative -7d, now)
            """)
    }

    @Test func integrationAbsentFromTheSchemaIsAnError() throws {
        let (result, _) = check(noKlaviyoSchema) { b in b.compare("klaviyo.city", .equal) { $0.string("Osaka") } }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .integrationNotInStore)
        #expect(d.message == "integration `klaviyo` is not in this store")
        #expect(d.span == Span(offset: 0, length: 7))
    }

    @Test func wrongLiteralNamesBothTypes() throws {
        let (result, _) = check { b in b.compare("shopify.purchases", .equal) { $0.string("3") } }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .typeMismatch)
        #expect(d.message == "expected int for `shopify.purchases`, found string `\"3\"`")
        #expect(d.suggestion?.replacement == "3")
        #expect(d.span == Span(offset: 20, length: 3))
    }

    @Test func orderingOnAStringIsRefused() throws {
        let (result, _) = check { b in b.compare("name", .greater) { $0.string("a") } }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .testNotAllowed)
        #expect(d.message == "`>` is not a test for string field `name`")
        #expect(d.span == Span(offset: 5, length: 1))
    }

    @Test func bareNonBoolFieldIsRefused() throws {
        let (result, _) = check { b in b.condition("tag", nil) { _ in nil } }
        #expect(result.diagnostics.map(\.code) == [.bareFieldNotBool])
    }

    @Test func reversedBetweenOffersSwappedBounds() throws {
        let (result, _) = check { b in
            b.condition("shopify.purchases", "between", operands: { b in
                let low = b.int(5)
                b.put("and")
                return [low, b.int(1)]
            }) { .between(negated: false, $0[0], $0[1]) }
        }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .reversedRange)
        #expect(d.suggestion?.replacement == "1 and 5")
        #expect(d.span == Span(offset: 26, length: 7))
    }

    @Test func unsignedRelativeOutsideWithinIsAnError() throws {
        let (result, _) = check { b in b.compare("added", .greater) { $0.relative(7, .day, signed: false) } }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .invalidWithin)
        #expect(d.suggestion?.replacement == "-7d")
    }

    @Test func unknownSegmentSuggestsTheNearestName() throws {
        let (result, _) = check { b in b.compare("segment", .equal) { $0.string("Repeat customer") } }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .unknownSegment)
        #expect(d.suggestion?.replacement == "\"Repeat customers\"")
    }

    @Test func catalogWarnsAboutCaseAndUnknownValues() throws {
        let (result, _) = check(catalog: storeCatalog) { b in
            let a = b.compare("hubspot.stage", .equal) { $0.string("Customer") }
            b.put("and")
            let c = b.compare("tag", .notEqual) { $0.string("VIPP") }
            return TreeBuilder.and([a, c])
        }
        #expect(result.diagnostics.map(\.code) == [.caseMismatch, .valueMatchesNoFriend])
        #expect(result.query != nil)
    }

    @Test func untypedPropertyWarnsWithoutAStore() throws {
        let (result, _) = check(.default) { b in b.compare("hubspot.stage", .equal) { $0.string("x") } }
        #expect(result.diagnostics.map(\.code) == [.untypedProperty])
        let typed = try #require(result.query)
        #expect(dump(typed) == "hubspot.stage: untyped equals(string \"x\")")
    }

    @Test func partsThatFailedToParseAreSkippedSilently() throws {
        let (result, _) = check { b in
            let a = b.compare("name", .greater) { $0.string("a") }
            b.put("and")
            let broken = Expr.error(b.put("???"))
            b.put("and")
            let c = b.compare("tag", .equal) { $0.value("'oops", .error) }
            return TreeBuilder.and([a, broken, c])
        }
        #expect(result.diagnostics.map(\.code) == [.testNotAllowed])
        #expect(result.query == nil)
    }

    @Test func deepNotNestingDoesNotRecurse() throws {
        var b = TreeBuilder()
        var tree = b.condition("shopify.linked", nil) { _ in nil }
        for _ in 0..<2_000 { tree = .not(tree, tree.span) }
        let result = Checker(schema: storeSchema).check(b.parsed(tree))
        #expect(result.diagnostics.isEmpty)
        #expect(result.query != nil)
    }

    @Test func negationOnAnIntegrationFieldWarnsAboutUnlinkedFriends() throws {
        let (result, _) = check { b in b.compare("shopify.purchases", .notEqual) { $0.int(3) } }
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .negationIncludesUnlinked)
        #expect(d.severity == .warning)
        #expect(d.message == "this negation also matches every friend not linked to Shopify (they have no `shopify.purchases`)")
        #expect(d.suggestion?.message == "to leave them out, add `and shopify.linked`")
        #expect(result.query != nil)
    }

    @Test func notAroundAPositiveTestWarnsToo() throws {
        let (result, _) = check { b in
            b.put("not")
            let c = b.compare("hubspot.score", .greaterOrEqual) { $0.int(3) }
            return .not(c, Span(offset: 0, length: b.text.utf8.count))
        }
        #expect(result.diagnostics.map(\.code) == [.negationIncludesUnlinked])
        #expect(result.diagnostics.first?.span == Span(offset: 4, length: 18))
    }

    @Test func linkedOrPresentSiblingSilencesTheWarning() throws {
        let (linked, _) = check { b in
            let a = b.condition("shopify.linked", nil) { _ in nil }
            b.put("and")
            let c = b.compare("shopify.purchases", .notEqual) { $0.int(3) }
            return TreeBuilder.and([a, c])
        }
        #expect(linked.diagnostics.isEmpty)
        let (present, _) = check { b in
            let a = b.compare("shopify.purchases", .greater) { $0.int(0) }
            b.put("and")
            let c = b.compare("shopify.purchases", .notEqual) { $0.int(3) }
            return TreeBuilder.and([a, c])
        }
        #expect(present.diagnostics.isEmpty)
        // In an `or` the sibling guarantees nothing.
        let (either, _) = check { b in
            let a = b.condition("shopify.linked", nil) { _ in nil }
            b.put("or")
            let c = b.compare("shopify.purchases", .notEqual) { $0.int(3) }
            return TreeBuilder.or([a, c])
        }
        #expect(either.diagnostics.map(\.code) == [.negationIncludesUnlinked])
    }

    @Test func isNotNullAndBuiltInFieldsNeverWarn() throws {
        let (result, _) = check { b in
            let a = b.condition("shopify.purchases", "is not null") { _ in .isNull(negated: true) }
            b.put("and")
            let c = b.compare("name", .notEqual) { $0.string("x") }
            b.put("and")
            let d = b.compare("shopify.linked", .notEqual) { $0.value("true", .bool(true)) }
            return TreeBuilder.and([a, c, d])
        }
        #expect(result.diagnostics.isEmpty)
    }

    @Test func stringFieldGivenANumberSuggestsQuotes() throws {
        let (result, _) = check { b in b.compare("tag", .equal) { $0.int(3) } }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .typeMismatch)
        #expect(d.suggestion?.replacement == "\"3\"")
    }
}
