import ArgumentParser
import Segq

/// `segq explain --store PATH [--analyze] QUERY`: the plan as a tree, the
/// engine chosen and why; `--analyze` runs it and adds actual rows and time.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show how a query would run: engine, plan tree, estimated rows.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @Flag(help: "Run the query and add actual rows and time per node.") var analyze = false
    @Flag(name: .customLong("no-timings"),
          help: "With --analyze, leave the times out (output that only the data changes, for golden files).")
    var noTimings = false
    @Option(help: ArgumentHelp("Engine: auto (the planner chooses), memory, or the store's push-down: sqlite or postgres.", valueName: "ENGINE"))
    var engine: EngineSelection = .auto
    @Flag(help: "Print the plan as JSON: engine, plan tree with estimated (and actual) rows, or the SQL with its bound values (docs/json-output.md).")
    var json = false
    @OptionGroup var input: QueryArgument

    func run() throws {
        let run = try QueryRun.prepare(store: store, time: time, limits: limits, query: try input.text(), json: json)
        let evaluator = try run.evaluator(engine)
        if json {
            return JSONOutput.print(try QueryRun.evaluating(run.compilation.source, json: true) {
                try evaluator.explainJSON(run.compilation, analyze: analyze, timings: !noTimings)
            })
        }
        let text = try QueryRun.evaluating(run.compilation.source) {
            try evaluator.explain(run.compilation, analyze: analyze, timings: !noTimings)
        }
        Output.write(text.hasSuffix("\n") ? text : text + "\n")
    }
}
