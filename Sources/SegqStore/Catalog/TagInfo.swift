/// A tag of the store with what the tag list screen shows.
public struct TagInfo: Hashable, Sendable {
    public var name: String
    public var folder: String?
    /// Friends holding the tag.
    public var friendCount: Int
    /// When the tag was last added by an import or changed by a tag command (ms since the epoch).
    public var updatedAt: Int64?

    public init(name: String, folder: String? = nil, friendCount: Int, updatedAt: Int64? = nil) {
        self.name = name
        self.folder = folder
        self.friendCount = friendCount
        self.updatedAt = updatedAt
    }
}
