/// Diagnostics as the JSON of docs/json-output.md, for `check --json`, `propose`
/// and agents:
///
///     {"severity":"error","code":"E0102",
///      "message":"unknown field `shopfy.purchases`",
///      "offset":16,"length":16,"line":1,"column":17,
///      "suggestion":{"message":"did you mean `shopify.purchases`?",
///                    "replacement":"shopify.purchases","offset":16,"length":16},
///      "notes":["…"]}
///
/// `offset` and `length` count UTF-8 bytes; `line` and `column` are
/// 1-based, columns counting Unicode scalars. A
/// suggestion with replacement text also says which bytes it replaces
/// (`offset`/`length`: its own span, else the diagnostic's), so a tool can
/// apply it; `count` is the number of friends holding the value it names,
/// when known; `alternatives` (further fixes or candidates, same shape as
/// `suggestion`) and `notes` appear when there are some. Keys keep this order.
public enum DiagnosticJSON {
    /// One diagnostic as a JSON object.
    public static func json(_ diagnostic: Diagnostic, in source: SourceFile) -> JSONValue {
        let (line, column) = source.location(of: diagnostic.span.offset)
        var members: [(String, JSONValue)] = [
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("offset", .int(Int64(diagnostic.span.offset))),
            ("length", .int(Int64(diagnostic.span.length))),
            ("line", .int(Int64(line))),
            ("column", .int(Int64(column))),
        ]
        if let suggestion = diagnostic.suggestion {
            members.append(("suggestion", json(suggestion, at: diagnostic.span)))
        }
        if !diagnostic.alternatives.isEmpty {
            members.append(("alternatives", .array(diagnostic.alternatives.map { json($0, at: diagnostic.span) })))
        }
        if !diagnostic.notes.isEmpty {
            members.append(("notes", .array(diagnostic.notes.map(JSONValue.string))))
        }
        return .object(members)
    }

    private static func json(_ suggestion: Suggestion, at diagnosticSpan: Span) -> JSONValue {
        var fields: [(String, JSONValue)] = [("message", .string(suggestion.message))]
        if let replacement = suggestion.replacement {
            let span = suggestion.span ?? diagnosticSpan
            fields.append(("replacement", .string(replacement)))
            fields.append(("offset", .int(Int64(span.offset))))
            fields.append(("length", .int(Int64(span.length))))
        }
        if let count = suggestion.count { fields.append(("count", .int(Int64(count)))) }
        return .object(fields)
    }

    /// A list of diagnostics as a JSON array, in the given order.
    public static func json(_ diagnostics: [Diagnostic], in source: SourceFile) -> JSONValue {
        .array(diagnostics.map { json($0, in: source) })
    }
}
