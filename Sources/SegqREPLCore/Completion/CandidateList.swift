import SegqBasics

/// Lays out completion candidates below the prompt in columns, filled
/// down then across like readline's list: column width is the widest
/// candidate plus two blanks; at most `maxShown` candidates are listed,
/// then a line saying how many more there are.
public enum CandidateList {
    public static let maxShown = 200

    /// The listing, each line ending in `\n`; `width` is the terminal's columns.
    public static func layout(_ candidates: [String], width: Int) -> String {
        let shown = candidates.prefix(maxShown).map { TableFormatter.sanitized($0.trimmingTrailingSpaces()) }
        guard !shown.isEmpty else { return "" }
        let cell = (shown.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let columns = max(1, min(shown.count, max(1, width) / max(1, cell)))
        let rows = (shown.count + columns - 1) / columns
        var out = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < shown.count else { break }
                line += DisplayWidth.pad(shown[index], to: cell)
            }
            out += line.trimmingTrailingSpaces() + "\n"
        }
        if candidates.count > shown.count {
            out += "… and \(candidates.count - shown.count) more\n"
        }
        return out
    }
}
