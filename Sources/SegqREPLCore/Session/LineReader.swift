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

    /// The name diagnostics locate lines in (`stdin`, a `.read` file's
    /// path); nil for a person at a terminal.
    var sourceName: String? { get }

    /// The number of the line read last (1-based; 0 before the first).
    var lineNumber: Int { get }
}

extension LineReader {
    public var sourceName: String? { nil }
    public var lineNumber: Int { 0 }
}

/// Reads lines from text or a line source, without prompts or history:
/// script mode (`segq < queries.txt`) and `.read FILE`.
public final class ScriptLineReader: LineReader {
    private let next: (Int) -> LineReadResult
    public let sourceName: String?
    public private(set) var lineNumber = 0

    /// Reads from a function returning one line at a time (nil at the end).
    /// `name` is what diagnostics call the script (`stdin`, a file's path).
    public init(name: String? = nil, nextLine: @escaping () -> String?) {
        self.sourceName = name
        self.next = { _ in nextLine().map(LineReadResult.line) ?? .endOfInput }
    }

    /// Reads from a function returning the bytes of one line at a time
    /// (without its `\n`; nil at the end). A line that is not UTF-8 is
    /// read as `.invalidUTF8`, naming its line number.
    public init(name: String? = nil, nextBytes: @escaping () -> [UInt8]?) {
        self.sourceName = name
        self.next = { number in
            guard var bytes = nextBytes() else { return .endOfInput }
            if bytes.last == 0x0D { bytes.removeLast() }
            if let invalid = UTF8Validation.firstInvalid(in: bytes) {
                return .invalidUTF8(UTF8Validation.message(invalid, in: "line \(number)") + "; the line was not run")
            }
            return .line(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Reads the lines of `bytes` (`\n` or `\r\n` separated), each checked for UTF-8.
    public convenience init(name: String? = nil, bytes: [UInt8]) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var iterator = lines.makeIterator()
        self.init(name: name, nextBytes: { iterator.next() })
    }

    /// Reads the lines of `text` (`\n` or `\r\n` separated).
    public convenience init(name: String? = nil, text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        var iterator = lines.makeIterator()
        self.init(name: name) { iterator.next() }
    }

    public var isInteractive: Bool { false }

    public func readLine(prompt: LinePrompt) -> LineReadResult {
        let result = next(lineNumber + 1)
        if result != .endOfInput { lineNumber += 1 }
        return result
    }

    public func addToHistory(_ entry: String) {}

    public var history: [String] { [] }
}
