import SegqBasics
import SegqSyntax
import SegqSemantics

/// Canonical literal spellings; each lexes back to the same value.
extension QueryPrinter {
    /// A value as query text: strings double-quoted with escapes, ints in
    /// decimal, numbers always with a point and never an exponent (`2.0`,
    /// `0.0001`), `true`/`false`, times as `timeText`.
    public static func valueText(_ value: Value) -> String {
        switch value {
        case .string(let s): return stringText(s)
        case .int(let i): return String(i)
        case .number(let d): return numberText(d)
        case .bool(let b): return b ? "true" : "false"
        case .time(let t): return timeText(t)
        }
    }

    /// A time value: `2026-06-01`, `2026-06-01T09:30:00Z` (in the offset it
    /// was written with, `+09:00`), `-7d`/`+3d` (always signed), `today`,
    /// `yesterday`, `now`, periods as written in lower case (`this month`,
    /// `2026-11`).
    public static func timeText(_ time: TimeValue) -> String {
        switch time {
        case .period(let p): return p.description
        case .date(let d): return d.description
        case .instant(let i): return instantText(i)
        case .relative(let r): return (r.count < 0 ? "-" : "+") + String(r.count.magnitude) + r.unit.rawValue
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .now: return "now"
        }
    }

    /// `"…"` with `\"`, `\\`, `\n`, `\t` and `\u{…}` for other control
    /// characters (and U+2028/U+2029), so the text stays on one line.
    public static func stringText(_ s: String) -> String {
        QuotedText.query(s)
    }

    /// An instant in the offset it was written with, milliseconds only when non-zero.
    static func instantText(_ i: InstantLiteral) -> String {
        LiteralSpelling.instant(i)
    }

    /// A decimal in plain digits with a point (`2.0`, `0.0001`), never an
    /// exponent; `-0.0` prints as `0.0`.
    static func numberText(_ d: Double) -> String {
        d == 0 ? "0.0" : LiteralSpelling.number(d)
    }
}
