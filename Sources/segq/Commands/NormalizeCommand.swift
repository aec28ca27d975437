import ArgumentParser
import Segq

/// `segq normalize [--store PATH] [--json] QUERY`: the canonical text of
/// the normal form (groups of AND), or its JSON with groups and summary.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize", abstract: "Print the normal form of a query (groups of AND, ORed).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @Flag(help: "Print the result as JSON (docs/json-output.md).") var json = false
    @OptionGroup var input: QueryArgument

    func run() throws {
        try QueryRun.printCompilation(store: store, time: time, limits: limits, query: input, json: json) {
            if let text = $0.normalized { Output.line(text) }
        }
    }
}
