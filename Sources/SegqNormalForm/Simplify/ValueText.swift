import SegqSyntax
import SegqSemantics

/// Short query-syntax text of operands, for diagnostic messages and as the
/// last tie-breaker of the canonical order. (The full printer of queries is
/// `QueryPrinter`; this file keeps the normaliser independent of it.)
enum ValueText {
    static func of(_ v: Value) -> String {
        switch v {
        case .string(let s): return "\"" + escaped(s) + "\""
        case .int(let i): return String(i)
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .time(let t): return of(t)
        }
    }

    static func of(_ t: TimeValue) -> String {
        switch t {
        case .date(let d): return d.description
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .now: return "now"
        case .relative(let r): return r.description
        case .period(let p): return p.description
        case .instant(let i): return instantText(i)
        }
    }

    /// RFC 3339 in the offset it was written with (`Z` for zero).
    static func instantText(_ i: InstantLiteral) -> String {
        let localMs = i.epochMilliseconds &+ Int64(i.offsetSeconds) &* 1000
        let days = floorDiv(localMs, 86_400_000)
        let msOfDay = localMs - days * 86_400_000
        let date = CalendarDate(daysSinceEpoch: Int(clamping: days))
        let secs = msOfDay / 1000, ms = msOfDay % 1000
        var s = date.description + "T" + pad(secs / 3600) + ":" + pad(secs / 60 % 60) + ":" + pad(secs % 60)
        if ms != 0 { s += "." + String(String(ms + 1000).dropFirst()) }
        if i.offsetSeconds == 0 { return s + "Z" }
        let o = abs(i.offsetSeconds)
        return s + (i.offsetSeconds < 0 ? "-" : "+") + pad(Int64(o / 3600)) + ":" + pad(Int64(o / 60 % 60))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ n: Int64) -> String { n < 10 ? "0" + String(n) : String(n) }

    private static func escaped(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
