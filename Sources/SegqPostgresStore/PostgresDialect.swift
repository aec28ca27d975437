import SegqStore

/// PostgreSQL's dialect: `$n` placeholders, `true`/`false`, text tests on
/// `bytea` (friend strings are stored as their NFC UTF-8 bytes, so every
/// test is byte-wise and a string may hold U+0000), lists as one bound
/// value of hex-encoded strings.
struct PostgresDialect: SQLDialect {
    func placeholder(_ index: Int) -> String { "$\(index)" }
    var trueLiteral: String { "true" }
    var falseLiteral: String { "false" }

    func contains(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment {
        "position(" + needle + " in " + text + ") > 0"
    }

    func hasPrefix(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment {
        "position(" + needle + " in " + text + ") = 1"
    }

    func hasSuffix(_ text: SQLFragment, _ needle: SQLFragment, length: SQLFragment) -> SQLFragment {
        // A start before the first byte is clamped to it: a text shorter than
        // the needle yields itself, which then differs.
        "substring(" + text + " from octet_length(" + text + ") - " + length + "::int4 + 1) = " + needle
    }

    func isTrue(_ condition: SQLFragment) -> SQLFragment {
        "coalesce(" + condition + ", false)"
    }

    func listValues(_ parameter: SQLFragment) -> SQLFragment {
        "SELECT decode(x, 'hex') FROM unnest(string_to_array(convert_from(" + parameter + ", 'UTF8'), ',')) AS x"
    }

    /// Each string as the hex of its UTF-8, comma-separated: no value can
    /// break the list, NUL included (which JSON text in PostgreSQL refuses).
    func listParameter(_ values: [String]) -> Scalar {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            for byte in v.utf8 {
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return .string(String(decoding: out, as: UTF8.self))
    }

    /// Strings are shown as the text they hold (they run as `bytea`).
    func literal(_ value: Scalar) -> String {
        switch value {
        case .string(let s):
            var out = "'"
            for ch in s.unicodeScalars {
                if ch == "'" { out += "''" } else { out.unicodeScalars.append(ch) }
            }
            return out + "'::bytea"
        case .int(let v): return String(v)
        case .number(let v): return v.isFinite ? "\(v)::float8" : "NULL"
        case .bool(let b): return b ? trueLiteral : falseLiteral
        }
    }
}
