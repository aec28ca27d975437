import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `segq` binary driven through a pseudo-terminal, libedit active.
/// Until the real engine is wired into the binary, it runs on the test-only
/// fake engine (`SEGQ_FAKE_ENGINE=1`, Sources/segq/REPL/FakeEngine.swift),
/// which understands `tag = "X"` conditions over twelve fixed friends.
@Suite(.serialized) struct TerminalREPLTests {
    /// A REPL on a pseudo-terminal, with its own home folder and history file.
    final class REPL {
        let terminal: PseudoTerminal
        let home: URL
        var historyFile: URL { home.appendingPathComponent("history") }

        init(environment extra: [String: String] = [:], home existing: URL? = nil) throws {
            home = existing ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("segq-pty-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            var environment = ["TERM": "xterm", "HOME": home.path, "SEGQ_FAKE_ENGINE": "1",
                               "SEGQ_HISTORY": home.appendingPathComponent("history").path, "LANG": "C.UTF-8"]
            environment.merge(extra) { $1 }
            terminal = try PseudoTerminal(executable: try Self.binary(), environment: environment)
            try terminal.waitFor("segq>")
        }

        /// The `segq` executable built next to the test bundle.
        static func binary() throws -> String {
            let tests = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                            ?? CommandLine.arguments[0])
            var folder = tests.deletingLastPathComponent()
            // The bundle may be a folder (…/segqPackageTests.xctest/…) on some platforms.
            while !folder.path.isEmpty, folder.path != "/" {
                let candidate = folder.appendingPathComponent("segq")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return candidate.path
                }
                folder = folder.deletingLastPathComponent()
            }
            throw PseudoTerminal.Failure(description: "the segq binary is not built next to the tests (swift build --build-tests)")
        }

        var mark: Int { terminal.output.count }

        /// The prompts the REPL reads input with.
        static let prompts = ["segq> ", "...> ", "[c]ancel: "]

        /// Types `text` and waits for `expected` to appear after it. With
        /// `atPrompt`, first waits until the REPL shows a prompt, so that
        /// control keys reach libedit rather than the terminal's cooked mode.
        @discardableResult
        func type(_ text: String, thenSee expected: String, atPrompt: Bool = true) throws -> String {
            if atPrompt {
                try terminal.waitUntilEnding(with: Self.prompts)
                try terminal.waitForRawMode()
            }
            let mark = self.mark
            terminal.send(text)
            return try terminal.waitFor(expected, since: mark)
        }

        func quit() throws -> Int32 {
            try terminal.waitUntilEnding(with: ["segq> "])
            try terminal.waitForRawMode()
            terminal.send("\u{4}")  // Ctrl-D on an empty line
            return try terminal.waitForExit()
        }

        deinit { try? FileManager.default.removeItem(at: home) }
    }

    @Test func queryShowsThePreview() throws {
        let repl = try REPL()
        let screen = try repl.type("tag = \"VIP\"\r", thenSee: "segq>")
        #expect(screen.contains("Group 1:  tag = \"VIP\""))
        #expect(screen.contains("Friends who match tag = \"VIP\"."))
        #expect(screen.contains("6 friends match."))
        #expect(screen.contains(" U001 | Aiko Tanaka | 2025-03-14 | VIP, Trade Show 2026"))
        #expect(screen.contains(" ms)"))  // the time taken
        #expect(try repl.quit() == 0)
    }

    @Test func errorsAreRenderedWithCaretsAndTheREPLGoesOn() throws {
        let repl = try REPL()
        let screen = try repl.type("shopfy.linked\r", thenSee: "segq>")
        #expect(screen.contains("error[E0102]: unknown field `shopfy.linked`"))
        #expect(screen.contains("^^^^^^^^^^^^^"))
        try repl.type(".tgas\r", thenSee: "did you mean `.tags`?")
        #expect(try repl.quit() == 0)
    }

    @Test func tabCompletesIntegrationFieldAndTagName() throws {
        let repl = try REPL()
        // `shop` → `shopify.`, then `li` → `shopify.linked `.
        try repl.type("shop\t", thenSee: "shopify.")
        repl.terminal.send("li\t")
        var screen = try repl.type("\r", thenSee: "segq>", atPrompt: false)
        #expect(screen.contains("Group 1:  shopify.linked"))
        // A tag name after `tag = "`.
        try repl.type("tag = \"Tr\t", thenSee: "Show 2026")
        screen = try repl.type("\r", thenSee: "segq>", atPrompt: false)
        #expect(screen.contains("Group 1:  tag = \"Trade Show 2026\""))
        #expect(screen.contains("3 friends match."))
        #expect(try repl.quit() == 0)
    }

    @Test func tabListsSeveralCandidates() throws {
        let repl = try REPL()
        let screen = try repl.type("tag = \"VIP\" \t", thenSee: "or")
        #expect(screen.contains("and"))
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        #expect(try repl.quit() == 0)
    }

    @Test func upArrowRecallsHistoryWhichPersists() throws {
        let repl = try REPL()
        try repl.type("tag = \"Newsletter\"\r", thenSee: "4 friends match.")
        try repl.type(".print between\r", thenSee: "between")
        // Up twice (one key at a time, as a person types): back past `.print` to the query.
        try repl.type("\u{1B}[A", thenSee: ".print between")
        try repl.type("\u{1B}[A", thenSee: "tag = \"Newsletter\"", atPrompt: false)
        let screen = try repl.type("\r", thenSee: "4 friends match.", atPrompt: false)
        #expect(screen.contains("Group 1:  tag = \"Newsletter\""))
        #expect(try repl.quit() == 0)
        let saved = try String(contentsOf: repl.historyFile, encoding: .utf8)
        #expect(saved.contains("Newsletter"))
        let permissions = try FileManager.default.attributesOfItem(atPath: repl.historyFile.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        // A new session reads the history file.
        let again = try REPL(home: repl.home)
        // The newest entry is the recalled query, entered again.
        try again.type("\u{1B}[A", thenSee: "tag = \"Newsletter\"")
        let recalled = try again.type("\r", thenSee: "4 friends match.", atPrompt: false)
        #expect(recalled.contains("Group 1:  tag = \"Newsletter\""))
        #expect(try again.quit() == 0)
    }

    @Test func queryContinuesOverTwoLines() throws {
        let repl = try REPL()
        try repl.type("(tag = \"VIP\" or\r", thenSee: "...>")
        let screen = try repl.type("tag = \"Newsletter\")\r", thenSee: "segq>")
        #expect(screen.contains("Group 2:  tag = \"Newsletter\""))
        #expect(screen.contains("9 friends match."))
        #expect(try repl.quit() == 0)
    }

    @Test func ctrlCAbandonsAHalfTypedLineWithoutLeaving() throws {
        let repl = try REPL()
        try repl.type("tag = \"half", thenSee: "half")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        // Also in the middle of a multi-line query.
        try repl.type("(tag = \"VIP\"\r", thenSee: "...>")
        try repl.type("(tag", thenSee: "(tag")
        try repl.type("\u{3}", thenSee: "segq>", atPrompt: false)
        let screen = try repl.type("tag = \"VIP\"\r", thenSee: "6 friends match.")
        #expect(!screen.contains("error"))
        #expect(try repl.quit() == 0)
    }

    @Test func ctrlCStopsARunningEvaluation() throws {
        let repl = try REPL()
        try repl.type("slow\r", thenSee: "slow query started")
        try repl.type("\u{3}", thenSee: "Interrupted.", atPrompt: false)
        try repl.type("tag = \"VIP\"\r", thenSee: "6 friends match.")
        #expect(try repl.quit() == 0)
    }

    @Test func quitCommandLeaves() throws {
        let repl = try REPL()
        try repl.type(".quit\r", thenSee: ".quit")
        #expect(try repl.terminal.waitForExit() == 0)
    }

    @Test func colourOnATerminalUnlessNoColor() throws {
        let coloured = try REPL()
        try coloured.type("tag = \"VIP\"\r", thenSee: "6 friends match.")
        #expect(String(decoding: coloured.terminal.output, as: UTF8.self).contains("\u{1B}[1m6 friends match.\u{1B}[0m"))
        _ = try coloured.quit()

        let plain = try REPL(environment: ["NO_COLOR": "1"])
        try plain.type("tag = \"VIP\"\r", thenSee: "6 friends match.")
        #expect(!String(decoding: plain.terminal.output, as: UTF8.self).contains("\u{1B}[1m6 friends"))
        _ = try plain.quit()
    }

    @Test func proposeAsksAndSavesOnApproval() throws {
        let repl = try REPL()
        try repl.type(".propose \"VIP friends\" tag = \"VIP\"\r", thenSee: "[a]pprove / [c]ancel")
        try repl.type("a\r", thenSee: "Saved segment \"VIP friends\".")
        try repl.type(".segments\r", thenSee: "VIP friends")
        #expect(try repl.quit() == 0)
    }
}
