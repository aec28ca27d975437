import Foundation
import Testing
import TestSupport

/// The interactive REPL's banner names segq's version, the store with its
/// friend count and zone, and the instant relative times count from.
@Suite struct TerminalBannerTests {
    @Test func bannerNamesStoreAndFixedNow() throws {
        let repl = try TerminalREPL()
        let screen = String(decoding: repl.terminal.output, as: UTF8.self)
        let pattern = #"segq \d+\.\d+\.\d+ — store \S*samples/friends\.jsonl \(2,000 friends, zone UTC\) · now 2026-11-23T09:00:00Z UTC \(fixed by --now\)"#
        #expect(screen.range(of: pattern, options: .regularExpression) != nil, "\(screen)")
        #expect(try repl.quit() == 0)
    }

    @Test func bannerSaysTheClockWithoutNow() throws {
        let repl = try TerminalREPL(arguments: ["--store", TerminalREPL.sampleStore, "--tz", "Asia/Tokyo"])
        let screen = String(decoding: repl.terminal.output, as: UTF8.self)
        let pattern = #"· now \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z Asia/Tokyo \(clock\)"#
        #expect(screen.range(of: pattern, options: .regularExpression) != nil, "\(screen)")
        #expect(try repl.quit() == 0)
    }
}
