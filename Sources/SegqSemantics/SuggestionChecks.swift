import SegqSyntax

/// Every replacement a diagnostic offers is applied to the query and
/// checked before it is shown: a replacement after which the query still
/// has an error where it was applied is withdrawn, and so is one that
/// overlaps a replacement already kept (errors keep theirs first, then
/// source order), so an agent that applies every replacement of one list
/// gets a query that checks there.
public enum SuggestionChecks {
    /// At most this many bytes of query are re-checked in all (query size
    /// times replacements); replacements past the budget are withdrawn
    /// unchecked, so a huge query with many mistakes stays linear.
    static let recheckBudgetBytes = 4 << 20

    /// Withdraws the replacements that do not check. `recheck` checks a
    /// whole query text and returns its diagnostics; `withdrawn` may add a
    /// note in place of a withdrawn guess (e.g. the valid choices).
    public static func verify(_ diagnostics: inout [Diagnostic], source: SourceFile,
                       recheck: (String) -> [Diagnostic],
                       withdrawn: (Diagnostic) -> [String]) {
        let order = diagnostics.indices.sorted { a, b in
            let ea = diagnostics[a].severity == .error, eb = diagnostics[b].severity == .error
            return ea != eb ? ea : a < b
        }
        var kept: [Span] = []
        var budget = recheckBudgetBytes
        for index in order {
            guard let suggestion = diagnostics[index].suggestion, let replacement = suggestion.replacement else { continue }
            let span = suggestion.span ?? diagnostics[index].span
            let valid: Bool
            if span.offset < 0 || span.end > source.bytes.count || kept.contains(where: { overlaps($0, span) }) {
                valid = false
            } else if onlyAddsParentheses(replacement, to: source.text(of: span)) && !hasError(diagnostics, within: span) {
                valid = true
            } else if budget >= source.bytes.count {
                budget -= source.bytes.count
                valid = checks(replacement, at: span, in: source, recheck: recheck)
            } else {
                valid = false
            }
            if valid {
                kept.append(span)
            } else {
                let diagnostic = diagnostics[index]
                // Advice that stands without its fix (W0001's) stays; a guess that quotes the fix goes.
                if replacement.isEmpty || suggestion.message.contains(replacement) {
                    diagnostics[index].suggestion = nil
                } else {
                    diagnostics[index].suggestion = Suggestion(message: suggestion.message)
                }
                diagnostics[index].notes += withdrawn(diagnostic)
            }
        }
    }

    /// The note that replaces a withdrawn field guess: the valid choices.
    public static func choices(for diagnostic: Diagnostic, in source: SourceFile, schema: Schema) -> [String] {
        FieldResolver(schema: schema).choicesNote(for: diagnostic, in: source)
    }

    /// Whether the query with `replacement` at `span` has no error touching the replaced text.
    static func checks(_ replacement: String, at span: Span, in source: SourceFile,
                       recheck: (String) -> [Diagnostic]) -> Bool {
        let before = source.text(of: Span(offset: 0, length: span.offset))
        let after = source.text(of: Span(offset: span.end, length: source.bytes.count - span.end))
        let region = Span(offset: span.offset, length: replacement.utf8.count)
        return !recheck(before + replacement + after).contains { $0.severity == .error && touches($0.span, region) }
    }

    /// W0001's fix: the same text with parentheses added, which changes no token's meaning.
    static func onlyAddsParentheses(_ replacement: String, to original: String) -> Bool {
        replacement.utf8.count > original.utf8.count
            && replacement.utf8.filter({ $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") })
                .elementsEqual(original.utf8.filter { $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") })
    }

    private static func hasError(_ diagnostics: [Diagnostic], within span: Span) -> Bool {
        diagnostics.contains { $0.severity == .error && touches($0.span, span) }
    }

    /// Two replaced ranges share a byte (two insertions at one offset count too).
    static func overlaps(_ a: Span, _ b: Span) -> Bool {
        if a.length == 0 || b.length == 0 { return a.offset == b.offset || (a.offset > b.offset && a.offset < b.end)
            || (b.offset > a.offset && b.offset < a.end) }
        return a.offset < b.end && b.offset < a.end
    }

    /// An error at `a` lies on or against the region `b` (a zero-length span counts at its offset).
    static func touches(_ a: Span, _ b: Span) -> Bool {
        a.offset <= b.end && b.offset <= a.end
    }
}
