import ArgumentParser
import Segq

/// `segq propose --store PATH QUERY`: the JSON an agent hands to a person
/// for approval — diagnostics, normal form, groups, summary, count, a
/// sample of 10 and the hash that `segment save --approve` checks.
struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose", abstract: "Print the JSON proposal of a query for approval (docs/json-output.md).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @OptionGroup var input: QueryArgument

    func run() throws {
        let session = try store.openSession(time: time)
        limits.apply(to: session)
        let proposal = try Proposal.make(session: session, query: try input.text())
        Output.line(proposal.json.pretty())
        if !proposal.compilation.ok { throw SegqExit.queryError }
    }
}
