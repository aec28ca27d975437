import ArgumentParser
import Segq

/// The limits of Grammar/README.md "Limits", raised (or lowered) for one command.
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Longest query in bytes (default 1048576).", valueName: "N"))
    var maxQueryBytes: Int?
    @Option(help: ArgumentHelp("Deepest nesting of parentheses and `not` (default 256).", valueName: "N"))
    var maxDepth: Int?
    @Option(help: ArgumentHelp("Most conditions in a query (default 10000).", valueName: "N"))
    var maxConditions: Int?
    @Option(help: ArgumentHelp("Most groups in the normal form (default 1024).", valueName: "N"))
    var maxGroups: Int?

    func validate() throws {
        for (name, value) in [("--max-query-bytes", maxQueryBytes), ("--max-depth", maxDepth),
                              ("--max-conditions", maxConditions), ("--max-groups", maxGroups)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
    }

    func apply(to session: Session) {
        if let maxQueryBytes { session.limits.maxQueryBytes = maxQueryBytes }
        if let maxDepth { session.limits.maxDepth = maxDepth }
        if let maxConditions { session.limits.maxConditions = maxConditions }
        if let maxGroups { session.limits.maxGroups = maxGroups }
    }
}
