import SegqBasics

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
///     1,234 friends match · 61.7% of 2,000
///      id                                | name        | added      | tags
///     -----------------------------------+-------------+------------+-----
///      U4af4980629c0a1d2e3f4a5b6c7d8e9f0 | Aiko Tanaka | 2025-03-14 | VIP
///     (first 10 of 1,234 · 3.2 ms)
///
/// The friends come as a table (`table`, `box`, `markdown`), as records
/// (`line`, or `.expanded`), or alone in a machine format. The summary is
/// folded to the terminal's width. Warnings (`CompiledQuery.diagnostics`) are not part of it: the session
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
        case .table, .box, .markdown, .line: return table(preview, elapsed: time)
        case .count: return "\(preview.count)\n"
        case .ids: return preview.rows.map { TableFormatter.sanitized($0.id) + "\n" }.joined()
        case .jsonl: return preview.rows.map(RowEncoding.jsonLine).joined()
        case .json: return RowEncoding.jsonArray(preview.rows)
        case .csv:
            return (settings.showsHeaders ? RowEncoding.csvHeader : "") + preview.rows.map(RowEncoding.csvLine).joined()
        }
    }

    /// The preview's columns for `preview`: `.columns`, or the standard
    /// ones and the fields the query tests.
    public func columns(for compiled: CompiledQuery) -> [String] {
        PreviewColumns.columns(chosen: settings.columns, queryFields: compiled.fields)
    }

    /// The output of `.count` and of a query in `count` format.
    public func renderCount(_ count: Int, elapsed: Duration) -> String {
        if !settings.format.isPreview { return "\(count)\n" }
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
        if !preview.summary.isEmpty {
            let summary = TableFormatter.sanitized(preview.summary)
            out += "\n" + (settings.terminalWidth.map { WordWrap.wrapped(summary, width: $0) } ?? summary) + "\n"
        }
        out += "\n"
        return out + matches(count: preview.count, rows: preview.rows, elapsed: elapsed, total: preview.result.total,
                             columns: columns(for: preview.compiled))
    }

    /// The friends part of a preview: how many match and their share of
    /// `total`, the first rows in `columns` (as a table, or as records
    /// with `line` and `.expanded`) and a footer saying how many are shown
    /// (and the time, when timing is on). `segq eval --format table`
    /// prints this too.
    public func matches(count: Int, rows: [PreviewRow], elapsed: Duration, total: Int? = nil,
                        columns: [String] = PreviewColumns.standard) -> String {
        var out: String
        if count == 0 {
            out = style.bold("No friend matches.") + "\n"
        } else {
            out = style.bold(NumberFormatting.friends(count) + (count == 1 ? " matches" : " match"))
            if let total, total > 0 {
                out += " · " + NumberFormatting.share(count, of: total) + " of " + NumberFormatting.grouped(total)
            } else {
                out += style.bold(".")
            }
            out += "\n"
        }
        if !rows.isEmpty { out += friends(rows, columns: columns) }
        var footer: [String] = []
        if rows.count < count && !rows.isEmpty {
            footer.append("first \(NumberFormatting.grouped(rows.count)) of \(NumberFormatting.grouped(count))")
        }
        if settings.showsTiming { footer.append(NumberFormatting.duration(elapsed)) }
        if !footer.isEmpty { out += style.dim("(" + footer.joined(separator: " · ") + ")") + "\n" }
        return out
    }

    /// The rows in the current format's layout.
    private func friends(_ rows: [PreviewRow], columns: [String]) -> String {
        let cells = rows.map { row in columns.map { PreviewColumns.cell(row, $0) } }
        let records = RecordFormatter(titles: columns, style: style)
        if settings.format == .line { return records.lines(cells) }
        let border: TableFormatter.Border = settings.format == .box ? .box : settings.format == .markdown ? .markdown : .psql
        let formatter = TableFormatter(columns: columns.map(PreviewColumns.column), totalWidth: settings.terminalWidth,
                                       style: style, border: border, showsHeader: settings.showsHeaders)
        switch settings.expanded {
        case .on: return records.expanded(cells)
        case .auto:
            if let width = settings.terminalWidth, formatter.naturalWidth(cells) > width { return records.expanded(cells) }
            return formatter.render(cells)
        case .off: return formatter.render(cells)
        }
    }

    private func pad(_ word: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - word.count)) + style.dim(word)
    }
}
