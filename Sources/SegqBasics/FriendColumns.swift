/// The four columns of every friend listing, named once: the CSV header of
/// `segq eval --format csv`, `segment export`, `.export` and the REPL's
/// `.format csv` (docs/data-formats.md), which the CSV importer reads back.
public enum FriendColumns {
    public static let names = ["id", "name", "added_at", "tags"]

    /// `id,name,added_at,tags`, without a line break.
    public static let csvHeader = names.joined(separator: ",")

    /// One RFC 4180 record (no line break): `addedAt` as RFC 3339 text, the
    /// tags joined by `|` (a `|` or `\` inside a tag escaped), every cell
    /// guarded against spreadsheet formulas — what `segq import` reads back.
    public static func csvRecord(id: String, name: String, addedAt: String, tags: [String]) -> String {
        [id, name, addedAt, CSVField.listCell(tags)].map { CSVField.escaped(CSVField.guarded($0)) }.joined(separator: ",")
    }
}
