import Foundation
import Segq
import SegqREPLCore

extension PreviewRow {
    /// A friend as both front ends list it: `added` in `zone` for the table,
    /// the instant and the JSON Lines record for the machine formats.
    init(_ friend: Friend, in zone: TimeZone) {
        self.init(id: friend.id, name: friend.name ?? "", added: friend.addedText(in: zone),
                  addedInstant: RFC3339.format(friend.addedAt), tags: friend.tags,
                  record: FriendFormat.jsonl.line(friend))
    }

    /// The same, holding the friend's values of `columns` (the preview's
    /// columns beyond id, name, added and tags) as `session` shows them.
    init(_ friend: Friend, in session: Session, columns: [String]) {
        self.init(friend, in: session.timeZone)
        for column in PreviewColumns.fieldColumns(columns) {
            values[column] = session.cellText(ofField: column, for: friend)
        }
    }
}
