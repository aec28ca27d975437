import SegqBasics
import Testing
@testable import SegqSyntax

@Suite struct LexerTests {
    static func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(text).tokens.map(\.kind)
    }

    @Test func keywordsInAnyCase() {
        for keyword in Keyword.allCases {
            let spellings = [keyword.rawValue, keyword.rawValue.uppercased(), keyword.rawValue.capitalized]
            for spelling in spellings {
                #expect(Self.kinds(spelling) == [.keyword(keyword), .endOfInput], "\(spelling)")
            }
        }
        // Longer or shorter words are identifiers.
        #expect(Self.kinds("ands") == [.identifier("ands"), .endOfInput])
        #expect(Self.kinds("yesterdays") == [.identifier("yesterdays"), .endOfInput])
        #expect(Self.kinds("o") == [.identifier("o"), .endOfInput])
    }

    @Test func tokensCarryTheirSpans() {
        let tokens = Lexer.tokenize(#"shopify.purchases >= 3 # c"#).tokens
        #expect(tokens.map(\.span) == [
            Span(offset: 0, length: 7), Span(offset: 7, length: 1), Span(offset: 8, length: 9),
            Span(offset: 18, length: 2), Span(offset: 21, length: 1), Span(offset: 26, length: 0),
        ])
    }

    @Test func leadingByteOrderMarkIsSkipped() {
        let result = QueryParser.parse("\u{FEFF}tag = \"a\"")
        #expect(result.diagnostics.isEmpty)
        #expect(result.tree.span == Span(offset: 3, length: 9))
    }

    @Test func instantsConvertToUTC() {
        let kinds = Self.kinds("2026-06-01T09:30:00+09:00 2026-06-01T00:30:00Z 1970-01-01T00:00:00.5Z")
        #expect(kinds[0] == .instant(InstantLiteral(epochMilliseconds: 1_780_273_800_000, offsetSeconds: 32_400)))
        #expect(kinds[1] == .instant(InstantLiteral(epochMilliseconds: 1_780_273_800_000, offsetSeconds: 0)))
        #expect(kinds[2] == .instant(InstantLiteral(epochMilliseconds: 500, offsetSeconds: 0)))
    }

    @Test func relativeTimesKeepSignAndUnit() {
        #expect(Self.kinds("-7d +3d 7d -3mo -24h")
            == [.relative(RelativeTime(count: -7, unit: .day)), .relative(RelativeTime(count: 3, unit: .day)),
                .relative(RelativeTime(count: 7, unit: .day, explicitSign: false)),
                .relative(RelativeTime(count: -3, unit: .month)), .relative(RelativeTime(count: -24, unit: .hour)),
                .endOfInput])
    }

    @Test func literalSpellingLexesBack() {
        let strings = ["", "a\"b", "back\\slash", "line\nbreak", "tab\t", "\u{1F600}", "\u{7}bell", "'single'"]
        for s in strings {
            #expect(Self.kinds(QuotedText.query(s)) == [.string(s), .endOfInput], "\(s.debugDescription)")
        }
        let numbers: [Double] = [2.5, -0.25, 1e-7, 1e21, 0.1, 123456.789]
        for d in numbers {
            #expect(Self.kinds(LiteralSpelling.number(d)) == [.number(d), .endOfInput], "\(d)")
        }
    }

    @Test func stringsDecodeEveryEscape() {
        #expect(Self.kinds(#""\" \' \\ \n \t \u{1F600}""#) == [.string("\" ' \\ \n \t \u{1F600}"), .endOfInput])
        #expect(Self.kinds(#"'it\'s'"#) == [.string("it's"), .endOfInput])
    }

    @Test func lexingIsLinearOnALargeInput() {
        // Not a timing test: a 1 MB query lexes completely, with sane token counts.
        let text = String(repeating: #"tag = "VIP" and shopify.purchases >= 3 or "#, count: 25_000) + "a"
        let (tokens, diagnostics) = Lexer.tokenize(text)
        #expect(diagnostics.isEmpty)
        #expect(tokens.count == 25_000 * 10 + 2)
    }
}
