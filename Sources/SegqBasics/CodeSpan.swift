/// Query text inside a message, as Markdown writes code: in backticks, or,
/// when the text has a backtick itself (`` hubspot.`lead status` ``), in
/// double backticks with a space inside each, so the path's own backticks
/// stay readable and the span is not cut short.
public enum CodeSpan {
    public static func of(_ text: String) -> String {
        guard text.contains("`") else { return "`" + text + "`" }
        return "`` " + text + " ``"
    }
}
