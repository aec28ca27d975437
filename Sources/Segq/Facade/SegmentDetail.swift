import SegqStore

/// One saved segment as `segment show` and `.show` print it.
public struct SegmentDetail: Hashable, Sendable {
    public var segment: SavedSegment
    /// Its current number of members; nil when it cannot be evaluated.
    public var count: Int?
    /// The segments whose queries refer to it.
    public var usedBy: [String]
    /// The plain-language reading of its canonical query; nil when the
    /// query no longer compiles.
    public var summary: String?
}

extension SegmentCatalog {
    /// The segment named `name` with its count, users and summary (times
    /// resolved at the session's `now` only when it is fixed).
    public func detail(named name: String) throws -> SegmentDetail {
        let segment = try self.segment(named: name)
        let usedBy = try self.usedBy(name)
        let count = try list().first { $0.segment.name == segment.name }?.count
        let compilation = session.compile(segment.canonicalText)
        return SegmentDetail(segment: segment, count: count, usedBy: usedBy,
                             summary: compilation.summary(in: session))
    }
}
