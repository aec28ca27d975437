/// The answer to a Tab press: replace the text from `replaceFrom` up to the
/// cursor with a candidate.
///
/// With one candidate the line editor inserts it as it is (a completer adds
/// a trailing space or `.` itself when that is what should follow). With
/// several it inserts their longest common prefix and lists them.
public struct Completion: Equatable, Sendable {
    /// UTF-8 byte offset into the completed text, at most the cursor.
    public var replaceFrom: Int
    public var candidates: [String]

    public init(replaceFrom: Int, candidates: [String]) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
    }

    /// No candidates.
    public static func none(at cursor: Int) -> Completion {
        Completion(replaceFrom: cursor, candidates: [])
    }

    /// The longest prefix, in whole characters, that every candidate shares.
    public var commonPrefix: String {
        guard let first = candidates.first else { return "" }
        var prefix = first[...]
        for candidate in candidates.dropFirst() {
            prefix = prefix.commonPrefix(with: candidate)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    /// The same completion with `replaceFrom` moved by `offset` bytes.
    public func shifted(by offset: Int) -> Completion {
        Completion(replaceFrom: replaceFrom + offset, candidates: candidates)
    }
}

private extension Substring {
    func commonPrefix(with other: String) -> Substring {
        var end = startIndex
        var otherIndex = other.startIndex
        while end < endIndex, otherIndex < other.endIndex, self[end] == other[otherIndex] {
            end = index(after: end)
            otherIndex = other.index(after: otherIndex)
        }
        return self[startIndex..<end]
    }
}
