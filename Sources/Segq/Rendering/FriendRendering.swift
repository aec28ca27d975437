import SegqBasics
import Foundation
import SegqStore

/// The formats friends are written in: `eval --format`, `segment export`,
/// `.export`, and the REPL's `.format jsonl|csv` (its rows carry these lines).
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

/// CSV of friends: `id,name,added_at,tags`, tags joined by `|` (a `|` or
/// `\` inside a tag escaped), every cell guarded against spreadsheet
/// formulas — what `segq import` reads back to the same friends.
public enum FriendCSV {
    public static let header = FriendColumns.csvHeader

    public static func row(_ friend: Friend) -> String {
        FriendColumns.csvRecord(id: friend.id, name: friend.name ?? "", addedAt: RFC3339.format(friend.addedAt),
                                tags: friend.tags)
    }
}

extension Friend {
    /// When the friend was added, `yyyy-MM-dd HH:mm` in `timeZone`: the
    /// `added` column of the friend table both front ends print (the REPL's
    /// preview, `segq eval --format table`).
    public func addedText(in timeZone: TimeZone) -> String {
        Self.timeText(addedAt, in: timeZone)
    }

    /// An instant (milliseconds since the epoch) as a table cell,
    /// `yyyy-MM-dd HH:mm` in `timeZone`.
    static func timeText(_ milliseconds: Int64, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
