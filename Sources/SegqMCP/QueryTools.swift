import Segq

/// `check_query`, `preview_query`, `explain_query`: read-only calls on the
/// facade. A query with errors is a tool error carrying its diagnostics
/// (with suggested replacements), so the model can correct itself.
enum QueryTools {
    static func check(_ session: Session, _ query: String) -> ToolOutcome {
        let compilation = session.compile(query)
        let json = compilation.json(in: session)
        var text = compilation.renderedDiagnostics()
        if compilation.ok, let normalized = compilation.normalized {
            text += "valid: \(normalized)\n"
            for (i, group) in compilation.groupTexts.enumerated() {
                text += "Group \(i + 1): " + group.joined(separator: " and ") + "\n"
            }
            text += (compilation.summaryNow(in: session) ?? "") + "\n"
        }
        return ToolOutcome(structured: json, text: text, isError: !compilation.ok)
    }

    /// The compiled query and an evaluator, or the failing check as the outcome.
    private static func compiled(_ session: Session, _ query: String) -> (Compilation, QueryEvaluator)? {
        let compilation = session.compile(query)
        guard compilation.ok, let evaluator = QueryEvaluator(session: session) else { return nil }
        return (compilation, evaluator)
    }

    /// Runs `body`, turning an evaluation failure (a broken segment
    /// reference, a cycle) into a tool error with its diagnostics.
    private static func evaluating(_ compilation: Compilation, _ body: () throws -> ToolOutcome) throws -> ToolOutcome {
        do {
            return try body()
        } catch {
            guard let diagnostics = queryDiagnostics(of: error) else { throw error }
            return .failure("the query cannot be evaluated",
                            diagnostics: DiagnosticJSON.json(diagnostics, in: compilation.source))
        }
    }

    static func preview(_ session: Session, _ query: String) throws -> ToolOutcome {
        guard session.store != nil else { return .failure("no store is open") }
        guard let (compilation, evaluator) = compiled(session, query) else { return check(session, query) }
        return try evaluating(compilation) {
            let preview = try evaluator.preview(compilation, limit: 10)
            let total = try evaluator.friendCount()
            let share = total > 0 ? Double(preview.count) / Double(total) : 0
            let summary = compilation.summaryNow(in: session) ?? ""
            let zone = session.timeZoneName
            let now = RFC3339.format(session.currentInstant)
            let friends: [JSONValue] = preview.friends.map { f in
                .object([("id", .string(f.id)), ("name", f.name.map(JSONValue.string) ?? .null),
                         ("added", .string(RFC3339.format(f.addedAt))), ("tags", .array(f.tags.map(JSONValue.string)))])
            }
            let json = JSONValue.object([
                ("ok", .bool(true)), ("count", .int(Int64(preview.count))), ("total_friends", .int(Int64(total))),
                ("share", .double(share)), ("friends", .array(friends)),
                ("normalized", .string(compilation.normalized ?? "")),
                ("summary", .string(summary)), ("now", .string(now)), ("time_zone", .string(zone)),
            ])
            var text = "\(ProposalRendering.grouped(preview.count)) of \(ProposalRendering.grouped(total)) friends match.\n\(summary)\n"
            text += "(now \(now), time zone \(zone))\n"
            for f in preview.friends {
                text += "  \(f.id)  \(f.name ?? "")  added \(RFC3339.format(f.addedAt))  \(f.tags.joined(separator: ", "))\n"
            }
            return ToolOutcome(structured: json, text: text)
        }
    }

    static func explain(_ session: Session, _ query: String) throws -> ToolOutcome {
        guard session.store != nil else { return .failure("no store is open") }
        guard let (compilation, evaluator) = compiled(session, query) else { return check(session, query) }
        return try evaluating(compilation) {
            let plan = try evaluator.explain(compilation)
            return ToolOutcome(structured: .object([("ok", .bool(true)), ("plan", .string(plan))]), text: plan)
        }
    }
}
