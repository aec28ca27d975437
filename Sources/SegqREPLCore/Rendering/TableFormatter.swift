import Foundation
import SegqBasics

/// Formats rows as an aligned text table, psql style by default:
///
///      id      | name        | added
///     ---------+-------------+------------
///      U4af49… | Aiko Tanaka | 2025-03-14
///
/// or in a box of line-drawing characters, or as a Markdown table
/// (`Border`). Widths count terminal columns (`DisplayWidth`), so CJK
/// names line up. Cells are cut with `…` to their column's `maxWidth`;
/// when the table is still wider than `totalWidth`, the widest columns
/// give up space first (never below `minimumWidth`, and never a column
/// that `keepsWhole`, such as ids people copy). Control characters in
/// cells are replaced, so data cannot move the cursor or change colours.
public struct TableFormatter: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var maxWidth: Int
        public var alignRight: Bool
        /// Never cut: the column keeps the width of its widest cell.
        public var keepsWhole: Bool

        public init(_ title: String, maxWidth: Int = .max, alignRight: Bool = false, keepsWhole: Bool = false) {
            self.title = title
            self.maxWidth = keepsWhole ? .max : maxWidth
            self.alignRight = alignRight
            self.keepsWhole = keepsWhole
        }
    }

    /// The lines around and between cells.
    public enum Border: Sendable {
        /// ` a | b`, a line of `-` and `+` under the header.
        case psql
        /// `│ a │ b │` inside `┌─┬─┐` … `└─┴─┘`.
        case box
        /// `| a | b |` with `|---|---|` under the header; `|` in cells escaped.
        case markdown
    }

    public var columns: [Column]
    /// The terminal width to fit in, or nil for no limit.
    public var totalWidth: Int?
    public var minimumWidth = 4
    public var style: Style
    public var border: Border
    /// Whether the column titles come first (`.headers`).
    public var showsHeader: Bool

    public init(columns: [Column], totalWidth: Int? = nil, style: Style = .plain, border: Border = .psql,
                showsHeader: Bool = true) {
        self.columns = columns
        self.totalWidth = totalWidth
        self.style = style
        self.border = border
        self.showsHeader = showsHeader
    }

    /// The table, one line per row plus the header and border lines, each
    /// ending in `\n`. Missing cells are empty; extra cells are ignored.
    public func render(_ rows: [[String]]) -> String {
        let cells = self.cells(rows)
        let widths = fitted(naturalWidths(cells))
        let titles = columns.indices.map { index -> String in
            let title = DisplayWidth.truncate(escaped(columns[index].title), to: widths[index])
            return style.bold(title) + String(repeating: " ", count: widths[index] - DisplayWidth.of(title))
        }
        var out = ""
        if border == .box { out += rule(widths, "┌", "┬", "┐") }
        if showsHeader || border == .markdown {
            out += line(titles)
            switch border {
            case .psql: out += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
            case .box: out += rule(widths, "├", "┼", "┤")
            case .markdown: out += "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n"
            }
        }
        for row in cells {
            out += line(columns.indices.map { index -> String in
                let text = DisplayWidth.truncate(row[index], to: widths[index])
                if columns[index].alignRight {
                    return String(repeating: " ", count: widths[index] - DisplayWidth.of(text)) + text
                }
                return DisplayWidth.pad(text, to: widths[index])
            })
        }
        if border == .box { out += rule(widths, "└", "┴", "┘") }
        return out
    }

    /// The width of the table when no column is narrowed to fit
    /// `totalWidth` (`.expanded auto` compares it with the terminal).
    public func naturalWidth(_ rows: [[String]]) -> Int {
        naturalWidths(cells(rows)).reduce(0, +) + overhead
    }

    private func cells(_ rows: [[String]]) -> [[String]] {
        rows.map { row in
            columns.indices.map { index in index < row.count ? escaped(Self.sanitized(row[index])) : "" }
        }
    }

    private func escaped(_ text: String) -> String {
        border == .markdown && text.contains("|") ? text.replacingOccurrences(of: "|", with: "\\|") : text
    }

    private func line(_ texts: [String]) -> String {
        switch border {
        case .psql: return (" " + texts.joined(separator: " | ")).trimmingTrailingSpaces() + "\n"
        case .box: return "│ " + texts.joined(separator: " │ ") + " │\n"
        case .markdown: return "| " + texts.joined(separator: " | ") + " |\n"
        }
    }

    private func rule(_ widths: [Int], _ left: String, _ middle: String, _ right: String) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
    }

    /// Columns beyond the cells: psql has ` | ` between them less one
    /// space; box and Markdown add a border on each side.
    private var overhead: Int {
        border == .psql ? 3 * columns.count - 1 : 3 * columns.count + 1
    }

    private func naturalWidths(_ cells: [[String]]) -> [Int] {
        var widths = columns.map { min(DisplayWidth.of($0.title), $0.maxWidth) }
        for row in cells {
            for index in columns.indices {
                widths[index] = max(widths[index], min(DisplayWidth.of(row[index]), columns[index].maxWidth))
            }
        }
        return widths
    }

    private func fitted(_ natural: [Int]) -> [Int] {
        var widths = natural
        guard let totalWidth else { return widths }
        var excess = widths.reduce(0, +) + overhead - totalWidth
        while excess > 0 {
            guard let widest = widths.indices.filter({ !columns[$0].keepsWhole })
                    .max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > minimumWidth else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    /// Replaces control characters: line breaks and tabs by a space, the
    /// rest by `�`; writes bidirectional controls as `\u{HEX}`
    /// (`QuotedText.visible`), so no cell can reorder the text shown.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || QuotedText.isReordering($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result.append(scalar == "\n" || scalar == "\t" || scalar == "\r" ? " " : "\u{FFFD}")
            } else if QuotedText.isReordering(scalar) {
                result.append(contentsOf: QuotedText.visible(String(scalar)).unicodeScalars)
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
