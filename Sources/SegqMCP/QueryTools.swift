import Segq

/// `check_query`, `preview_query`, `explain_query`: read-only calls on the
/// facade. A query with errors is a tool error carrying its diagnostics
/// (with suggested replacements), so the model can correct itself.
enum QueryTools {
    static func check(_ session: Session, _ query: String) -> ToolOutcome {
        let compilation = session.compile(query)
        let json = ProposalJSON.make(compilation, context: session.context)
        var text = compilation.diagnostics.isEmpty ? "" : DiagnosticRenderer.render(compilation.diagnostics, in: compilation.source, color: false)
        if compilation.ok, let form = compilation.normalForm, let normalized = compilation.normalized {
            text += "valid: \(normalized)\n"
            for (i, group) in form.groups.enumerated() {
                text += "Group \(i + 1): " + group.conditions.map { QueryPrinter.text(of: $0) }.joined(separator: " and ") + "\n"
            }
            text += Summary.text(of: form, context: session.context) + "\n"
        }
        return ToolOutcome(structured: json, text: text, isError: !compilation.ok)
    }

    /// The compiled query's normal form, or the failing check as the outcome.
    private static func compiled(_ session: Session, _ query: String) -> (NormalForm?, ToolOutcome?) {
        let compilation = session.compile(query)
        guard compilation.ok, let form = compilation.normalForm else { return (nil, check(session, query)) }
        return (form, nil)
    }

    static func preview(_ session: Session, _ query: String) throws -> ToolOutcome {
        let (form, failed) = compiled(session, query)
        guard let form, let store = session.store else { return failed ?? .failure("no store is open") }
        let context = session.context
        let runner = store.runner()
        let preview: Preview
        let total: Int
        do {
            preview = try runner.preview(form, context: context, limit: 10)
            total = try runner.count(.everybody, context: context)
        } catch {
            guard let diagnostics = queryDiagnostics(of: error) else { throw error }
            return .failure("the query cannot be evaluated",
                            diagnostics: DiagnosticJSON.json(diagnostics, in: session.compile(query).source))
        }
        let share = total > 0 ? Double(preview.count) / Double(total) : 0
        let summary = Summary.text(of: form, context: context)
        let zone = session.timeZoneOverride?.identifier ?? store.settings.timeZone
        let friends: [JSONValue] = preview.friends.map { f in
            .object([("id", .string(f.id)), ("name", f.name.map(JSONValue.string) ?? .null),
                     ("added", .string(RFC3339.format(f.addedAt))), ("tags", .array(f.tags.map(JSONValue.string)))])
        }
        let json = JSONValue.object([
            ("ok", .bool(true)), ("count", .int(Int64(preview.count))), ("total_friends", .int(Int64(total))),
            ("share", .double(share)), ("friends", .array(friends)), ("normalized", .string(QueryPrinter.text(of: form))),
            ("summary", .string(summary)), ("now", .string(RFC3339.format(context.now))), ("time_zone", .string(zone)),
        ])
        var text = "\(ProposalRendering.grouped(preview.count)) of \(ProposalRendering.grouped(total)) friends match.\n\(summary)\n"
        text += "(now \(RFC3339.format(context.now)), time zone \(zone))\n"
        for f in preview.friends {
            text += "  \(f.id)  \(f.name ?? "")  added \(RFC3339.format(f.addedAt))  \(f.tags.joined(separator: ", "))\n"
        }
        return ToolOutcome(structured: json, text: text)
    }

    static func explain(_ session: Session, _ query: String) throws -> ToolOutcome {
        let (form, failed) = compiled(session, query)
        guard let form, let store = session.store else { return failed ?? .failure("no store is open") }
        let plan: String
        do {
            plan = try store.runner().explain(form, context: session.context)
        } catch {
            guard let diagnostics = queryDiagnostics(of: error) else { throw error }
            return .failure("the query cannot be evaluated",
                            diagnostics: DiagnosticJSON.json(diagnostics, in: session.compile(query).source))
        }
        return ToolOutcome(structured: .object([("ok", .bool(true)), ("plan", .string(plan))]), text: plan)
    }
}
