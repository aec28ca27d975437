import Segq

/// What `--json` prints: the result on standard output, and a refusal as
/// `{"ok": false, "error": …, "diagnostics": […]}` on standard output too
/// (docs/schemas/error.schema.json), diagnostics in their JSON shape.
enum JSONOutput {
    static func print(_ value: JSONValue) {
        Output.line(value.pretty())
    }

    static func failure(_ message: String, diagnostics: [Diagnostic] = [], in source: SourceFile? = nil) {
        let list = source.map { DiagnosticJSON.json(diagnostics, in: $0) } ?? .array([])
        print(.object([("ok", .bool(false)), ("error", .string(message)), ("diagnostics", list)]))
    }
}
