import Foundation
import Testing
import SegqBasics
@testable import SegqStore

/// The one pass over an imported string's bytes (`UnicodeNormalization.scan`)
/// agrees with the standard library on what is valid UTF-8, and what it
/// calls NFC is unchanged by NFC.
@Suite struct UTF8ScanTests {
    func scan(_ bytes: [UInt8]) -> UnicodeNormalization.Scan {
        bytes.withUnsafeBufferPointer { UnicodeNormalization.scan($0) }
    }

    func isValid(_ bytes: [UInt8]) -> Bool {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Random bytes biased towards lead and continuation bytes, so that
    /// truncated, overlong, surrogate and out-of-range sequences all come.
    @Test func validityAgreesWithTheStandardLibrary() {
        var random = SplitMix64(seed: 8)
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xCC, 0xDF, 0xE0, 0xE3, 0xED,
                                    0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90, 0x81, 0x99]
        for _ in 0 ..< 20_000 {
            let n = random.below(12)
            let bytes = (0 ..< n).map { _ in
                random.below(3) == 0 ? UInt8(random.below(256)) : interesting[random.below(interesting.count)]
            }
            let result = scan(bytes)
            #expect((result == .invalid) == !isValid(bytes), "\(bytes)")
        }
    }

    @Test func whatItCallsNFCIsNFC() {
        let samples = ["plain", "José", "山本 ひな", "😀 Émile", "한국어", "ｶﾀｶﾅ", "Cafe\u{301}", "e\u{301}",
                       "ガ", "か\u{3099}", "Ω", "Å", "\u{212B}", "\u{1F600}", "\u{1D15E}", "ä\u{0308}"]
        for s in samples {
            let result = scan(Array(s.utf8))
            #expect(result != .invalid)
            if result == .nfc { #expect(s.precomposedStringWithCanonicalMapping.utf8.elementsEqual(s.utf8), "\(s)") }
        }
        #expect(scan(Array("Cafe\u{301}".utf8)) == .mayChange)
        #expect(scan(Array("山本 ひな 😀".utf8)) == .nfc)
    }

    /// A record's strings reach the sink in NFC, escaped or not.
    @Test func recordStringsArriveInNFC() throws {
        let line = #"{"id":"Cafe\u0301","name":"Cafe\#u{301}","added_at":"2026-01-01T00:00:00Z","tags":["e\u0301"]}"#
        let friend = try Array(line.utf8).withUnsafeBufferPointer { try JSONRecordParser.parse($0) }
        #expect(Array(friend.id.utf8) == Array("Caf\u{E9}".utf8))
        #expect(friend.name.map { Array($0.utf8) } == Array("Caf\u{E9}".utf8))
        #expect(friend.tags.map { Array($0.utf8) } == [Array("\u{E9}".utf8)])
    }
}
