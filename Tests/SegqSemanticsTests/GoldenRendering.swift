import SegqSyntax

/// How check goldens print diagnostics. A plain, deterministic rendering
/// until the shared `DiagnosticRenderer`/`DiagnosticJSON` are available.
enum GoldenRendering {
    static func text(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        var out = ""
        for d in diagnostics {
            let at = source.location(of: d.span.offset)
            out += "\(d.severity.rawValue)[\(d.code.rawValue)]: \(d.message)\n"
            out += " --> \(source.name):\(at.line):\(at.column) `\(source.text(of: d.span))`\n"
            if let s = d.suggestion {
                out += "  = help: \(s.message)"
                if let r = s.replacement { out += " (replace with `\(r)`)" }
                out += "\n"
            }
            for note in d.notes { out += "  = note: \(note)\n" }
        }
        return out
    }

    static func json(_ diagnostics: [Diagnostic], in source: SourceFile) -> JSONValue {
        .array(diagnostics.map { d in
            let at = source.location(of: d.span.offset)
            var members: [(String, JSONValue)] = [
                ("severity", .string(d.severity.rawValue)), ("code", .string(d.code.rawValue)),
                ("message", .string(d.message)), ("offset", .int(Int64(d.span.offset))),
                ("length", .int(Int64(d.span.length))), ("line", .int(Int64(at.line))),
                ("column", .int(Int64(at.column))),
            ]
            if let s = d.suggestion {
                var suggestion: [(String, JSONValue)] = [("message", .string(s.message))]
                if let r = s.replacement { suggestion.append(("replacement", .string(r))) }
                members.append(("suggestion", .object(suggestion)))
            }
            if !d.notes.isEmpty { members.append(("notes", .array(d.notes.map { .string($0) }))) }
            return .object(members)
        })
    }
}
