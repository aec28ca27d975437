/// A byte range in a query's UTF-8 text. Every token, syntax node and
/// diagnostic carries one.
public struct Span: Hashable, Sendable, Codable {
    /// Offset of the first byte, counting UTF-8 bytes from the start of the query.
    public var offset: Int
    /// Number of UTF-8 bytes covered.
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }

    public var end: Int { offset + length }

    /// The smallest span covering both.
    public func union(_ other: Span) -> Span {
        let start = min(offset, other.offset)
        return Span(offset: start, length: max(end, other.end) - start)
    }

    public static func between(_ a: Span, _ b: Span) -> Span { a.union(b) }
}
