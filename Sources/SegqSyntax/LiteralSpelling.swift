import SegqBasics

/// How values and names are written as query text, so that the lexer reads
/// them back as the same value: `value(v)` to the token of `v`, `fieldPath(p)` to the same segments.
/// Used by the tree printer, by suggestions, and by any phase that prints
/// queries (the normal-form printer).
public enum LiteralSpelling {
    /// One path segment: bare when it is an identifier (and, for the first
    /// segment, not a keyword), else in backticks with `` \` `` and `\\` escaped.
    /// A segment written in backticks (`quoted`) keeps them: they mean "property".
    public static func pathSegment(_ name: String, quoted: Bool, isFirst: Bool) -> String {
        let bare = !quoted && FieldPath.isIdentifier(name) && !(isFirst && Keyword(rawValue: name.lowercased()) != nil)
        if bare { return name }
        var out = "`"
        for ch in name.unicodeScalars {
            if ch == "`" || ch == "\\" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out + "`"
    }

    /// A field path as written: `shopify.purchases`, `` hubspot.`lead status` ``.
    public static func fieldPath(_ path: FieldPath) -> String {
        path.segments.enumerated().map { index, segment in
            pathSegment(segment.name, quoted: segment.quoted, isFirst: index == 0)
        }.joined(separator: ".")
    }

    /// A value as query text; `.error` prints as `<error>` (which does not lex).
    public static func value(_ kind: ValueSyntaxKind) -> String {
        switch kind {
        case .string(let s): return QuotedText.query(s)
        case .integer(let i): return String(i)
        case .number(let d): return number(d)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .instant(let i): return instant(i)
        case .relative(let r): return relative(r)
        case .period(let p): return p.description
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .now: return "now"
        case .error: return "<error>"
        }
    }

    /// `-7d`, `+3d`, or `7d` when no sign was written.
    public static func relative(_ r: RelativeTime) -> String {
        if !r.explicitSign, r.count >= 0 { return String(r.count) + r.unit.rawValue }
        return (r.count < 0 ? "-" : "+") + String(r.count.magnitude) + r.unit.rawValue
    }

    /// An instant in the offset it was written with: `2026-06-01T09:30:00Z`,
    /// `2026-06-01T18:30:00.250+09:00`.
    public static func instant(_ i: InstantLiteral) -> String {
        InstantText.rfc3339(milliseconds: i.epochMilliseconds, offsetSeconds: i.offsetSeconds)
    }

    /// A decimal that lexes back as a decimal: always a point, never an exponent (`2.0`, `0.0001`).
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "nan" : (d < 0 ? "-inf" : "inf") }
        let text = "\(d)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text.contains(".") ? text : text + ".0"
        }
        // Expand `m.mmme±x` into plain digits.
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
