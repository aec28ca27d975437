import Foundation
import SegqREPLCore

/// How `runREPL` is set up; `standard(environment:)` reads the usual
/// environment variables.
struct REPLOptions {
    /// The persistent history file, or nil for none.
    var historyPath: String?
    /// The process environment (for `NO_COLOR`).
    var environment: [String: String]
    /// Printed once when the session is interactive (e.g. which store is
    /// open); nil prints the default greeting.
    var banner: String?
    /// A first line above the default greeting (the version, the store and
    /// the evaluation instant); ignored when `banner` is set.
    var heading: String?

    /// Whether results on standard output may be coloured: it is a terminal
    /// and `NO_COLOR` is unset or empty. An engine renders its diagnostics
    /// with colour only when this is true.
    var usesColour: Bool {
        Style.forOutput(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment).usesColour
    }

    /// History in `$SEGQ_HISTORY` (empty: no history file), else
    /// `~/.segq_history`.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                         banner: String? = nil) -> REPLOptions {
        let history: String?
        if let path = environment["SEGQ_HISTORY"] {
            history = path.isEmpty ? nil : path
        } else if let home = environment["HOME"], !home.isEmpty {
            history = (home as NSString).appendingPathComponent(".segq_history")
        } else {
            history = nil
        }
        return REPLOptions(historyPath: history, environment: environment, banner: banner)
    }
}

/// Runs the REPL on standard input and output until `.quit`, Ctrl-D or the
/// end of input, and returns the process exit status.
///
/// With standard input a terminal: the libedit line editor (prompts,
/// history, Tab completion), colour when standard output is a terminal and
/// `NO_COLOR` is unset, Ctrl-C abandoning the input or stopping a running
/// evaluation. Otherwise script mode: no prompts, results in order, status
/// 1 when any query or command failed.
func runREPL(engine: REPLEngine, options: REPLOptions = .standard()) -> Int32 {
    let inputIsTerminal = isatty(STDIN_FILENO) == 1
    let outputIsTerminal = isatty(STDOUT_FILENO) == 1
    let style = Style(usesColour: options.usesColour)
    let settings = REPLSettings(interactive: inputIsTerminal, style: style,
                                terminalWidth: outputIsTerminal ? terminalColumns() : nil,
                                outputIsTerminal: outputIsTerminal,
                                terminalHeight: outputIsTerminal ? terminalRows() : nil)
    let console = StandardConsole()
    let session = REPLSession(engine: engine, console: console, settings: settings,
                              cancellation: Interrupts.cancellation)

    if outputIsTerminal {
        session.measureTerminalWidth = { terminalColumns() }
        session.measureTerminalHeight = { terminalRows() }
        session.pager = TerminalPager(environment: options.environment)
    }
    if inputIsTerminal, let editor = LineEditor(historyPath: options.historyPath) {
        editor.completion = { [unowned session] line, cursor in session.complete(line: line, cursor: cursor) }
        let greeting = (options.heading.map { $0 + "\n" } ?? "") + defaultBanner(style)
        console.write(options.banner ?? greeting, to: outputIsTerminal ? .output : .error)
        Interrupts.install()
        defer { Interrupts.restore() }
        return session.run(editor)
    }
    return session.run(ScriptLineReader(name: "stdin", nextBytes: StandardInputLines.next))
}

private func defaultBanner(_ style: Style) -> String {
    "segq — type a query to preview who it matches; " + style.bold(".help") + " lists the commands, Ctrl-D leaves.\n"
}

/// The console of the real program: standard output and error, each write
/// flushed so that the two channels keep their order on a terminal.
final class StandardConsole: Console {
    func write(_ text: String, to channel: ConsoleChannel) {
        (channel == .output ? StandardStream.output : StandardStream.error).write(text)
    }
}
