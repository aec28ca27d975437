import ArgumentParser
import Segq
import SegqBasics

/// `segq check [--store PATH] [--json] QUERY`: diagnostics only; exit 1
/// when the query has errors.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a query against the store's schema and report diagnostics.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @Flag(help: "Print the diagnostics as JSON, with the normal form when there is no error (docs/json-output.md).")
    var json = false
    @OptionGroup var input: QueryArgument

    func run() throws {
        try QueryRun.printCompilation(store: store, time: time, limits: limits, query: input, json: json) { compilation in
            guard compilation.ok else { return }
            let warnings = compilation.warnings.count
            Output.line(warnings == 0 ? "ok" : "ok (\(CountedNoun.text(warnings, "warning")))")
        }
    }
}
