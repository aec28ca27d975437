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
/// apply it; `notes` appears when there are notes. Keys keep this order.
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
            var fields: [(String, JSONValue)] = [("message", .string(suggestion.message))]
            if let replacement = suggestion.replacement {
                let span = suggestion.span ?? diagnostic.span
                fields.append(("replacement", .string(replacement)))
                fields.append(("offset", .int(Int64(span.offset))))
                fields.append(("length", .int(Int64(span.length))))
            }
            members.append(("suggestion", .object(fields)))
        }
        if !diagnostic.notes.isEmpty {
            members.append(("notes", .array(diagnostic.notes.map(JSONValue.string))))
        }
        return .object(members)
    }

    /// A list of diagnostics as a JSON array, in the given order.
    public static func json(_ diagnostics: [Diagnostic], in source: SourceFile) -> JSONValue {
        .array(diagnostics.map { json($0, in: source) })
    }
}
