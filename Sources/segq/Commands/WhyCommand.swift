import ArgumentParser
import Segq

/// `segq why --store PATH FRIEND_ID (QUERY | --segment NAME) [--json]`:
/// why one friend is or is not in a query's (or a saved segment's) audience.
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Why a friend is or is not matched: each group and condition with the friend's value and verdict.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @Option(help: "Explain the saved segment NAME instead of a query.") var segment: String?
    @Flag(help: "Print JSON.") var json = false
    @Argument(help: "The friend's id.") var friendID: String
    @Argument(help: "The query, or `-` to read it from standard input.") var query: String?

    func validate() throws {
        if (segment == nil) == (query == nil) { throw ValidationError("give a QUERY or --segment NAME (one of them)") }
    }

    func run() throws {
        let text: String
        if let segment {
            let session = try store.openSession(time: time)
            text = try Catalogs.run { try SegmentCatalog(session: session).segment(named: segment).canonicalText }
        } else {
            text = try QueryArgument.read(query ?? "-")
        }
        let run = try QueryRun.prepare(store: store, time: time, limits: limits, query: text, json: json)
        let evaluator = try run.evaluator(.auto)
        let explanation = try QueryRun.evaluating(run.compilation.source) { () throws -> Explanation in
            do {
                return try evaluator.explanation(of: friendID, in: run.compilation)
            } catch let error as UnknownFriend {
                Output.error("\(error)")
                throw SegqExit.queryError
            }
        }
        if json {
            Output.line(run.session.storeIdentity.adding(to: ExplanationRendering.json(explanation)).pretty())
        } else {
            Output.write(ExplanationRendering.text(explanation))
        }
    }
}
