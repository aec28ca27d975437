import Segq

/// What `--json` prints: the result on standard output, and a refusal as
/// `{"ok": false, "error": …, "diagnostics": […]}` on standard output too
/// (docs/schemas/error.schema.json), diagnostics in their JSON shape.
enum JSONOutput {
    static func print(_ value: JSONValue) {
        Output.line(value.pretty())
    }

    /// Prints `value`, an object, with the `store` member naming the store
    /// `session` used first (docs/json-output.md, "Which store or schema").
    static func print(_ value: JSONValue, from session: Session) {
        print(session.storeIdentity.adding(to: value))
    }

    static func failure(_ message: String, diagnostics: [Diagnostic] = [], in source: SourceFile? = nil) {
        let list = source.map { DiagnosticJSON.json(diagnostics, in: $0) } ?? .array([])
        print(.object([("ok", .bool(false)), ("error", .string(message)), ("diagnostics", list)]))
    }
}
