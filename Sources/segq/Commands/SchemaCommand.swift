import ArgumentParser
import Segq

/// `segq schema [--store PATH] [--json]`: what a query may use in the store
/// — integrations, fields with types, typed properties, tag keys, tags and
/// lists with friend counts, saved segments (`Session.describeStore`, the
/// description `.schema` and the MCP tool `describe_store` give).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "What queries can use in the store: fields and types, properties, tags, lists and segments with counts.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Flag(help: "Print JSON (docs/json-output.md).") var json = false

    func run() throws {
        let session = try store.openSession(time: time)
        let description = try Catalogs.run(json: json) { try session.describeStore() }
        guard let description else {
            let message = "segq schema needs a store (--store PATH or $SEGQ_STORE); without one the built-in schema applies"
            if json { JSONOutput.failure(message) } else { Output.error(message) }
            throw SegqExit.usage
        }
        if json {
            JSONOutput.print(description.json)
        } else {
            Output.write(description.text)
        }
    }
}
