import ArgumentParser
import Segq

/// `segq parse QUERY`: the syntax tree in its debug form, with spans.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Print the syntax tree of a query (debug form, with spans).")

    @OptionGroup var input: QueryArgument

    func run() throws {
        let parsed = QueryParser.parse(try input.text())
        Output.write(SyntaxTreePrinter.dump(parsed))
        Diagnostics.report(parsed.diagnostics, in: parsed.source)
        if parsed.diagnostics.contains(where: { $0.severity == .error }) { throw SegqExit.queryError }
    }
}
