/// ANSI colours for REPL output, or none. Colour is used only when standard
/// output is a terminal and `NO_COLOR` is unset or empty (no-color.org).
public struct Style: Equatable, Sendable {
    public var usesColour: Bool

    public init(usesColour: Bool) { self.usesColour = usesColour }

    public static let plain = Style(usesColour: false)

    /// The style for a process: colour only on a terminal without `NO_COLOR`.
    public static func forOutput(isTerminal: Bool, environment: [String: String]) -> Style {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Style(usesColour: isTerminal && !noColour)
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        guard usesColour, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
