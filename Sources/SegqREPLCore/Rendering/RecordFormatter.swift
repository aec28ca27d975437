import SegqBasics

/// Rows as one record each, for rows too wide for a table: psql's expanded
/// display (`.expanded`, `\x`)
///
///     -[ RECORD 1 ]----------
///     id    | U4af4980629c0a1
///     name  | Aiko Tanaka
///
/// and sqlite3's line mode (`.format line`), names right-aligned, a blank
/// line between records:
///
///        id = U4af4980629c0a1
///      name = Aiko Tanaka
///
/// Cells are never cut; control characters are replaced as in tables.
struct RecordFormatter {
    var titles: [String]
    var style: Style

    func expanded(_ rows: [[String]]) -> String {
        let nameWidth = titles.map(DisplayWidth.of).max() ?? 0
        var out = ""
        for (number, row) in rows.enumerated() {
            let cells = self.cells(row)
            let valueWidth = cells.map(DisplayWidth.of).max() ?? 0
            let head = "-[ RECORD \(number + 1) ]"
            let ruleWidth = max(nameWidth + 3 + valueWidth, DisplayWidth.of(head))
            out += style.dim(head + String(repeating: "-", count: ruleWidth - DisplayWidth.of(head))) + "\n"
            for (title, cell) in zip(titles, cells) {
                out += (style.bold(DisplayWidth.pad(title, to: nameWidth)) + " | " + cell).trimmingTrailingSpaces() + "\n"
            }
        }
        return out
    }

    func lines(_ rows: [[String]]) -> String {
        let nameWidth = titles.map(DisplayWidth.of).max() ?? 0
        return rows.map { row in
            zip(titles, cells(row)).map { title, cell in
                String(repeating: " ", count: nameWidth - DisplayWidth.of(title)) + style.bold(title) + " = " + cell + "\n"
            }.joined()
        }.joined(separator: "\n")
    }

    private func cells(_ row: [String]) -> [String] {
        titles.indices.map { $0 < row.count ? TableFormatter.sanitized(row[$0]) : "" }
    }
}
