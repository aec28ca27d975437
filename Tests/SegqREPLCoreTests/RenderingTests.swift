import SegqBasics
import Testing
@testable import SegqREPLCore

@Suite struct RenderingTests {
    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(Style.forOutput(isTerminal: true, environment: [:]).usesColour)
        #expect(!Style.forOutput(isTerminal: false, environment: [:]).usesColour)
        #expect(!Style.forOutput(isTerminal: true, environment: ["NO_COLOR": "1"]).usesColour)
        #expect(Style.forOutput(isTerminal: true, environment: ["NO_COLOR": ""]).usesColour)
        #expect(Style(usesColour: true).bold("x") == "\u{1B}[1mx\u{1B}[0m")
        #expect(Style.plain.bold("x") == "x")
    }

    @Test func groupsAreLabelledWithOrBetween() {
        let renderer = PreviewRenderer(settings: REPLSettings(interactive: false))
        #expect(renderer.groups([["a", "b"], ["c"]]) == """
            Group 1:  a
                 and  b
                  or
            Group 2:  c

            """)
        #expect(renderer.groups([]) == "No group: the query matches no friend.\n")
        #expect(renderer.groups([[]]) == "Group 1:  (every friend)\n")
    }

    @Test func previewWithNoMatch() {
        let renderer = PreviewRenderer(settings: REPLSettings(interactive: false))
        let preview = QueryPreview(compiled: CompiledQuery(text: "q", hasErrors: false, diagnostics: "", normalized: "q",
                                                      hash: "h", groups: [["q"]], summary: ""),
                              result: QueryResult(count: 0, rows: []))
        #expect(renderer.render(preview, elapsed: .zero) == "Group 1:  q\n\nNo friend matches.\n")
    }

    @Test func tableAlignsWideCharactersAndTruncates() {
        let formatter = TableFormatter(columns: [.init("name", maxWidth: 6), .init("n", alignRight: true)])
        #expect(formatter.render([["田中愛子さん", "1"], ["Bo", "22"]]) == """
             name   | n
            --------+----
             田中…  |  1
             Bo     | 22

            """)
    }

    @Test func tableCellsCannotCarryControlCharacters() {
        let formatter = TableFormatter(columns: [.init("x")])
        #expect(formatter.render([["a\u{1B}[31mb\nc"]]).contains("a\u{FFFD}[31mb c"))
    }

    @Test func tableFitsTheTerminal() {
        let formatter = TableFormatter(columns: [.init("a"), .init("b")], totalWidth: 15)
        let lines = formatter.render([[String(repeating: "x", count: 30), "yy"]]).split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 15 })
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("日本語", to: 4) == "日…")
    }

    @Test func numbers() {
        #expect(NumberFormatting.grouped(1234567) == "1,234,567")
        #expect(NumberFormatting.grouped(-1000) == "-1,000")
        #expect(NumberFormatting.friends(1) == "1 friend")
        #expect(NumberFormatting.duration(.microseconds(420)) == "0.42 ms")
        #expect(NumberFormatting.duration(.milliseconds(1250)) == "1.25 s")
    }

    @Test func candidateListFillsColumnsDownThenAcross() {
        #expect(CandidateList.layout(["and ", "or ", ")"], width: 80) == "and  or   )\n")
        #expect(CandidateList.layout(["aaaa", "bb", "cc", "dd"], width: 13) == "aaaa  cc\nbb    dd\n")
        let many = (0..<250).map { "v\($0)" }
        #expect(CandidateList.layout(many, width: 80).hasSuffix("… and 50 more\n"))
        #expect(CandidateList.layout([], width: 80) == "")
    }

    @Test func csvAndJsonEscaping() {
        let row = PreviewRow(id: "U\"1", name: "A, B", added: "x", tags: ["a|b", "c\n"])
        #expect(RowEncoding.csvLine(row) == "\"U\"\"1\",\"A, B\",x,\"a|b|c\n\"\n")
        #expect(RowEncoding.jsonLine(row) == "{\"id\":\"U\\\"1\",\"name\":\"A, B\",\"added_at\":\"x\",\"tags\":[\"a|b\",\"c\\n\"]}\n")
    }

    @Test func machineFormatsWriteTheAddedInstant() {
        let row = PreviewRow(id: "U1", name: "Aiko", added: "2025-03-14 18:21", addedInstant: "2025-03-14T09:21:00Z", tags: [])
        #expect(RowEncoding.csvLine(row) == "U1,Aiko,2025-03-14T09:21:00Z,\n")
        #expect(RowEncoding.jsonLine(row) == "{\"id\":\"U1\",\"name\":\"Aiko\",\"added_at\":\"2025-03-14T09:21:00Z\",\"tags\":[]}\n")
    }
}
