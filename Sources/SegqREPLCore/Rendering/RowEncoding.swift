import SegqBasics

/// Machine-readable encodings of preview rows (`.format jsonl|json|csv`): the
/// lines `segq eval --format jsonl|csv` writes. A row's JSON Lines record
/// comes from the engine when it gives one (the real engine does: the
/// friend as `segq import` reads it); the CSV columns are `FriendColumns`.
enum RowEncoding {
    static let csvHeader = FriendColumns.csvHeader + "\n"

    /// The row's record, or `{"id":"…","name":"…","added_at":"…","tags":[…]}`
    /// when the engine gave none; and a newline.
    static func jsonLine(_ row: PreviewRow) -> String {
        if let record = row.record { return record + "\n" }
        return "{\"id\":\(QuotedText.json(row.id)),\"name\":\(QuotedText.json(row.name)),\"added_at\":\(QuotedText.json(row.addedInstant ?? row.added)),"
            + "\"tags\":[\(row.tags.map(QuotedText.json).joined(separator: ","))]}\n"
    }

    /// The rows' records as one JSON array, one record a line.
    static func jsonArray(_ rows: [PreviewRow]) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        return "[\n" + rows.map { jsonLine($0).dropLast() }.joined(separator: ",\n") + "\n]\n"
    }

    /// One RFC 4180 record; tags joined by `|`.
    static func csvLine(_ row: PreviewRow) -> String {
        FriendColumns.csvRecord(id: row.id, name: row.name, addedAt: row.addedInstant ?? row.added, tags: row.tags) + "\n"
    }
}
