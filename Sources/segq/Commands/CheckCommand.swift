import ArgumentParser
import Segq

/// `segq check [--store PATH] [--json] QUERY`: diagnostics only; exit 1
/// when the query has errors.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a query against the store's schema and report diagnostics.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @Flag(help: "Print the result as JSON (docs/json-output.md).") var json = false
    @OptionGroup var input: QueryArgument

    func run() throws {
        let session = try store.openSession(time: time)
        limits.apply(to: session)
        let compilation = session.compile(try input.text())
        if json {
            Output.line(compilation.json(in: session).pretty())
        } else {
            Diagnostics.report(compilation.diagnostics, in: compilation.source)
            if compilation.ok {
                let warnings = compilation.warnings.count
                Output.line(warnings == 0 ? "ok" : "ok (\(warnings) warning\(warnings == 1 ? "" : "s"))")
            }
        }
        if !compilation.ok { throw SegqExit.queryError }
    }
}
