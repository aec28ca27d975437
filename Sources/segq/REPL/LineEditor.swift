import CLibEdit
import Glibc
import SegqREPLCore
import SegqBasics

/// The interactive `LineReader`: libedit (histedit API) with emacs key
/// bindings, a primary and a continuation prompt, persistent history and
/// Tab completion through a Swift callback.
///
/// Keys beyond libedit's emacs defaults:
/// - Tab: `completion(line, cursor)`; one candidate is inserted, several
///   insert their common prefix and are listed below the prompt.
/// - Ctrl-C: abandons the line (shown as `^C`); `readLine` returns
///   `.interrupted`. The tty's `isig` is off while editing, so Ctrl-C is a
///   key here rather than a signal; during an evaluation the tty is back in
///   cooked mode and Ctrl-C raises SIGINT (see `Interrupts`).
/// - Ctrl-D on an empty line: `.endOfInput` (libedit's default).
///
/// History holds whole entries: a multi-line query is one entry, its lines
/// joined by `\n` (libedit escapes newlines in the file and shows them as
/// line breaks when recalled). It is saved after every entry.
final class LineEditor: LineReader {
    struct Prompts {
        var primary = "segq> "
        var continuation = " ...> "
    }

    /// Completes `line` at `cursor` (UTF-8 byte offset).
    var completion: ((String, Int) -> Completion)?

    private let editLine: OpaquePointer
    /// Where libedit draws: standard output, or standard error when that is redirected.
    private let screen: UnsafeMutablePointer<FILE>
    private let historyList: OpaquePointer
    private let historyPath: String?
    private let prompts: Prompts
    /// The prompt libedit shows; owned here, freed on change.
    private var promptText: UnsafeMutablePointer<CChar>
    private var abandoned = false

    /// Makes an editor on standard input/output; nil when libedit cannot
    /// initialise (the caller then reads plain lines).
    init?(historyPath: String?, prompts: Prompts = Prompts()) {
        // Prompts and echo go to the terminal: standard error when standard
        // output is redirected (`segq > results.txt`), so results stay clean.
        let screen: UnsafeMutablePointer<FILE> = isatty(STDOUT_FILENO) == 1 ? stdout : stderr
        Self.decodeKeysAsUTF8()
        guard let editLine = el_init("segq", stdin, screen, stderr) else { return nil }
        guard let historyList = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.screen = screen
        self.historyList = historyList
        self.historyPath = historyPath
        self.prompts = prompts
        self.promptText = strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)

        segq_history_set_size(historyList, 1000)
        segq_history_set_unique(historyList, 1)
        if let historyPath { segq_history_load(historyList, historyPath) }

        segq_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        segq_el_set_editor(editLine, "emacs")
        segq_el_set_signal(editLine, 1)
        segq_el_set_edit_tty_mode(editLine, "-isig")
        segq_el_set_history(editLine, historyList)
        segq_el_set_prompt(editLine, lineEditorPrompt, Self.promptEscape)
        segq_el_add_function(editLine, "segq-complete", "Complete the word at the cursor", lineEditorComplete)
        segq_el_add_function(editLine, "segq-abandon", "Abandon the current input", lineEditorAbandon)
        segq_el_bind(editLine, "^I", "segq-complete")
        segq_el_bind(editLine, "^C", "segq-abandon")
        segq_el_bind(editLine, "^R", "em-inc-search-prev")  // search the history, as in a shell
        el_source(editLine, nil)  // the user's ~/.editrc, if any
    }

    /// libedit decodes the keys typed with the C library's multibyte
    /// functions, so with the default "C" locale it drops every non-ASCII
    /// character (a tag such as `東京` could not be typed). Takes the user's
    /// character type when it is UTF-8, else `C.UTF-8`.
    private static func decodeKeysAsUTF8() {
        if setlocale(LC_CTYPE, "") != nil, let codeset = nl_langinfo(nl_item(CODESET)),
           String(cString: codeset).uppercased().filter({ $0 != "-" }) == "UTF8" {
            return
        }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "C.utf8") }
    }

    deinit {
        el_end(editLine)
        history_end(historyList)
        free(promptText)
    }

    var isInteractive: Bool { true }

    func readLine(prompt: LinePrompt) -> LineReadResult {
        setPrompt(prompt)
        abandoned = false
        var count: Int32 = 0
        errno = 0
        let text = el_gets(editLine, &count)
        if abandoned { return .interrupted }
        guard let text, count > 0 else {
            if count < 0 && errno == EINTR {  // a signal (e.g. SIGINT sent with kill) ended the read
                write("\n")
                return .interrupted
            }
            write("\n")
            return .endOfInput
        }
        var bytes = [UInt8](UnsafeRawBufferPointer(start: text, count: strlen(text)))
        if bytes.last == 0x0A { bytes.removeLast() }
        if let invalid = UTF8Validation.firstInvalid(in: bytes) {
            return .invalidUTF8(UTF8Validation.message(invalid, in: "the line") + "; the line was not run")
        }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    func addToHistory(_ entry: String) {
        guard !entry.isEmpty else { return }
        segq_history_enter(historyList, entry)
        if let historyPath {
            segq_history_save(historyList, historyPath)
            chmod(historyPath, 0o600)  // queries may name customers: readable by the user only
        }
    }

    var history: [String] {
        var entries: [String] = []
        var entry = segq_history_step(historyList, H_LAST)
        while let current = entry {
            entries.append(String(cString: current))
            entry = segq_history_step(historyList, H_PREV)
        }
        return entries
    }

    // MARK: Prompt

    /// Marks the start and end of invisible characters in the prompt.
    private static let promptEscape = CChar(1)

    /// The prompts are plain text: libedit 3.1 mangles ANSI sequences in a
    /// prompt even when they are marked invisible, so the prompt is never
    /// coloured.
    private func setPrompt(_ prompt: LinePrompt) {
        let visible: String
        switch prompt {
        case .primary: visible = prompts.primary
        case .continuation: visible = prompts.continuation
        case .question(let text): visible = text
        }
        free(promptText)
        promptText = strdup(visible) ?? strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    }

    fileprivate var currentPrompt: UnsafeMutablePointer<CChar> { promptText }

    // MARK: Keys

    fileprivate func complete() -> UInt8 {
        guard let completion, let info = el_line(editLine)?.pointee,
              let buffer = info.buffer, let cursor = info.cursor, let last = info.lastchar else {
            return UInt8(CC_ERROR)
        }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                        count: max(0, last - buffer))
        let cursorOffset = min(max(0, cursor - buffer), bytes.count)
        let line = String(decoding: bytes, as: UTF8.self)
        let answer = completion(line, cursorOffset)
        let from = min(max(0, answer.replaceFrom), cursorOffset)
        let typed = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<cursorOffset]), as: UTF8.self)

        switch answer.candidates.count {
        case 0:
            return UInt8(CC_REFRESH_BEEP)
        case 1:
            replace(typed, with: answer.candidates[0])
            return UInt8(CC_REFRESH)
        default:
            let prefix = answer.commonPrefix
            if prefix.count > typed.count && prefix.hasPrefix(typed) { replace(typed, with: prefix) }
            write("\n" + CandidateList.layout(answer.candidates, width: terminalColumns()))
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Replaces `typed` (just before the cursor) by `replacement`.
    private func replace(_ typed: String, with replacement: String) {
        if !typed.isEmpty { el_deletestr(editLine, Int32(typed.unicodeScalars.count)) }
        if !replacement.isEmpty { _ = el_insertstr(editLine, replacement) }
    }

    /// Ctrl-C: show `^C` at the end of the input and end the line; the
    /// `abandoned` flag makes `readLine` discard it.
    fileprivate func abandon() -> UInt8 {
        abandoned = true
        if let info = el_line(editLine)?.pointee, let cursor = info.cursor, let last = info.lastchar, last > cursor {
            let after = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(cursor).assumingMemoryBound(to: UInt8.self),
                                                             count: last - cursor), as: UTF8.self)
            _ = el_cursor(editLine, Int32(after.unicodeScalars.count))
        }
        _ = el_insertstr(editLine, "^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    private func write(_ text: String) {
        fputs(text, screen)
        fflush(screen)
    }

    fileprivate static func from(_ editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = segq_el_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }
}

func terminalColumns() -> Int {
    let columns = Int(segq_terminal_columns(STDOUT_FILENO))
    return columns > 0 ? columns : 80
}

/// Lines of the terminal on standard output (24 when unknown).
func terminalRows() -> Int {
    let rows = Int(segq_terminal_rows(STDOUT_FILENO))
    return rows > 0 ? rows : 24
}

private let emptyPrompt: UnsafeMutablePointer<CChar> = strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)

private let lineEditorPrompt: segq_el_prompt_fn = { editLine in
    LineEditor.from(editLine)?.currentPrompt ?? emptyPrompt
}

private let lineEditorComplete: segq_el_command_fn = { editLine, _ in
    LineEditor.from(editLine)?.complete() ?? UInt8(CC_ERROR)
}

private let lineEditorAbandon: segq_el_command_fn = { editLine, _ in
    LineEditor.from(editLine)?.abandon() ?? UInt8(CC_ERROR)
}

private extension String {
    var trimmingTrailingSpace: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
