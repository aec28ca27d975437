import ArgumentParser
import Segq

/// `segq values FIELD [PREFIX] [--json] [--limit N]`: the values a field
/// holds in the store, most friends first, each with its friend count
/// (`ValueSuggestions`, as the MCP tool `suggest_values` gives them).
struct ValuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract: "Known values of a field (tag, tag.KEY, lists, string properties, segment) with friend counts, most held first.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Option(parsing: .unconditional,
            help: ArgumentHelp("At most this many values (default \(ValueSuggestions.defaultLimit), at most 200).", valueName: "N"))
    var limit: Int = ValueSuggestions.defaultLimit
    @Flag(help: "Print JSON (docs/json-output.md).") var json = false
    @Argument(help: "The field: tag, tag.KEY, shopify.tag, hubspot.segment, klaviyo.list, segment, or a string property.")
    var field: String
    @Argument(help: "Only values starting with this (ignoring case).") var prefix: String = ""

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be a whole number, 0 or more") }
    }

    func run() throws {
        let session = try store.openSession(time: time)
        let suggestions = try Catalogs.run(json: json) {
            try ValueSuggestions.make(session: session, field: field, prefix: prefix, limit: limit)
        }
        if json {
            JSONOutput.print(suggestions.json)
        } else {
            Output.write(suggestions.text)
        }
    }
}
