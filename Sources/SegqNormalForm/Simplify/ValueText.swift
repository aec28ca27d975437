import SegqBasics
import SegqSyntax
import SegqSemantics

/// Short query-syntax text of operands, for diagnostic messages and as the
/// last tie-breaker of the canonical order. (The full printer of queries is
/// `QueryPrinter`; this file keeps the normaliser independent of it.)
enum ValueText {
    static func of(_ v: Value) -> String {
        switch v {
        case .string(let s): return QuotedText.query(s)
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
        case .instant(let i): return InstantText.rfc3339(milliseconds: i.epochMilliseconds, offsetSeconds: i.offsetSeconds)
        }
    }

}
