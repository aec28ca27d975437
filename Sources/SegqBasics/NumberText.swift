/// Counts for people, the same in plans, reports and the REPL: ASCII
/// digits grouped by three with commas, whatever the locale.
public enum NumberText {
    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}

/// A count with its noun in the right number — `1 friend`, `2 friends`,
/// `0 bad records` — the one spelling of plural wording in messages.
public enum CountedNoun {
    /// `count` in digits, then `singular` when it is 1, else `plural`
    /// (default: `singular` + "s").
    public static func text(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + noun(count, singular, plural: plural)
    }

    /// `count` grouped in thousands (`1,234 friends`), for prose.
    public static func grouped(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        NumberText.grouped(count) + " " + noun(count, singular, plural: plural)
    }

    /// The noun alone, singular for 1.
    public static func noun(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        count == 1 ? singular : (plural ?? singular + "s")
    }
}
