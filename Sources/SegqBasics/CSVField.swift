/// One CSV field as RFC 4180 writes it: quoted (with `"` doubled) when it
/// holds a comma, a quote or a line break, else as it is — and the two
/// conventions segq adds on top (docs/data-formats.md): list cells whose
/// items are separated by `|`, and cells guarded against spreadsheet formulas.
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

    /// A list cell: the items joined by `|`, each `|` and `\` inside an
    /// item written `\|` and `\\`, so the tag `a|b` stays one tag.
    public static func listCell(_ items: [String]) -> String {
        items.map { item in
            var out = ""
            for scalar in item.unicodeScalars {
                if scalar == "|" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
            return out
        }.joined(separator: "|")
    }

    /// The items of a list cell: split at each `|` not written `\|`; `\|`
    /// and `\\` read as `|` and `\`, any other backslash as it is.
    /// Items are not trimmed or filtered here.
    public static func listItems(_ cell: String) -> [String] {
        var items: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = cell.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let next = scalars.next() else { current.append(scalar); break }
                if next != "|" && next != "\\" { current.append(scalar) }
                current.append(next)
            } else if scalar == "|" {
                items.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        items.append(String(current))
        return items
    }

    /// Characters a spreadsheet reads as the start of a formula.
    static func startsFormula(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "=" || scalar == "+" || scalar == "-" || scalar == "@"
    }

    /// A cell safe to open in a spreadsheet: one that starts with `=`, `+`,
    /// `-` or `@` — or with `'`, so that the guard can be told apart from
    /// text — gets a `'` in front. `unguarded` undoes it.
    public static func guarded(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, startsFormula(first) || first == "'" else { return cell }
        return "'" + cell
    }

    /// A cell as `guarded` wrote it, back to its value: a `'` followed by
    /// `=`, `+`, `-`, `@` or `'` is dropped; every other cell (a hand-written
    /// `'quoted'` included) is kept as it is.
    public static func unguarded(_ cell: String) -> String {
        var scalars = cell.unicodeScalars.makeIterator()
        guard scalars.next() == "'", let second = scalars.next(), startsFormula(second) || second == "'" else {
            return cell
        }
        return String(cell.unicodeScalars.dropFirst())
    }
}
