public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A fix-it: replace the text at `span` with `replacement`.
public struct Suggestion: Hashable, Sendable {
    public var message: String
    public var replacement: String?
    public var span: Span?
    /// How many friends hold the value the suggestion names, when a store says.
    public var count: Int?

    public init(message: String, replacement: String? = nil, span: Span? = nil, count: Int? = nil) {
        self.message = message
        self.replacement = replacement
        self.span = span
        self.count = count
    }
}

/// A diagnostic is a value: every phase appends to one list, and one
/// renderer prints them everywhere (CLI, REPL, golden files, JSON).
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var span: Span
    public var suggestion: Suggestion?
    /// Further fixes or candidates beside `suggestion`, best first.
    public var alternatives: [Suggestion] = []
    public var notes: [String]

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at span: Span,
                suggestion: Suggestion? = nil, notes: [String] = []) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.suggestion = suggestion
        self.notes = notes
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at span: Span,
                             suggestion: Suggestion? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, code, message, at: span, suggestion: suggestion, notes: notes)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at span: Span,
                               suggestion: Suggestion? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, code, message, at: span, suggestion: suggestion, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
