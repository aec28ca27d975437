import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The real `segq` binary driven through a pseudo-terminal (libedit
/// active), with its own home folder and history file. By default it runs
/// the REPL on the sample store at a fixed instant in UTC, so results are
/// the sample's real answers:
///
///     segq --store <repo>/samples/friends.jsonl --now 2026-11-23T09:00:00Z --tz UTC
final class TerminalREPL {
    let terminal: PseudoTerminal
    let home: URL
    var historyFile: URL { home.appendingPathComponent("history") }

    /// The sample store of the repository (2,000 generated friends).
    static var sampleStore: String { CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path }

    /// The arguments that open `store` at the tests' fixed instant and zone.
    static func arguments(store: String) -> [String] {
        ["--store", store, "--now", now, "--tz", "UTC"]
    }

    /// The instant every session and command of these tests runs at.
    static let now = "2026-11-23T09:00:00Z"

    /// A fresh SQLite store of the sample in a folder of its own, whose commands run at `now`.
    static func sampleDatabase() throws -> SampleDatabase {
        try SampleDatabase("pty-db", file: "friends.sqlite", options: ["--now", now])
    }

    /// Starts `segq arguments…` and waits for its first prompt. `home`
    /// reuses an earlier session's home folder (and so its history).
    init(arguments: [String] = TerminalREPL.arguments(store: TerminalREPL.sampleStore),
         environment extra: [String: String] = [:], home existing: URL? = nil) throws {
        home = existing ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-pty-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ["TERM": "xterm", "HOME": home.path,
                           "SEGQ_HISTORY": home.appendingPathComponent("history").path, "LANG": "C.UTF-8",
                           // Long output goes through the pager: `cat` keeps it on the screen the tests read.
                           "PAGER": "cat"]
        environment.merge(extra) { $1 }
        terminal = try PseudoTerminal(executable: try Self.binary(), arguments: arguments, environment: environment)
        try terminal.waitFor("segq>")
    }

    deinit { try? FileManager.default.removeItem(at: home) }

    /// The `segq` executable built next to the test bundle.
    static func binary() throws -> String {
        if let url = CLIRunner.binaryURL { return url.path }
        throw PseudoTerminal.Failure(description: "the segq binary is not built next to the tests (swift build --build-tests)")
    }

    var mark: Int { terminal.output.count }

    /// The prompts the REPL reads input with.
    static let prompts = ["segq> ", "...> ", "[c]ancel: ", "[y/N] "]

    /// Types `text` and waits for `expected` to appear after it; returns
    /// what the screen showed since. With `atPrompt`, first waits until the
    /// REPL shows a prompt with the terminal in raw mode, so that control
    /// keys reach libedit rather than the terminal's cooked mode.
    @discardableResult
    func type(_ text: String, thenSee expected: String, atPrompt: Bool = true) throws -> String {
        if atPrompt { try waitForPrompt() }
        let mark = self.mark
        terminal.send(text)
        return try terminal.waitFor(expected, since: mark)
    }

    /// Waits until libedit is reading a line behind one of the prompts.
    func waitForPrompt() throws {
        try terminal.waitUntilEnding(with: Self.prompts)
        try terminal.waitForRawMode()
    }

    /// Ctrl-D on an empty line; returns the exit status.
    func quit() throws -> Int32 {
        try terminal.waitUntilEnding(with: ["segq> "])
        try terminal.waitForRawMode()
        terminal.send("\u{4}")
        return try terminal.waitForExit()
    }
}
