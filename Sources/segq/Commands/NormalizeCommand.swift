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
        let session = try store.openSession(time: time)
        limits.apply(to: session)
        let compilation = session.compile(try input.text())
        if json {
            Output.line(compilation.json(in: session).pretty())
        } else {
            Diagnostics.report(compilation.diagnostics, in: compilation.source)
            if let text = compilation.normalized { Output.line(text) }
        }
        if !compilation.ok { throw SegqExit.queryError }
    }
}
