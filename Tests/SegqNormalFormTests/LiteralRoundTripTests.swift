import SegqBasics
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import TestSupport

/// Every literal the printer writes lexes back to the same value.
private let checker = Checker(schema: RandomVocabulary.schema)

private func readBack(_ condition: Condition) -> Condition? {
    guard case .condition(let c)? = checker.check(QueryPrinter.text(of: condition)).query?.root else { return nil }
    return c
}

@Test func randomStringsRoundTrip() {
    var rng = SplitMix64(seed: 31)
    let pieces: [String] = ["\"", "'", "\\", "\n", "\t", "\r", "\u{0}", "\u{7F}", "\u{2028}", "\u{2029}", "`", "#",
                            "é", "e\u{301}", "😀", "👩‍👩‍👧", "ß", "\u{FEFF}", "a", "Z", " ", "\\u{41}", "${x}"]
    for _ in 0..<500 {
        let s = TextMatching.nfc((0..<rng.int(0...6)).map { _ in rng.pick(pieces) }.joined())
        let condition = Condition(field: .name, type: .string, test: .equals(.string(s)))
        let back = readBack(condition)
        #expect(back == condition, "\(QueryPrinter.text(of: condition))")
    }
}

@Test func randomNumbersRoundTrip() {
    var rng = SplitMix64(seed: 32)
    for i in 0..<500 {
        let d: Double
        switch i % 4 {
        case 0: d = Double(bitPattern: rng.next())
        case 1: d = Double(rng.int(-1_000_000...1_000_000)) / 1000
        case 2: d = Double(sign: rng.chance(0.5) ? .minus : .plus, exponent: rng.int(-60...60), significand: 1.25)
        default: d = Double(Int64.random(in: Int64.min...Int64.max, using: &rng))
        }
        guard d.isFinite else { continue }
        let condition = Condition(field: .hubspotProperty("score"), type: .number, test: .less(.number(d == 0 ? 0 : d)))
        #expect(readBack(condition) == condition, "\(QueryPrinter.text(of: condition))")
        let n = Int64.random(in: Int64.min...Int64.max, using: &rng)
        let int = Condition(field: .shopifyPurchases, type: .int, test: .greaterOrEqual(.int(n)))
        #expect(readBack(int) == int, "\(QueryPrinter.text(of: int))")
    }
    for n in [Int64.min, Int64.max, 0, -1] {
        let int = Condition(field: .shopifyPurchases, type: .int, test: .equals(.int(n)))
        #expect(readBack(int) == int, "\(QueryPrinter.text(of: int))")
    }
}

@Test func randomTimesRoundTrip() {
    var g = RandomQueries(seed: 33)
    for _ in 0..<500 {
        let condition = Condition(field: .added, type: .time, test: .lessOrEqual(.time(g.time())))
        #expect(readBack(condition) == condition, "\(QueryPrinter.text(of: condition))")
    }
}

@Test func oddPropertyNamesRoundTrip() {
    let untypedChecker = Checker()   // no store: any property name, untyped
    for name in ["a`b\\c d", "and", "not", "1st", "東京", "lead status", "linked", "segment", "list", "tag", "id", "x.y", "null"] {
        for field in [Field.hubspotProperty(name), .klaviyoProperty(name)] {
            let condition = Condition(field: field, type: .untyped, test: .equals(.string("v")))
            let text = QueryPrinter.text(of: condition)
            guard case .condition(let back)? = untypedChecker.check(text).query?.root else {
                Issue.record("does not check: \(text)")
                continue
            }
            #expect(back == condition, "\(text)")
        }
    }
}
