/// Double-quoted string text in the two notations segq writes: query text
/// (what the lexer reads back as the same string, Grammar/README.md
/// "Strings") and JSON (RFC 8259). Both escape `"`, `\`, newline and tab by
/// name; they differ only in how they write other invisible characters.
public enum QuotedText {
    /// A query string literal: `"say \"hi\"\n"`. Control characters, DEL,
    /// the line and paragraph separators (U+2028, U+2029) and the
    /// bidirectional controls and marks (`isReordering`) are written as
    /// `\u{HEX}` (upper-case hex), so the text stays on one line, every
    /// character in it is visible and none can reverse the text around it.
    /// This is the spelling of the canonical text, so it decides the
    /// approval hash: do not change it.
    public static func query(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if let named = namedEscape(scalar) {
                out += named
            } else if mustEscape(scalar) {
                out += hexEscape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Text shown to a person outside quotes (a name in a listing, a cell
    /// of a table): as it is, except the characters `query` escapes,
    /// written as `\u{HEX}` — so a right-to-left override in a segment
    /// name cannot reorder what an approver reads.
    public static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: mustEscape) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if mustEscape(scalar) { out += hexEscape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The bidirectional embeddings, overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069) and the direction marks (U+200E, U+200F, U+061C):
    /// invisible characters that change the order text is displayed in.
    public static func isReordering(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// Characters never written raw where a person reads them.
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029
            || isReordering(scalar)
    }

    static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
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
