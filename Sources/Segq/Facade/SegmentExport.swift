import Foundation

extension SegmentCatalog {
    /// A segment's members in `format`, header included, each line ending
    /// in a newline; `members` counts the friends (not the header).
    public func export(_ name: String, format: FriendFormat) throws -> (text: String, members: Int) {
        var text = format.header.map { $0 + "\n" } ?? ""
        var members = 0
        try forEachMember(of: name) { friend in
            text += format.line(friend) + "\n"
            members += 1
        }
        return (text, members)
    }
}
