import ArgumentParser
import Segq

/// `segq parse QUERY`: the syntax tree in its debug form, with spans.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Print the syntax tree of a query (debug form, with spans).")

    @Flag(help: "Print JSON: ok, the diagnostics and the tree, each node with its byte offset and length (docs/json-output.md).")
    var json = false
    @OptionGroup var input: QueryArgument

    func run() throws {
        let tree = SyntaxTreeText(of: try input.text(), color: Output.stderrColor)
        if json {
            JSONOutput.print(tree.json)
            if !tree.ok { throw SegqExit.queryError }
            return
        }
        Output.write(tree.tree)
        Output.errorText(tree.diagnostics)
        if !tree.ok { throw SegqExit.queryError }
    }
}
