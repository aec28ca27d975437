import SegqBasics

/// The columns of the preview's friends table: by default id, name, added
/// and tags, then the fields the query tests (a `shopify.purchases >= 3`
/// preview shows purchases); `.columns` chooses others.
public enum PreviewColumns {
    /// The columns every default preview has.
    public static let standard = ["id", "name", "added", "tags"]

    /// Fields whose value a column would not show better than the
    /// standard columns do: `tag` is `tags`; `segment` is membership.
    private static let notShown: Set<String> = ["id", "name", "added", "tag", "tags", "segment"]

    /// The columns for a query testing `fields` (canonical paths), or the
    /// `chosen` ones when `.columns` set them.
    public static func columns(chosen: [String]?, queryFields: [String]) -> [String] {
        if let chosen { return chosen }
        return standard + unique(queryFields.filter { !notShown.contains($0) })
    }

    /// The columns the engine must fill in `PreviewRow.values`.
    public static func fieldColumns(_ columns: [String]) -> [String] {
        columns.filter { !standard.contains($0) }
    }

    /// `id,name, shopify.purchases` → the column names, `tag` read as
    /// `tags`; nil when the list is empty. Names are checked by the caller.
    public static func parse(_ text: String) -> [String]? {
        let names = text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            .map { $0 == "tag" ? "tags" : $0 }
        return names.isEmpty ? nil : unique(names)
    }

    /// One row's cell for `column`: the friend's own columns, else its value
    /// of that field (empty when it has none).
    static func cell(_ row: PreviewRow, _ column: String) -> String {
        switch column {
        case "id": return row.id
        case "name": return row.name
        case "added": return row.added
        case "tags": return row.tags.joined(separator: ", ")
        default: return row.values[column] ?? ""
        }
    }

    /// How wide a column may grow before its cells are cut with `…`; ids
    /// are never cut (`TableFormatter.Column.keepsWhole`), so they can be copied.
    static func column(_ name: String) -> TableFormatter.Column {
        switch name {
        case "id": return .init("id", keepsWhole: true)
        case "name": return .init("name", maxWidth: 24)
        case "added": return .init("added", maxWidth: 20)
        case "tags": return .init("tags", maxWidth: 40)
        default: return .init(name, maxWidth: max(24, DisplayWidth.of(name)))  // the field name stays whole
        }
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
