import SegqBasics

/// Formats rows as an aligned text table, psql style:
///
///      id      | name        | added
///     ---------+-------------+------------
///      U4af49… | Aiko Tanaka | 2025-03-14
///
/// Widths count terminal columns (`DisplayWidth`), so CJK names line up.
/// Cells are cut with `…` to their column's `maxWidth`; when the table is
/// still wider than `totalWidth`, the widest columns give up space first
/// (never below `minimumWidth`). Control characters in cells are replaced,
/// so data cannot move the cursor or change colours.
public struct TableFormatter: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var maxWidth: Int
        public var alignRight: Bool

        public init(_ title: String, maxWidth: Int = .max, alignRight: Bool = false) {
            self.title = title
            self.maxWidth = maxWidth
            self.alignRight = alignRight
        }
    }

    public var columns: [Column]
    /// The terminal width to fit in, or nil for no limit.
    public var totalWidth: Int?
    public var minimumWidth = 4
    public var style: Style

    public init(columns: [Column], totalWidth: Int? = nil, style: Style = .plain) {
        self.columns = columns
        self.totalWidth = totalWidth
        self.style = style
    }

    /// The table, one line per row plus two header lines, each ending in `\n`.
    /// Missing cells are empty; extra cells are ignored.
    public func render(_ rows: [[String]]) -> String {
        let cells = rows.map { row in
            columns.indices.map { index in index < row.count ? Self.sanitized(row[index]) : "" }
        }
        let widths = columnWidths(cells)
        var out = ""
        let header = columns.indices.map { index -> String in
            let title = DisplayWidth.truncate(columns[index].title, to: widths[index])
            return style.bold(title) + String(repeating: " ", count: widths[index] - DisplayWidth.of(title))
        }
        out += (" " + header.joined(separator: " | ")).trimmingTrailingSpaces() + "\n"
        out += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for row in cells {
            let line = columns.indices.map { index -> String in
                let text = DisplayWidth.truncate(row[index], to: widths[index])
                if columns[index].alignRight {
                    return String(repeating: " ", count: widths[index] - DisplayWidth.of(text)) + text
                }
                return DisplayWidth.pad(text, to: widths[index])
            }
            out += (" " + line.joined(separator: " | ")).trimmingTrailingSpaces() + "\n"
        }
        return out
    }

    private func columnWidths(_ cells: [[String]]) -> [Int] {
        var widths = columns.map { min(DisplayWidth.of($0.title), $0.maxWidth) }
        for row in cells {
            for index in columns.indices {
                widths[index] = max(widths[index], min(DisplayWidth.of(row[index]), columns[index].maxWidth))
            }
        }
        guard let totalWidth else { return widths }
        // Each column costs its width plus 3 (" | "), minus one overall.
        var excess = widths.reduce(0, +) + 3 * columns.count - 1 - totalWidth
        while excess > 0 {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > minimumWidth else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    /// Replaces control characters: line breaks and tabs by a space, the rest by `�`.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result.append(scalar == "\n" || scalar == "\t" || scalar == "\r" ? " " : "\u{FFFD}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[startIndex..<end])
    }
}
