/// A writer that keeps each friend's `LineHash`, so that an import of JSON
/// Lines can skip the lines the store already holds (`KnownLines`).
package protocol LineAwareFriendAdding: FriendAdding {
    /// The lines whose friends the store holds exactly as those lines give them.
    var knownLines: KnownLines { get }
    /// Adds a friend parsed from a line with this hash.
    func add(_ friend: Friend, lineHash: Int64) throws
    /// Counts the stored friend of a known line (an entry of `knownLines`) unchanged.
    func addKnown(_ entry: Int32) throws
}

extension FriendReader {
    /// Reads every record into `writer`: a parallel JSON Lines reader with a
    /// writer that keeps line hashes skips the known lines; any other pair
    /// parses every record and adds it.
    func read(into writer: some FriendAdding) throws -> ImportReport {
        if let parallel = self as? ParallelJSONLFriendReader, let lineAware = writer as? any LineAwareFriendAdding {
            return try parallel.read(into: lineAware)
        }
        return try forEach { try writer.add($0) }
    }
}

extension ParallelJSONLFriendReader {
    fileprivate func read(into writer: some LineAwareFriendAdding) throws -> ImportReport {
        try forEach(skipping: writer.knownLines) { record in
            switch record {
            case .parsed(let friend, let lineHash): try writer.add(friend, lineHash: lineHash)
            case .known(let entry): try writer.addKnown(entry)
            }
        }
    }
}
