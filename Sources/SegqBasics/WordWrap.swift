/// Prose folded to a width at word boundaries, never inside a word. A code
/// span (`` `a b` ``) or a quoted string (`"Trade Show"`) is kept on one
/// line when it fits one; a longer one breaks at its own spaces. Widths
/// count terminal columns (`DisplayWidth`).
public enum WordWrap {
    /// `text` with spaces between words replaced by line breaks so that no
    /// line is wider than `width` unless one word alone is. Existing line
    /// breaks stay.
    public static func wrapped(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrappedLine(String($0), width: width) }
            .joined(separator: "\n")
    }

    private static func wrappedLine(_ line: String, width: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        var lines: [String] = []
        var current = ""
        func add(_ word: String) {
            if current.isEmpty {
                current = word
            } else if DisplayWidth.of(current) + 1 + DisplayWidth.of(word) <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        for unit in units(line) {
            if DisplayWidth.of(unit) > width && unit.contains(" ") {
                unit.split(separator: " ").forEach { add(String($0)) }
            } else {
                add(unit)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }

    /// The line split at spaces outside code spans and quoted strings.
    private static func units(_ line: String) -> [String] {
        var units: [String] = []
        var current = ""
        var closing: Character?
        for character in line {
            if let open = closing {
                current.append(character)
                if character == open { closing = nil }
            } else if character == " " {
                if !current.isEmpty { units.append(current) }
                current = ""
            } else {
                current.append(character)
                if character == "`" || character == "\"" { closing = character }
            }
        }
        if !current.isEmpty { units.append(current) }
        return units
    }
}
