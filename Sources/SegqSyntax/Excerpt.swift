/// The part of a source line a rendered diagnostic shows, and where its
/// carets go. Lines up to `width` Unicode scalars are shown whole; a longer
/// line (a 1 MB query on one line) is cut to a window that starts up to
/// `context` scalars before the span, with `…` marking each cut end, so
/// rendering costs O(window), not O(line), per diagnostic.
struct Excerpt {
    static let width = 120
    static let context = 40

    /// The shown text (control characters replaced, see `DiagnosticRenderer.displayed`).
    var text: String
    /// What goes before the carets: a space per shown scalar, a tab for a tab.
    var padding: String
    /// Number of carets: the span's scalars within the window, at least one.
    var carets: Int

    init(span: Span, line: Int, in source: SourceFile) {
        let bytes = source.bytes
        let index = max(0, min(line - 1, source.lineStarts.count - 1))
        let lineStart = source.lineStarts[index]
        var lineEnd = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let start = max(lineStart, min(span.offset, lineEnd))

        func isScalarStart(_ i: Int) -> Bool { bytes[i] & 0xC0 != 0x80 }
        // The whole line if it fits, else back from the span's start by at most `context` scalars.
        var windowStart = start
        if Excerpt.fits(bytes, lineStart, lineEnd) {
            windowStart = lineStart
        } else {
            var before = 0
            while windowStart > lineStart, before < Excerpt.context {
                windowStart -= 1
                while windowStart > lineStart, !isScalarStart(windowStart) { windowStart -= 1 }
                before += 1
            }
        }
        // Forward to fill the window.
        var windowEnd = windowStart
        var shown = 0
        while windowEnd < lineEnd, shown < Excerpt.width {
            windowEnd += 1
            while windowEnd < lineEnd, !isScalarStart(windowEnd) { windowEnd += 1 }
            shown += 1
        }
        let cutBefore = windowStart > lineStart, cutAfter = windowEnd < lineEnd
        let body = DiagnosticRenderer.displayed(source.text(of: Span(offset: windowStart, length: windowEnd - windowStart)))
        text = (cutBefore ? "…" : "") + body + (cutAfter ? "…" : "")

        var padding = cutBefore ? " " : ""
        var i = windowStart
        while i < start {
            if isScalarStart(i) { padding += bytes[i] == 0x09 ? "\t" : " " }
            i += 1
        }
        self.padding = padding
        var carets = 0
        let caretEnd = min(max(span.end, start), windowEnd)
        while i < caretEnd {
            if isScalarStart(i) { carets += 1 }
            i += 1
        }
        self.carets = max(1, carets)
    }

    /// True when `start..<end` holds at most `width` scalars (stops counting early).
    private static func fits(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        if end - start <= width { return true }
        var scalars = 0
        var i = start
        while i < end {
            if bytes[i] & 0xC0 != 0x80 {
                scalars += 1
                if scalars > width { return false }
            }
            i += 1
        }
        return true
    }
}
