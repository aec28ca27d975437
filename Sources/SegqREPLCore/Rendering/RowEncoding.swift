import SegqBasics

/// Machine-readable encodings of preview rows (`.format jsonl|csv`); the
/// `added_at` time as an RFC 3339 instant when the engine gives one. The
/// column names are those of `segq eval --format csv|jsonl` and the import
/// formats.
enum RowEncoding {
    static let csvHeader = "id,name,added_at,tags\n"

    /// `{"id":"…","name":"…","added_at":"…","tags":[…]}` and a newline.
    static func jsonLine(_ row: PreviewRow) -> String {
        "{\"id\":\(QuotedText.json(row.id)),\"name\":\(QuotedText.json(row.name)),\"added_at\":\(QuotedText.json(row.addedInstant ?? row.added)),"
            + "\"tags\":[\(row.tags.map(QuotedText.json).joined(separator: ","))]}\n"
    }

    /// One RFC 4180 record; tags joined by `|`.
    static func csvLine(_ row: PreviewRow) -> String {
        [row.id, row.name, row.addedInstant ?? row.added, row.tags.joined(separator: "|")].map(CSVField.escaped).joined(separator: ",") + "\n"
    }

}
