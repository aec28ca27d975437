/// Turns a `Preview` into the text the REPL prints for one query — what the
/// segment editor's preview shows:
///
///     Group 1:  tag = "VIP"
///          and  shopify.purchases >= 3
///           or
///     Group 2:  hubspot.stage = "Customer"
///
///     Friends who have the tag "VIP" and …
///
///     1,234 friends match.
///      id              | name        | added      | tags
///     -----------------+-------------+------------+-----
///      U4af4980629c0a… | Aiko Tanaka | 2025-03-14 | VIP
///     (first 10 of 1,234 · 3.2 ms)
///
/// Warnings (`CompiledQuery.diagnostics`) are not part of it: the session
/// prints them on the error channel.
public struct PreviewRenderer: Sendable {
    public var settings: REPLSettings

    public init(settings: REPLSettings) { self.settings = settings }

    private var style: Style { settings.style }

    /// The output for `preview` in the current format; `elapsed` is shown
    /// when the preview has no time of its own and timing is on.
    public func render(_ preview: QueryPreview, elapsed: Duration) -> String {
        let time = preview.result.elapsed ?? elapsed
        switch settings.format {
        case .table: return table(preview, elapsed: time)
        case .count: return "\(preview.count)\n"
        case .ids: return preview.rows.map { TableFormatter.sanitized($0.id) + "\n" }.joined()
        case .jsonl: return preview.rows.map(RowEncoding.jsonLine).joined()
        case .csv: return RowEncoding.csvHeader + preview.rows.map(RowEncoding.csvLine).joined()
        }
    }

    /// The output of `.count` and of a query in `count` format.
    public func renderCount(_ count: Int, elapsed: Duration) -> String {
        if settings.format != .table { return "\(count)\n" }
        var out = style.bold(NumberFormatting.friends(count)) + "\n"
        if settings.showsTiming { out += style.dim("(" + NumberFormatting.duration(elapsed) + ")") + "\n" }
        return out
    }

    /// The groups of AND, OR between them, labels aligned.
    public func groups(_ groups: [[String]]) -> String {
        if groups.isEmpty { return style.dim("No group: the query matches no friend.") + "\n" }
        let labelWidth = "Group \(groups.count):".count
        var out = ""
        for (index, group) in groups.enumerated() {
            if index > 0 { out += pad("or", to: labelWidth) + "\n" }
            let label = "Group \(index + 1):"
            let head = style.bold(label) + String(repeating: " ", count: labelWidth - label.count) + "  "
            guard let first = group.first else {
                out += head + style.dim("(every friend)") + "\n"
                continue
            }
            out += head + TableFormatter.sanitized(first) + "\n"
            for condition in group.dropFirst() {
                out += pad("and", to: labelWidth) + "  " + TableFormatter.sanitized(condition) + "\n"
            }
        }
        return out
    }

    private func table(_ preview: QueryPreview, elapsed: Duration) -> String {
        var out = groups(preview.groups)
        if !preview.summary.isEmpty { out += "\n" + TableFormatter.sanitized(preview.summary) + "\n" }
        out += "\n"
        return out + matches(count: preview.count, rows: preview.rows, elapsed: elapsed)
    }

    /// The friends part of a preview: how many match, the first rows as a
    /// table (id, name, added, tags) and a footer saying how many are shown
    /// (and the time, when timing is on). `segq eval --format table` prints
    /// this too.
    public func matches(count: Int, rows: [PreviewRow], elapsed: Duration) -> String {
        var out: String
        if count == 0 {
            out = style.bold("No friend matches.") + "\n"
        } else {
            out = style.bold(NumberFormatting.friends(count) + (count == 1 ? " matches." : " match.")) + "\n"
        }
        if !rows.isEmpty {
            let formatter = TableFormatter(columns: [
                .init("id", maxWidth: 16),
                .init("name", maxWidth: 24),
                .init("added", maxWidth: 20),
                .init("tags", maxWidth: 40),
            ], totalWidth: settings.terminalWidth, style: style)
            out += formatter.render(rows.map { [$0.id, $0.name, $0.added, $0.tags.joined(separator: ", ")] })
        }
        var footer: [String] = []
        if rows.count < count && !rows.isEmpty {
            footer.append("first \(NumberFormatting.grouped(rows.count)) of \(NumberFormatting.grouped(count))")
        }
        if settings.showsTiming { footer.append(NumberFormatting.duration(elapsed)) }
        if !footer.isEmpty { out += style.dim("(" + footer.joined(separator: " · ") + ")") + "\n" }
        return out
    }

    private func pad(_ word: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - word.count)) + style.dim(word)
    }
}
