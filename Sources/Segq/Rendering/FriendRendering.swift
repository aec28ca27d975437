import SegqBasics
import Foundation
import SegqStore

/// The formats friends are written in: `eval --format`, `segment export`
/// and `.export`.
public enum FriendFormat: String, CaseIterable, Sendable {
    /// The CSV import format's main columns, so an export can be re-imported.
    case csv
    /// One friend record a line, as `segq import` reads it.
    case jsonl
    /// One friend id a line.
    case ids

    /// What `segment export` and `.export` write when no format is given.
    public static let exportDefault = FriendFormat.csv

    /// The line before the first friend, if the format has one.
    public var header: String? { self == .csv ? FriendCSV.header : nil }

    /// One friend as one line (no newline).
    public func line(_ friend: Friend) -> String {
        switch self {
        case .csv: return FriendCSV.row(friend)
        case .jsonl: return FriendJSONLWriter.line(friend)
        case .ids: return friend.id
        }
    }
}

/// CSV of friends: `id,name,added_at,tags`, tags joined by `|`.
public enum FriendCSV {
    public static let header = "id,name,added_at,tags"

    public static func row(_ friend: Friend) -> String {
        [friend.id, friend.name ?? "", RFC3339.format(friend.addedAt), friend.tags.joined(separator: "|")]
            .map(CSVField.escaped).joined(separator: ",")
    }
}

/// `eval --format table`: id, name, added (in the given zone), tags,
/// under a line with the total.
public enum FriendTable {
    public static func render(_ preview: FriendPreview, timeZone: TimeZone) -> String {
        let rows = preview.friends.map { f -> [String] in
            [f.id, f.name ?? "", addedText(f, in: timeZone), f.tags.joined(separator: ", ")]
        }
        let total = preview.count
        var out = "\(total) friend\(total == 1 ? "" : "s")"
        if preview.friends.count < total { out += " (showing \(preview.friends.count))" }
        out += "\n"
        guard !rows.isEmpty else { return out }
        out += TextTable.render(header: ["id", "name", "added", "tags"], rows: rows)
        return out
    }

    /// When the friend was added, `yyyy-MM-dd HH:mm` in `timeZone`.
    public static func addedText(_ friend: Friend, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(friend.addedAt) / 1000))
    }
}
