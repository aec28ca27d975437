import SegqBasics

/// What differs between SQL engines in the statements the compiler
/// generates. Text functions receive the folded column expression and a
/// folded needle (both already `CaseFolding.fold`ed), so no engine's own
/// case-insensitive comparison is ever relied on.
public protocol SQLDialect: Sendable {
    /// `name` quoted as an identifier.
    func quote(identifier name: String) -> String
    /// The placeholder of the `index`-th (1-based) bound parameter.
    func placeholder(_ index: Int) -> String
    var trueLiteral: String { get }
    var falseLiteral: String { get }
    /// True when `text` contains `needle` (byte-wise; both folded).
    func contains(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment
    /// True when `text` starts with `needle`.
    func hasPrefix(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment
    /// True when `text` ends with `needle`; `length` is the needle's length in UTF-8 bytes.
    func hasSuffix(_ text: SQLFragment, _ needle: SQLFragment, length: SQLFragment) -> SQLFragment
    /// A condition that is false where `condition` is NULL (two-valued, so it may be negated).
    func isTrue(_ condition: SQLFragment) -> SQLFragment
    /// A select of the strings in one bound list parameter (see `listParameter`).
    func listValues(_ parameter: SQLFragment) -> SQLFragment
    /// The single bound value holding `values` for `listValues`.
    func listParameter(_ values: [String]) -> Scalar
    /// `value` written as an SQL literal: only for showing a statement
    /// (`explain`); executed statements always bind their values.
    func literal(_ value: Scalar) -> String
}

extension SQLDialect {
    /// Standard SQL: double quotes, inner quotes doubled. (Values are never quoted: they are bound.)
    public func quote(identifier name: String) -> String {
        var out = "\""
        for ch in name.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }

    public func literal(_ value: Scalar) -> String {
        switch value {
        case .string(let s):
            var out = "'"
            for ch in s.unicodeScalars {
                if ch == "'" { out += "''" } else { out.unicodeScalars.append(ch) }
            }
            return out + "'"
        case .int(let v): return String(v)
        case .number(let v): return v.isFinite ? "\(v)" : "NULL"
        case .bool(let b): return b ? trueLiteral : falseLiteral
        }
    }

    /// The list as a JSON array of strings (read by `json_each` / `jsonb_array_elements_text`).
    public func listParameter(_ values: [String]) -> Scalar {
        var json = "["
        for (i, v) in values.enumerated() {
            if i > 0 { json += "," }
            json += QuotedText.json(v)
        }
        return .string(json + "]")
    }
}
