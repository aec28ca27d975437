import SegqBasics
import Foundation
import Segq

/// `eval --format csv`: the CSV import format's main columns, so an
/// export can be re-imported.
enum FriendCSV {
    static let header = "id,name,added_at,tags"

    static func row(_ friend: Friend) -> String {
        [friend.id, friend.name ?? "", RFC3339.format(friend.addedAt), friend.tags.joined(separator: "|")]
            .map(CSVField.escaped).joined(separator: ",")
    }

}

/// `eval --format table` and previews: id, name, added (in the store's
/// zone), tags, under a line with the total.
enum FriendTable {
    static func render(_ friends: [Friend], total: Int, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let rows = friends.map { f -> [String] in
            [f.id, f.name ?? "", formatter.string(from: Date(timeIntervalSince1970: Double(f.addedAt) / 1000)),
             f.tags.joined(separator: ", ")]
        }
        var out = "\(total) friend\(total == 1 ? "" : "s")"
        if friends.count < total { out += " (showing \(friends.count))" }
        out += "\n"
        guard !rows.isEmpty else { return out }
        out += TextTable.render(header: ["id", "name", "added", "tags"], rows: rows)
        return out
    }
}

/// A plain text table with columns padded to their widest cell (display
/// width: East Asian wide characters count two).
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

}
