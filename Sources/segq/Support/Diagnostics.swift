import Segq

/// Prints diagnostics for people on standard error, with carets.
enum Diagnostics {
    static func report(_ diagnostics: [Diagnostic], in source: SourceFile) {
        guard !diagnostics.isEmpty else { return }
        Output.errorText(DiagnosticRenderer.render(diagnostics, in: source, color: Output.stderrColor))
    }
}
