/// One CSV field as RFC 4180 writes it: quoted (with `"` doubled) when it
/// holds a comma, a quote or a line break, else as it is.
public enum CSVField {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
