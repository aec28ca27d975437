/// What the segment editor's preview shows for one query: what the front
/// end made of it and the friends it matches. `PreviewRenderer` turns it
/// into text.
public struct QueryPreview: Equatable, Sendable {
    public var compiled: CompiledQuery
    public var result: QueryResult

    public var groups: [[String]] { compiled.groups }
    public var summary: String { compiled.summary }
    public var count: Int { result.count }
    public var rows: [PreviewRow] { result.rows }
}
