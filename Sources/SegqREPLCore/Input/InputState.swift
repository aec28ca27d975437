/// The REPL's input state machine (SQLite's `process_input`, psql's prompt
/// states), shared by interactive and script mode.
///
/// - With an empty buffer, a line whose first non-blank character is `.` is a
///   dot-command, complete on that one line (`\` works too, as in psql:
///   `\q` is `.q`; `help`, `exit` and `quit` alone on a line too: see
///   `CommandSpellings`). A blank or comment-only line is ignored.
/// - Any other line starts (or continues) a query. The query is complete when
///   `QueryContinuationScanner` finds nothing left open; until then every
///   line, blank ones included, is added to it and the continuation prompt is
///   shown.
///
/// A line may itself hold several lines (a multi-line entry recalled from
/// history); it is treated as one piece of text.
public struct InputState: Sendable {
    /// What the REPL should do after a line.
    public enum Action: Equatable, Sendable {
        /// Run this dot-command line (leading blanks removed).
        case command(String)
        /// Evaluate this complete query (its lines joined by `\n`).
        case query(String)
        /// Read another line with the continuation prompt.
        case needsMoreInput
        /// Nothing to do (blank or comment-only line on an empty buffer).
        case ignore
    }

    /// Which prompt the next line should be read with.
    public enum Prompt: Equatable, Sendable {
        case primary
        case continuation
    }

    private var pendingLines: [String] = []

    public init() {}

    /// True when no query is being continued.
    public var isEmpty: Bool { pendingLines.isEmpty }

    /// The prompt for the next line.
    public var prompt: Prompt { pendingLines.isEmpty ? .primary : .continuation }

    /// The lines of the unfinished query, joined by `\n` (empty when none).
    public var pendingText: String { pendingLines.joined(separator: "\n") }

    /// Feeds one line (without its line terminator).
    public mutating func accept(_ line: String) -> Action {
        if pendingLines.isEmpty {
            let trimmed = line.trimmingLeadingBlanks()
            if trimmed.hasPrefix(".") { return .command(String(trimmed)) }
            if let command = CommandSpellings.command(for: trimmed) { return .command(command) }  // `\q`, `exit`
            if trimmed.isBlankOrComment { return .ignore }
        }
        pendingLines.append(line)
        let text = pendingText
        if QueryContinuationScanner.needsContinuation(text) { return .needsMoreInput }
        pendingLines.removeAll()
        return .query(text)
    }

    /// Ends the input: the unfinished query, if any, is handed over as it is
    /// (script mode evaluates it so the engine reports what is missing).
    public mutating func finish() -> String? {
        defer { pendingLines.removeAll() }
        return pendingLines.isEmpty ? nil : pendingText
    }

    /// Abandons the unfinished query (Ctrl-C).
    public mutating func reset() {
        pendingLines.removeAll()
    }
}

extension StringProtocol {
    func trimmingLeadingBlanks() -> SubSequence {
        drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    }

    /// True for text holding only blanks and, optionally, one `#` comment per line.
    var isBlankOrComment: Bool {
        var inComment = false
        for character in self {
            if inComment {
                if character == "\n" { inComment = false }
            } else if character == "#" {
                inComment = true
            } else if !(character == " " || character == "\t" || character == "\r" || character == "\n" || character == "\r\n") {
                return false
            }
        }
        return true
    }
}
