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
    /// `yesterday`, `now`.
    public static func timeText(_ time: TimeValue) -> String {
        switch time {
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
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An instant in the offset it was written with, milliseconds only when non-zero.
    static func instantText(_ i: InstantLiteral) -> String {
        let local = i.epochMilliseconds &+ Int64(i.offsetSeconds) &* 1000
        let (days, msOfDay) = floorDivide(local, 86_400_000)
        let date = CalendarDate(daysSinceEpoch: Int(clamping: days))
        let seconds = Int(msOfDay / 1000), millis = Int(msOfDay % 1000)
        var out = date.description + "T" + pad2(seconds / 3600) + ":" + pad2(seconds / 60 % 60) + ":" + pad2(seconds % 60)
        if millis != 0 {
            let digits = String(millis)
            out += "." + String(repeating: "0", count: 3 - digits.count) + digits
        }
        if i.offsetSeconds == 0 { return out + "Z" }
        let offset = abs(i.offsetSeconds)
        return out + (i.offsetSeconds < 0 ? "-" : "+") + pad2(offset / 3600) + ":" + pad2(offset / 60 % 60)
    }

    /// A decimal in plain digits with a point: Swift's shortest round-trip
    /// digits, with any exponent expanded. Non-finite values (which no
    /// literal produces) print as `nan`/`inf`, which do not lex.
    static func numberText(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "nan" : (d < 0 ? "-inf" : "inf") }
        if d == 0 { return "0.0" }
        let text = "\(d)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text.contains(".") ? text : text + ".0"
        }
        let mantissa = String(text[..<e])
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? "0"
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fractionPart
        var point = integerPart.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point >= digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var whole = String(digits.prefix(point))
        var fraction = String(digits.dropFirst(point))
        while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
        if fraction.isEmpty { fraction = "0" }
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        return (negative ? "-" : "") + whole + "." + fraction
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
