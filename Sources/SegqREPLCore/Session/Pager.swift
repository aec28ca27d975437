import SegqBasics

/// Shows text page by page: `$PAGER`, else `less -FRX`, in the real
/// program; a recording in tests.
public protocol Pager: AnyObject {
    /// Shows `text` and returns once the person left the pager; false when
    /// no pager could be started (the session then prints the text itself).
    func show(_ text: String) -> Bool
}

/// When a result goes through the pager (`.pager on|off|auto`): only in an
/// interactive session whose standard output is a terminal; with `auto`
/// only when the text is taller than the screen, counting lines longer
/// than the terminal's width as the several lines they take.
struct PagerPolicy {
    var settings: REPLSettings
    var interactive: Bool

    func pages(_ text: String) -> Bool {
        guard interactive, settings.outputIsTerminal else { return false }
        switch settings.pager {
        case .off: return false
        case .on: return true
        case .auto:
            guard let height = settings.terminalHeight else { return false }
            return Self.screenLines(text, width: settings.terminalWidth) >= height
        }
    }

    /// Lines `text` takes on a screen `width` columns wide (nil: unknown,
    /// each line one). ANSI colour sequences take no room.
    static func screenLines(_ text: String, width: Int?) -> Int {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let width, width > 0 else { return lines.count }
        return lines.reduce(0) { total, line in
            total + max(1, (DisplayWidth.of(withoutEscapes(line)) + width - 1) / width)
        }
    }

    private static func withoutEscapes(_ line: Substring) -> String {
        guard line.contains("\u{1B}") else { return String(line) }
        var out = ""
        var inEscape = false
        for character in line {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
