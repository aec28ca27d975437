import ArgumentParser
import Foundation
import Segq

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
    @Option(help: "At most this many friends (ids, jsonl, csv, table).")
    var limit: Int?
    @Option(help: ArgumentHelp("Engine: auto (the planner chooses), memory or sqlite.", valueName: "ENGINE"))
    var engine: EngineOption = .auto
    @OptionGroup var input: QueryArgument

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let run = try QueryRun.prepare(store: store, time: time, limits: limits, query: try input.text())
        let runner = run.store.runner(policy: engine.policy(default: .singleEvaluation))
        let context = run.session.context
        try QueryRun.evaluating(run.compilation.source) {
            switch format {
            case .count:
                Output.line(String(try runner.count(run.form, context: context)))
            case .ids:
                var out = OutputBuffer()
                try runner.forEachFriendID(run.form, context: context, limit: limit) { out.line($0) }
                out.flush()
            case .jsonl:
                var out = OutputBuffer()
                try runner.forEachFriend(run.form, context: context, limit: limit) {
                    out.line(FriendJSONLWriter.line($0))
                }
                out.flush()
            case .csv:
                var out = OutputBuffer()
                out.line(FriendCSV.header)
                try runner.forEachFriend(run.form, context: context, limit: limit) { out.line(FriendCSV.row($0)) }
                out.flush()
            case .table:
                let preview = try runner.preview(run.form, context: context, limit: limit ?? 10)
                Output.write(FriendTable.render(preview.friends, total: preview.count, timeZone: context.timeZone))
            }
        }
    }
}

/// `--engine`: which engine runs the query.
enum EngineOption: String, ExpressibleByArgument, CaseIterable {
    case auto, memory, sqlite

    func policy(default fallback: EnginePolicy) -> EnginePolicy {
        switch self {
        case .auto: return fallback
        case .memory: return .force(.memory)
        case .sqlite: return .force(.sqlite)
        }
    }
}
