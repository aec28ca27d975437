import SegqBasics

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
    /// A line whose bytes are not UTF-8, with the message saying where
    /// (`UTF8Validation`); it is reported and never run.
    case invalidUTF8(String)
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
    private let next: () -> LineReadResult

    /// Reads from a function returning one line at a time (nil at the end).
    public init(nextLine: @escaping () -> String?) {
        self.next = { nextLine().map(LineReadResult.line) ?? .endOfInput }
    }

    /// Reads from a function returning the bytes of one line at a time
    /// (without its `\n`; nil at the end). A line that is not UTF-8 is
    /// read as `.invalidUTF8`, naming its line number.
    public init(nextBytes: @escaping () -> [UInt8]?) {
        var number = 0
        self.next = {
            guard var bytes = nextBytes() else { return .endOfInput }
            number += 1
            if bytes.last == 0x0D { bytes.removeLast() }
            if let invalid = UTF8Validation.firstInvalid(in: bytes) {
                return .invalidUTF8(UTF8Validation.message(invalid, in: "line \(number)") + "; the line was not run")
            }
            return .line(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Reads the lines of `bytes` (`\n` or `\r\n` separated), each checked for UTF-8.
    public convenience init(bytes: [UInt8]) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var iterator = lines.makeIterator()
        self.init(nextBytes: { iterator.next() })
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
        next()
    }

    public func addToHistory(_ entry: String) {}

    public var history: [String] { [] }
}
