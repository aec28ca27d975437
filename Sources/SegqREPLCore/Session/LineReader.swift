/// Which prompt a line is read with.
public enum LinePrompt: Equatable, Sendable {
    /// Waiting for a new query or dot-command.
    case primary
    /// Inside an unfinished query.
    case continuation
    /// A question for the user, e.g. `Approve? [y/N] `.
    case question(String)
}

/// The result of reading one line.
public enum LineReadResult: Equatable, Sendable {
    /// A line without its terminator (it may hold `\n` when it is a
    /// multi-line entry recalled from history).
    case line(String)
    /// The user abandoned the line (Ctrl-C).
    case interrupted
    /// No more input (Ctrl-D on an empty line, end of file).
    case endOfInput
}

/// Where the REPL's input comes from: the libedit line editor on a
/// terminal, or plain lines from a script.
public protocol LineReader: AnyObject {
    /// True for a person at a terminal: prompts, history, questions answered live.
    var isInteractive: Bool { get }

    /// Reads one line, showing `prompt` when interactive.
    func readLine(prompt: LinePrompt) -> LineReadResult

    /// Records a finished entry (a query with its lines, or a dot-command).
    func addToHistory(_ entry: String)

    /// The history, oldest first.
    var history: [String] { get }
}

/// Reads lines from text or a line source, without prompts or history:
/// script mode (`segq < queries.txt`) and `.read FILE`.
public final class ScriptLineReader: LineReader {
    private let nextLine: () -> String?

    /// Reads from a function returning one line at a time (nil at the end).
    public init(nextLine: @escaping () -> String?) {
        self.nextLine = nextLine
    }

    /// Reads the lines of `text` (`\n` or `\r\n` separated).
    public convenience init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        var iterator = lines.makeIterator()
        self.init { iterator.next() }
    }

    public var isInteractive: Bool { false }

    public func readLine(prompt: LinePrompt) -> LineReadResult {
        nextLine().map(LineReadResult.line) ?? .endOfInput
    }

    public func addToHistory(_ entry: String) {}

    public var history: [String] { [] }
}
