/// Double-quoted string text in the two notations segq writes: query text
/// (what the lexer reads back as the same string, Grammar/README.md
/// "Strings") and JSON (RFC 8259). Both escape `"`, `\`, newline and tab by
/// name; they differ only in how they write other invisible characters.
public enum QuotedText {
    /// A query string literal: `"say \"hi\"\n"`. Control characters, DEL and
    /// the line and paragraph separators (U+2028, U+2029) are written as
    /// `\u{HEX}` (upper-case hex), so the text stays on one line and every
    /// character in it is visible. This is the spelling of the canonical
    /// text, so it decides the approval hash: do not change it.
    public static func query(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if let named = namedEscape(scalar) {
                out += named
            } else if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON string: `"say \"hi\"\n"`, other control characters as
    /// `\u00XX` (lower-case hex), everything else as it is.
    public static func json(_ s: String) -> String {
        var out = ""
        writeJSON(s, to: &out)
        return out
    }

    /// Appends `json(s)` to `out`.
    public static func writeJSON(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            if let named = namedEscape(scalar) {
                out += named
            } else if scalar == "\r" {
                out += "\\r"
            } else if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    private static func namedEscape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        default: return nil
        }
    }
}
