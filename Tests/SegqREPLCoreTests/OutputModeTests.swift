import SegqBasics
import Testing
@testable import SegqREPLCore

/// The preview's output modes, headers, expanded display, columns, the
/// share of all friends and the wrapped summary.
@Suite struct OutputModeTests {
    static let rows = [
        PreviewRow(id: "U0123456789abcdef0123456789abcdef", name: "Aiko | Tanaka", added: "2026-01-01 09:00",
                   tags: ["VIP"], values: ["shopify.purchases": "3"]),
        PreviewRow(id: "U2", name: "Bo", added: "2026-01-02 10:00", tags: [], values: [:]),
    ]

    static func renderer(_ format: OutputFormat, width: Int? = nil, configure: (inout REPLSettings) -> Void = { _ in })
        -> PreviewRenderer {
        var settings = REPLSettings(interactive: false, terminalWidth: width)
        settings.format = format
        configure(&settings)
        return PreviewRenderer(settings: settings)
    }

    @Test func boxDrawsLinesAroundTheCells() {
        let out = Self.renderer(.box).matches(count: 2, rows: Self.rows, elapsed: .zero,
                                              columns: ["id", "name", "shopify.purchases"])
        #expect(out == """
            2 friends match.
            ┌───────────────────────────────────┬───────────────┬───────────────────┐
            │ id                                │ name          │ shopify.purchases │
            ├───────────────────────────────────┼───────────────┼───────────────────┤
            │ U0123456789abcdef0123456789abcdef │ Aiko | Tanaka │ 3                 │
            │ U2                                │ Bo            │                   │
            └───────────────────────────────────┴───────────────┴───────────────────┘

            """)
    }

    @Test func markdownEscapesBarsAndKeepsItsHeader() {
        let out = Self.renderer(.markdown) { $0.showsHeaders = false }
            .matches(count: 2, rows: Self.rows, elapsed: .zero, columns: ["id", "name"])
        #expect(out == """
            2 friends match.
            | id                                | name           |
            |-----------------------------------|----------------|
            | U0123456789abcdef0123456789abcdef | Aiko \\| Tanaka |
            | U2                                | Bo             |

            """)
    }

    @Test func headersOffLeavesOutTheTitlesOfTablesAndCSV() {
        let table = Self.renderer(.table) { $0.showsHeaders = false }
            .matches(count: 2, rows: Self.rows, elapsed: .zero, columns: ["id", "name"])
        #expect(table == "2 friends match.\n U0123456789abcdef0123456789abcdef | Aiko | Tanaka\n U2                                | Bo\n")
        let preview = QueryPreview(compiled: CompiledQuery(text: "q", hasErrors: false, diagnostics: ""),
                                   result: QueryResult(count: 2, rows: Self.rows))
        let csv = Self.renderer(.csv) { $0.showsHeaders = false }.render(preview, elapsed: .zero)
        #expect(csv.hasPrefix("U0123456789abcdef0123456789abcdef,"))
    }

    @Test func lineModeAndExpandedDisplayShowOneRecordEach() {
        let line = Self.renderer(.line).matches(count: 2, rows: Self.rows, elapsed: .zero, columns: ["id", "name"])
        #expect(line == "2 friends match.\n  id = U0123456789abcdef0123456789abcdef\nname = Aiko | Tanaka\n\n  id = U2\nname = Bo\n")
        let expanded = Self.renderer(.table) { $0.expanded = .on }
            .matches(count: 2, rows: Self.rows, elapsed: .zero, columns: ["id", "name"])
        #expect(expanded == """
            2 friends match.
            -[ RECORD 1 ]---------------------------
            id   | U0123456789abcdef0123456789abcdef
            name | Aiko | Tanaka
            -[ RECORD 2 ]
            id   | U2
            name | Bo

            """)
    }

    @Test func expandedAutoOnlyWhenTheTableIsWiderThanTheTerminal() {
        let wide = Self.renderer(.table, width: 40) { $0.expanded = .auto }
            .matches(count: 2, rows: Self.rows, elapsed: .zero)
        #expect(wide.contains("-[ RECORD 1 ]"))
        let fits = Self.renderer(.table, width: 120) { $0.expanded = .auto }
            .matches(count: 2, rows: Self.rows, elapsed: .zero)
        #expect(!fits.contains("RECORD"))
        #expect(fits.contains(" id                                | name"))
    }

    @Test func idsAreNeverCutTheOtherColumnsAre() {
        let rows = [PreviewRow(id: "U0123456789abcdef0123456789abcdef", name: "A very long name for a narrow screen",
                               added: "2026-01-01 09:00", tags: ["Trade Show 2026", "VIP", "Kyoto"])]
        let out = Self.renderer(.table, width: 60).matches(count: 1, rows: rows, elapsed: .zero)
        #expect(out.contains("U0123456789abcdef0123456789abcdef"))
        #expect(out.contains("…"))
        #expect(out.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    @Test func columnsDefaultToTheStandardOnesAndTheQuerysFields() {
        #expect(PreviewColumns.columns(chosen: nil, queryFields: ["tag", "shopify.purchases", "segment",
                                                                  "shopify.days_since_last_purchase", "shopify.purchases"])
                == ["id", "name", "added", "tags", "shopify.purchases", "shopify.days_since_last_purchase"])
        #expect(PreviewColumns.columns(chosen: ["id", "hubspot.stage"], queryFields: ["tag"]) == ["id", "hubspot.stage"])
        #expect(PreviewColumns.parse(" id, name ,tag,,id") == ["id", "name", "tags"])
        #expect(PreviewColumns.parse(" , ") == nil)
    }

    @Test func shareOfAllFriendsHasOneDecimal() {
        #expect(NumberFormatting.share(292, of: 2_000) == "14.6%")
        #expect(NumberFormatting.share(2_000, of: 2_000) == "100%")
        #expect(NumberFormatting.share(1, of: 10_000_000) == "< 0.1%")
        #expect(NumberFormatting.share(0, of: 2_000) == "0%")
        #expect(NumberFormatting.share(1_999_999, of: 2_000_000) == "99.9%")
        let out = Self.renderer(.table).matches(count: 292, rows: [], elapsed: .zero, total: 2_000)
        #expect(out == "292 friends match · 14.6% of 2,000\n")
        #expect(Self.renderer(.table).matches(count: 1, rows: [], elapsed: .zero, total: 2_000)
                == "1 friend matches · 0.1% of 2,000\n")
    }

    @Test func summaryWrapsAtWordsKeepingQuotedTextWhole() {
        let summary = "Friends who have the tag \"Trade Show 2026\" and whose HubSpot `lead status` is \"Open\"."
        #expect(WordWrap.wrapped(summary, width: 30) == """
            Friends who have the tag
            "Trade Show 2026" and whose
            HubSpot `lead status` is
            "Open".
            """)
        #expect(WordWrap.wrapped("short", width: 30) == "short")
        #expect(WordWrap.wrapped("a `very long code span here` b", width: 10) == "a `very\nlong code\nspan here`\nb")
        #expect(WordWrap.wrapped("unbreakableword x", width: 5) == "unbreakableword\nx")
        let preview = QueryPreview(compiled: CompiledQuery(text: "q", hasErrors: false, diagnostics: "", groups: [["q"]],
                                                           summary: summary),
                                   result: QueryResult(count: 0, rows: []))
        #expect(Self.renderer(.table, width: 30).render(preview, elapsed: .zero).contains("tag\n\"Trade Show 2026\" and"))
    }

    @Test func jsonIsOneArrayOfTheRecords() {
        let preview = QueryPreview(compiled: CompiledQuery(text: "q", hasErrors: false, diagnostics: ""),
                                   result: QueryResult(count: 2, rows: Array(Self.rows.prefix(1))))
        #expect(Self.renderer(.json).render(preview, elapsed: .zero) == """
            [
            {"id":"U0123456789abcdef0123456789abcdef","name":"Aiko | Tanaka","added_at":"2026-01-01 09:00","tags":["VIP"]}
            ]

            """)
        let none = QueryPreview(compiled: preview.compiled, result: QueryResult(count: 0, rows: []))
        #expect(Self.renderer(.json).render(none, elapsed: .zero) == "[]\n")
    }

    @Test func pagerOnlyForInteractiveTerminalsAndTallText() {
        var settings = REPLSettings(interactive: true, terminalWidth: 10, outputIsTerminal: true, terminalHeight: 5)
        let tall = String(repeating: "line\n", count: 6)
        #expect(PagerPolicy(settings: settings, interactive: true).pages(tall))
        #expect(!PagerPolicy(settings: settings, interactive: true).pages("a\nb\n"))
        #expect(PagerPolicy(settings: settings, interactive: true).pages(String(repeating: "x", count: 50)))  // 5 screen lines
        #expect(!PagerPolicy(settings: settings, interactive: false).pages(tall))
        settings.pager = .off
        #expect(!PagerPolicy(settings: settings, interactive: true).pages(tall))
        settings.pager = .on
        #expect(PagerPolicy(settings: settings, interactive: true).pages("a\n"))
        settings.outputIsTerminal = false
        #expect(!PagerPolicy(settings: settings, interactive: true).pages(tall))
    }
}
