import Testing
@testable import SegqSemantics

/// What the value hints count as near: the same key, a few edits, or most
/// words shared; never a value in another script.
@Suite struct ValueSpellingTests {
    @Test(arguments: [
        ("Trade show leads", "Trade Show 2026"),   // two of three words each
        ("VIP", "VIP list"),                       // every word of the shorter, half of the longer
        ("VIP customers", "VIP"),
        ("wholesal", "wholesale"),                 // one edit
        ("Newsleter", "Newsletter"),
        ("VIP", "ＶＩＰ"),                          // width only
    ])
    func near(_ written: String, _ held: String) {
        #expect(ValueSpelling.nearness(of: held, to: written) != nil, "\(written) ~ \(held)")
    }

    @Test(arguments: [
        ("Osaka", "大阪"),                          // another script
        ("A", "大"),                               // one edit apart, no character in common
        ("Trade", "Trade Show 2026"),              // one word of three
        ("VIP", "Klaviyo VIP list plus"),
        ("Tokyo", "Fukuoka"),
    ])
    func notNear(_ written: String, _ held: String) {
        #expect(ValueSpelling.nearness(of: held, to: written) == nil, "\(written) !~ \(held)")
    }

    @Test func nearestRanksEditsBeforeSharedWordsAndExactCaseFirst() {
        let known: Set<String> = ["Wholesale", "wholesale", "wholesale buyers", "retail"]
        #expect(ValueSpelling.nearest(to: "wholesal", in: known, limit: 4) == ["wholesale", "Wholesale"])
        // Shared words: fewer words apart first, then exact case.
        #expect(ValueSpelling.nearest(to: "Wholesale list", in: known, limit: 4)
                == ["Wholesale", "wholesale", "wholesale buyers"])
    }
}
