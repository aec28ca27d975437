import Testing
import SegqBasics

@Suite struct QuotedTextTests {
    @Test func queryLiteralEscapesQuotesBackslashesAndInvisibleCharacters() {
        #expect(QuotedText.query("VIP") == #""VIP""#)
        #expect(QuotedText.query("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(QuotedText.query("a\nb\tc") == #""a\nb\tc""#)
        #expect(QuotedText.query("\r\u{1}\u{7F}") == #""\u{D}\u{1}\u{7F}""#)
        #expect(QuotedText.query("line\u{2028}para\u{2029}") == #""line\u{2028}para\u{2029}""#)
        #expect(QuotedText.query("東京 é") == "\"東京 é\"")
    }

    @Test func jsonStringUsesFourDigitEscapes() {
        #expect(QuotedText.json("a\"b\\c") == #""a\"b\\c""#)
        #expect(QuotedText.json("\n\r\t\u{1}\u{1F}") == #""\n\r\t\u0001\u001f""#)
        #expect(QuotedText.json("\u{7F}\u{2028}東京") == "\"\u{7F}\u{2028}東京\"")
        var out = "["
        QuotedText.writeJSON("x", to: &out)
        #expect(out == #"["x""#)
    }

    @Test func csvFieldQuotesOnlyWhenNeeded() {
        #expect(CSVField.escaped("plain") == "plain")
        #expect(CSVField.escaped("") == "")
        #expect(CSVField.escaped("a,b") == #""a,b""#)
        #expect(CSVField.escaped("say \"hi\"") == #""say ""hi""""#)
        #expect(CSVField.escaped("two\r\nlines") == "\"two\r\nlines\"")
    }
}

@Suite struct InstantTextTests {
    @Test func utcWithMillisecondsOnlyWhenNotZero() {
        #expect(InstantText.rfc3339(milliseconds: 0) == "1970-01-01T00:00:00Z")
        #expect(InstantText.rfc3339(milliseconds: 1_780_306_200_250) == "2026-06-01T09:30:00.250Z")
        #expect(InstantText.rfc3339(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
    }

    @Test func offsetsAndFixedFraction() {
        #expect(InstantText.rfc3339(milliseconds: 1_780_306_200_000, offsetSeconds: 9 * 3600)
                == "2026-06-01T18:30:00+09:00")
        #expect(InstantText.rfc3339(milliseconds: 1_780_306_200_000, offsetSeconds: -(5 * 3600 + 30 * 60))
                == "2026-06-01T04:00:00-05:30")
        #expect(InstantText.rfc3339(milliseconds: 1_780_306_200_000, fraction: .always) == "2026-06-01T09:30:00.000Z")
    }

    @Test func calendarDateRoundTripsThroughDaysSinceEpoch() {
        for days in [-719_162, -1, 0, 1, 20_605, 2_932_896] {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CalendarDate(daysSinceEpoch: -719_162).description == "0001-01-01")
    }
}

@Suite struct SmallConceptTests {
    /// The reference SplitMix64 sequence for seed 0.
    @Test func splitMixMatchesTheReferenceSequence() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func splitMixHelpersStayInRange() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<1000 {
            #expect((0..<7).contains(random.below(7)))
            let u = random.unit()
            #expect(u >= 0 && u < 1)
            #expect((3...5).contains(random.int(3...5)))
        }
    }

    @Test func zoneNamesWriteEveryUTCAliasAsUTC() {
        for alias in ["UTC", "GMT", "Etc/UTC", "Zulu"] { #expect(ZoneNames.display(alias) == "UTC") }
        #expect(ZoneNames.display("Asia/Tokyo") == "Asia/Tokyo")
        #expect(!ZoneNames.isUTC("Europe/London"))
    }

    @Test func keywordsAreTheLanguagesReservedWords() {
        #expect(Keyword(rawValue: "between") == .between)
        #expect(Keyword(rawValue: "tag") == nil)
        #expect(Keyword(rawValue: "month") == .month)
        #expect(Keyword.allCases.count == 23)
    }
}
