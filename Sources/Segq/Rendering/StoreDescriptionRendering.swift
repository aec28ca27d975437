import SegqBasics

/// `StoreDescription` as structured content and text for agents
/// (`describe_store`): every field with its type and when it is missing,
/// tags and lists with their counts, saved segments.
extension StoreDescription {
    public var json: JSONValue {
        .object([
            ("store", .string(path)),
            ("kind", .string(kind.rawValue)),
            ("friends", friendCount.map { .int(Int64($0)) } ?? .null),
            ("time_zone", .string(timeZone)),
            ("integrations", .array(integrations.map(JSONValue.string))),
            ("fields", .array(fields.map { f in
                .object([("path", .string(f.path)), ("type", .string(f.type)),
                         ("missing_when", f.missingWhen.map(JSONValue.string) ?? .null)])
            })),
            ("properties", .array(properties.map { p in
                .object([("path", .string(p.path)), ("type", .string(p.type)),
                         ("integration", p.integration.map(JSONValue.string) ?? .null)])
            })),
            ("tag_keys", .array(tagKeys.map(JSONValue.string))),
            ("tags", .array(tags.map { .object([("name", .string($0.name)), ("friends", .int(Int64($0.friendCount)))]) })),
            ("lists", .object(lists.sorted { $0.key < $1.key }.map { field, values in
                (field, .array(values.map { v in
                    .object([("value", .string(v.value)), ("friends", v.count.map { .int(Int64($0)) } ?? .null)])
                }))
            })),
            ("segments", .array(segments.map { s in
                .object([("name", .string(s.segment.name)), ("folder", s.segment.folder.map(JSONValue.string) ?? .null),
                         ("kind", .string(s.segment.kind.rawValue)), ("count", s.count.map { .int(Int64($0)) } ?? .null)])
            })),
            ("missing_values", .string("a positive test is false on a missing value and its negation is true; "
                                      + "see the language reference (Grammar/README.md)")),
        ])
    }

    /// The description for people.
    public var text: String {
        var lines = [StoreRendering.summary(self), "", "fields:"]
        for f in fields {
            lines.append("  \(f.path)  \(f.type)" + (f.missingWhen.map { "  (missing when \($0))" } ?? ""))
        }
        lines.append("")
        if !tagKeys.isEmpty { lines.append("tag keys: " + tagKeys.map(QuotedText.query).joined(separator: ", ")) }
        lines.append("tags: " + (tags.isEmpty ? "none" : tags.map { "\(QuotedText.query($0.name)) (\($0.friendCount))" }
            .joined(separator: ", ")))
        for (field, values) in lists.sorted(by: { $0.key < $1.key }) {
            lines.append("\(field): " + (values.isEmpty ? "none" : values.map { v in
                QuotedText.query(v.value) + (v.count.map { " (\($0))" } ?? "")
            }.joined(separator: ", ")))
        }
        lines.append("segments: " + (segments.isEmpty ? "none" : segments.map {
            "\(QuotedText.query($0.segment.name)) (\($0.segment.kind.rawValue), \($0.count.map(String.init) ?? "error"))"
        }.joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }
}
