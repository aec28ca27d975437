import ArgumentParser
import Foundation
import Segq
import SegqREPLCore

/// `segq eval --store PATH [--format …] [--limit N] QUERY`.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a query against a store and print the matching friends.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case count, ids, jsonl, csv, table
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @Option(help: "Output: count (one integer), ids (one a line), jsonl, csv or table.")
    var format: Format = .count
    // Unconditional, so `--limit -1` reaches validate() instead of reading as an option.
    @Option(parsing: .unconditional, help: "At most this many friends (ids, jsonl, csv, table).")
    var limit: Int?
    @Option(help: ArgumentHelp("Engine: auto (the planner chooses), memory, or the store's push-down: sqlite or postgres.", valueName: "ENGINE"))
    var engine: EngineSelection = .auto
    @Flag(help: "Print JSON: the count, with --format ids the ids, with jsonl, csv or table the friend records (docs/json-output.md).")
    var json = false
    @OptionGroup var input: QueryArgument

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be a whole number, 0 or more") }
    }

    func run() throws {
        // The formats scripts read stay alone on the terminal unless the store was not named.
        let header = format == .table || store.isDefaulted
        let run = try QueryRun.prepare(store: store, time: time, limits: limits, query: try input.text(),
                                       json: json, header: header)
        let evaluator = try run.evaluator(engine)
        let c = run.compilation
        if json {
            return JSONOutput.print(try QueryRun.evaluating(c.source, json: true) { () throws -> JSONValue in
                let count = try evaluator.count(c)
                switch format {
                case .count:
                    return EvaluationRendering.json(c, count: count, listing: .none)
                case .ids:
                    var ids: [String] = []
                    try evaluator.forEachFriendID(c, limit: limit) { ids.append($0) }
                    return EvaluationRendering.json(c, count: count, listing: .ids(ids))
                case .jsonl, .csv:
                    var friends: [Friend] = []
                    try evaluator.forEachFriend(c, limit: limit) { friends.append($0) }
                    return EvaluationRendering.json(c, count: count, listing: .friends(friends))
                case .table:
                    let preview = try evaluator.preview(c, limit: limit ?? 10)
                    return EvaluationRendering.json(c, count: preview.count, listing: .friends(preview.friends))
                }
            })
        }
        try QueryRun.evaluating(run.compilation.source) {
            switch format {
            case .count:
                Output.line(String(try evaluator.count(c)))
            case .ids:
                var out = OutputBuffer()
                try evaluator.forEachFriendID(c, limit: limit) { out.line($0) }
                out.flush()
            case .jsonl:
                var out = OutputBuffer()
                try evaluator.forEachFriend(c, limit: limit) { out.line(FriendFormat.jsonl.line($0)) }
                out.flush()
            case .csv:
                var out = OutputBuffer()
                out.line(FriendCSV.header)
                try evaluator.forEachFriend(c, limit: limit) { out.line(FriendCSV.row($0)) }
                out.flush()
            case .table:
                let preview = try evaluator.preview(c, limit: limit ?? 10)
                // The REPL's preview table (its columns, the share of all
                // friends), without colour, terminal fitting or timing.
                let renderer = PreviewRenderer(settings: REPLSettings(interactive: false))
                let columns = PreviewColumns.columns(chosen: nil, queryFields: c.fieldPaths)
                let rows = preview.friends.map { PreviewRow($0, in: run.session, columns: columns) }
                Output.write(renderer.matches(count: preview.count, rows: rows, elapsed: .zero,
                                              total: try evaluator.friendCount(), columns: columns))
            }
        }
    }
}

/// `--engine`: which engine runs the query.
extension EngineSelection: ExpressibleByArgument {}
