/// Machine-readable encodings of preview rows (`.format jsonl|csv`); the
/// `added_at` time as an RFC 3339 instant when the engine gives one. The
/// column names are those of `segq eval --format csv|jsonl` and the import
/// formats.
enum RowEncoding {
    static let csvHeader = "id,name,added_at,tags\n"

    /// `{"id":"…","name":"…","added_at":"…","tags":[…]}` and a newline.
    static func jsonLine(_ row: PreviewRow) -> String {
        "{\"id\":\(jsonString(row.id)),\"name\":\(jsonString(row.name)),\"added_at\":\(jsonString(row.addedInstant ?? row.added)),"
            + "\"tags\":[\(row.tags.map(jsonString).joined(separator: ","))]}\n"
    }

    /// One RFC 4180 record; tags joined by `|`.
    static func csvLine(_ row: PreviewRow) -> String {
        [row.id, row.name, row.addedInstant ?? row.added, row.tags.joined(separator: "|")].map(csvField).joined(separator: ",") + "\n"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.doublingQuotes() + "\""
    }
}

private extension String {
    func doublingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}
