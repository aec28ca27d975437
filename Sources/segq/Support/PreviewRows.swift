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
}
