import Testing
@testable import SegqSyntax

@Suite struct DiagnosticRendererTests {
    static let query = #"tag = "VIP" and shopfy.purchases >= 3"#
    static let unknownField = Diagnostic.error(
        .unknownField, "unknown field `shopfy.purchases`", at: Span(offset: 16, length: 16),
        suggestion: Suggestion(message: "did you mean `shopify.purchases`?", replacement: "shopify.purchases"))

    @Test func rendersExactlyAsTheLanguageReferenceShows() {
        let expected = """
            error[E0102]: unknown field `shopfy.purchases`
             --> query:1:17
              |
            1 | tag = "VIP" and shopfy.purchases >= 3
              |                 ^^^^^^^^^^^^^^^^ did you mean `shopify.purchases`?

            """
        #expect(DiagnosticRenderer.render(Self.unknownField, in: SourceFile(Self.query)) == expected)
    }

    @Test func jsonIsTheShapeOfTheInterfaces() {
        let json = DiagnosticJSON.json(Self.unknownField, in: SourceFile(Self.query)).serialized()
        #expect(json == #"{"severity":"error","code":"E0102","message":"unknown field `shopfy.purchases`","#
            + #""offset":16,"length":16,"line":1,"column":17,"#
            + #""suggestion":{"message":"did you mean `shopify.purchases`?","replacement":"shopify.purchases","#
            + #""offset":16,"length":16}}"#)
    }

    @Test func jsonCarriesNotesAndASuggestionWithoutReplacement() {
        let diagnostic = Diagnostic.warning(.mixedAndOr, "m", at: Span(offset: 0, length: 1),
                                            suggestion: Suggestion(message: "s"), notes: ["n1", "n2"])
        let json = DiagnosticJSON.json([diagnostic], in: SourceFile("a")).serialized()
        #expect(json == #"[{"severity":"warning","code":"W0001","message":"m","offset":0,"length":1,"#
            + #""line":1,"column":1,"suggestion":{"message":"s"},"notes":["n1","n2"]}]"#)
    }

    @Test func columnsCountUnicodeScalarsAndOffsetsCountBytes() {
        let result = QueryParser.parse("name = \"東京\" and @")
        guard let diagnostic = result.diagnostics.first else {
            Issue.record("expected a diagnostic")
            return
        }
        #expect(diagnostic.span.offset == 20)
        let json = DiagnosticJSON.json(diagnostic, in: result.source).serialized()
        #expect(json.contains(#""offset":20,"length":1,"line":1,"column":17"#))
        let rendered = DiagnosticRenderer.render(diagnostic, in: result.source)
        #expect(rendered.contains(" --> query:1:17\n"))
        #expect(rendered.contains("\n  |                 ^\n"))
    }

    @Test func lineAndColumnOnALaterLine() {
        let result = QueryParser.parse("tag = \"a\"\n  and @")
        let rendered = DiagnosticRenderer.render(result.diagnostics, in: result.source)
        #expect(rendered == """
            error[E0001]: invalid character `@`
             --> query:2:7
              |
            2 |   and @
              |       ^

            """)
    }

    @Test func colourOnlyWhenAsked() {
        let source = SourceFile(Self.query)
        let plain = DiagnosticRenderer.render(Self.unknownField, in: source, color: false)
        let coloured = DiagnosticRenderer.render(Self.unknownField, in: source, color: true)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31merror[E0102]\u{1B}[0m"))
        // Stripping the escapes gives the plain rendering back.
        var stripped = ""
        var inEscape = false
        for scalar in coloured.unicodeScalars {
            if scalar == "\u{1B}" { inEscape = true } else if inEscape { if scalar == "m" { inEscape = false } } else {
                stripped.unicodeScalars.append(scalar)
            }
        }
        #expect(stripped == plain)
    }

    @Test func wideLineNumbersWidenTheGutter() {
        let text = String(repeating: "\n", count: 11) + "@"
        let result = QueryParser.parse(text)
        let rendered = DiagnosticRenderer.render(result.diagnostics, in: result.source)
        #expect(rendered == """
            error[E0001]: invalid character `@`
              --> query:12:1
               |
            12 | @
               | ^

            """)
    }

    @Test func longLinesAreCutToAWindowAroundTheSpan() {
        let text = "tag = \"" + String(repeating: "x", count: 5000) + "\" and @ and " + String(repeating: "y", count: 5000)
        let result = QueryParser.parse(text)
        let rendered = DiagnosticRenderer.render(result.diagnostics, in: result.source)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 6)
        let sourceLine = lines[3], caretLine = lines[4]
        #expect(sourceLine.hasPrefix("1 | …"))
        #expect(sourceLine.hasSuffix("…"))
        #expect(sourceLine.unicodeScalars.count <= Excerpt.width + 6)
        // The caret sits under the `@`.
        let caretColumn = caretLine.unicodeScalars.firstIndex(of: "^").map { caretLine.unicodeScalars.distance(from: caretLine.unicodeScalars.startIndex, to: $0) }
        let atColumn = sourceLine.unicodeScalars.firstIndex(of: "@").map { sourceLine.unicodeScalars.distance(from: sourceLine.unicodeScalars.startIndex, to: $0) }
        #expect(caretColumn != nil && caretColumn == atColumn)
    }

    @Test func tabsBeforeTheSpanKeepCaretsAligned() {
        let result = QueryParser.parse("tag\t=\t@")
        let rendered = DiagnosticRenderer.render(result.diagnostics, in: result.source)
        #expect(rendered.contains("1 | tag\t=\t@\n  | \u{20}\u{20}\u{20}\t \t^\n"))
    }

    @Test func severalDiagnosticsAreSeparatedByABlankLine() {
        let result = QueryParser.parse("@ and $")
        let rendered = DiagnosticRenderer.render(result.diagnostics, in: result.source)
        #expect(rendered.components(separatedBy: "\n\nerror[").count == 2)
    }
}
