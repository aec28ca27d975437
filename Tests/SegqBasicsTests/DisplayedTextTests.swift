import Testing
import SegqBasics

/// Text segq shows to people or writes for spreadsheets: bidirectional
/// controls escaped, CSV list cells and formula guards that read back to
/// the same values, counts worded in the right number.
@Suite struct DisplayedTextTests {
    @Test func bidirectionalControlsAreEscapedInQueryTextAndListings() {
        #expect(QuotedText.query("abc\u{202E}fed") == #""abc\u{202E}fed""#)
        for scalar: Unicode.Scalar in ["\u{202A}", "\u{202D}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}"] {
            var text = "x"
            text.unicodeScalars.append(scalar)
            #expect(!QuotedText.query(text).unicodeScalars.contains(scalar))
            #expect(!QuotedText.visible(text).unicodeScalars.contains(scalar))
        }
        #expect(QuotedText.visible("VIP\u{202E}PIV") == #"VIP\u{202E}PIV"#)
        #expect(QuotedText.visible("東京 \"VIP\"") == "東京 \"VIP\"")
        #expect(QuotedText.visible("a\nb") == #"a\u{A}b"#)
    }

    @Test func listCellsEscapeTheSeparatorAndReadBack() {
        let tags = ["a|b", #"c\d"#, "plain", #"end\"#, "|"]
        let cell = CSVField.listCell(tags)
        #expect(cell == #"a\|b|c\\d|plain|end\\|\|"#)
        #expect(CSVField.listItems(cell) == tags)
        #expect(CSVField.listItems("a|b") == ["a", "b"])
        #expect(CSVField.listItems(#"C:\path|x"#) == [#"C:\path"#, "x"])
    }

    @Test func formulaCellsAreGuardedAndUnguarded() {
        for value in ["=SUM(A1)", "+1", "-1", "@x", "'quoted", "''", "plain", "", "'"] {
            #expect(CSVField.unguarded(CSVField.guarded(value)) == value, "\(value)")
        }
        #expect(CSVField.guarded("=1") == "'=1")
        #expect(CSVField.guarded("'a") == "''a")
        #expect(CSVField.guarded("a=1") == "a=1")
        #expect(CSVField.unguarded("'hand written'") == "'hand written'")
    }

    @Test func countsTakeTheRightNumber() {
        #expect(CountedNoun.text(1, "friend") == "1 friend")
        #expect(CountedNoun.text(0, "friend") == "0 friends")
        #expect(CountedNoun.text(2, "bad record") == "2 bad records")
        #expect(CountedNoun.grouped(1234, "friend") == "1,234 friends")
        #expect(CountedNoun.noun(1, "segment") == "segment")
    }
}
