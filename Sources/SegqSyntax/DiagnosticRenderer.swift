/// Renders diagnostics for people, exactly as Grammar/README.md "Diagnostics" shows:
///
///     error[E0102]: unknown field `shopfy.purchases`
///      --> query:1:17
///       |
///     1 | tag = "VIP" and shopfy.purchases >= 3
///       |                 ^^^^^^^^^^^^^^^^ did you mean `shopify.purchases`?
///
/// - Line and column are 1-based; columns and carets count Unicode scalars
///   (a tab before the span is kept as a tab so carets stay aligned).
/// - A zero-length span (something missing at the end) gets one caret
///   where the missing text belongs; a span running over several lines is
///   underlined to the end of its first line. A line longer than
///   `Excerpt.width` scalars is shown as a window around the span, cut
///   ends marked `…`.
/// - The caret line carries the suggestion's message. When the suggestion
///   replaces some other text than the diagnostic's span (a fix that adds
///   parentheses around a whole chain), a `= help:` line shows the source
///   line as it would read with the fix applied.
/// - Each alternative (a further fix or candidate) is a `= help:` line.
/// - Each note is a `= note:` line.
/// - `color` adds ANSI colours; callers decide (a TTY, and `NO_COLOR` unset).
///
/// The one renderer for the CLI, the REPL and golden files.
public enum DiagnosticRenderer {
    /// One diagnostic, ending in a line break.
    public static func render(_ diagnostic: Diagnostic, in source: SourceFile, color: Bool = false) -> String {
        let style = Style(color: color, severity: diagnostic.severity)
        let (line, column) = source.location(of: diagnostic.span.offset)
        let shownLine = line + source.firstLine - 1
        let lineNumber = String(shownLine)
        let gutter = String(repeating: " ", count: lineNumber.count)
        var out = style.severity("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]")
            + style.bold(": " + singleLine(diagnostic.message)) + "\n"
        out += gutter + style.gutter("-->") + " \(source.name):\(shownLine):\(column)\n"
        out += gutter + " " + style.gutter("|") + "\n"
        let excerpt = Excerpt(span: diagnostic.span, line: line, in: source)
        out += style.gutter(lineNumber + " |") + (excerpt.text.isEmpty ? "" : " " + excerpt.text) + "\n"
        var caretLine = gutter + " " + style.gutter("|") + " " + excerpt.padding
            + style.severity(String(repeating: "^", count: excerpt.carets))
        if let suggestion = diagnostic.suggestion, !suggestion.message.isEmpty {
            caretLine += " " + style.severity(singleLine(suggestion.message))
        }
        out += caretLine + "\n"
        if let help = fixedLine(diagnostic, in: source) {
            out += gutter + " " + style.gutter("=") + style.bold(" help:") + " the fix reads `\(help)`\n"
        }
        for alternative in diagnostic.alternatives {
            out += gutter + " " + style.gutter("=") + style.bold(" help:") + " " + singleLine(alternative.message) + "\n"
        }
        for note in diagnostic.notes {
            out += gutter + " " + style.gutter("=") + style.bold(" note:") + " " + singleLine(note) + "\n"
        }
        return out
    }

    /// Several diagnostics in order, separated by blank lines.
    public static func render(_ diagnostics: [Diagnostic], in source: SourceFile, color: Bool = false) -> String {
        diagnostics.map { render($0, in: source, color: color) }.joined(separator: "\n")
    }

    /// The source line with the suggestion applied, when the suggestion
    /// replaces text other than the diagnostic's span and stays on its line.
    private static func fixedLine(_ diagnostic: Diagnostic, in source: SourceFile) -> String? {
        guard let suggestion = diagnostic.suggestion, let replacement = suggestion.replacement,
              let span = suggestion.span, span != diagnostic.span,
              span.offset >= 0, span.end <= source.bytes.count else { return nil }
        let line = source.lineIndex(of: span.offset)
        guard source.lineIndex(of: span.end) == line else { return nil }
        let lineStart = source.lineStarts[line]
        var lineEnd = line + 1 < source.lineStarts.count ? source.lineStarts[line + 1] - 1 : source.bytes.count
        if lineEnd > lineStart, source.bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let before = source.text(of: Span(offset: lineStart, length: span.offset - lineStart))
        let after = source.text(of: Span(offset: span.end, length: max(0, lineEnd - span.end)))
        return displayed(before + replacement + after).trimmingSpaces()
    }

    /// Control characters other than tab would corrupt a terminal: each shows as U+FFFD.
    static func displayed(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                out.unicodeScalars.append("\u{FFFD}")
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Messages are one line; a line break inside one (from quoted text) would break the layout.
    private static func singleLine(_ text: String) -> String {
        displayed(text)
    }

    /// ANSI styling, or none.
    private struct Style {
        let color: Bool
        let severityCode: String

        init(color: Bool, severity: Severity) {
            self.color = color
            switch severity {
            case .error: severityCode = "1;31"
            case .warning: severityCode = "1;33"
            case .note: severityCode = "1;36"
            }
        }

        func wrap(_ text: String, _ code: String) -> String {
            color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
        }
        func severity(_ text: String) -> String { wrap(text, severityCode) }
        func gutter(_ text: String) -> String { wrap(text, "1;34") }
        func bold(_ text: String) -> String { wrap(text, "1") }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
