import Foundation
import MCP

/// The language reference, `Grammar/README.md`, as the resource
/// `segq://grammar`, so a model can read the language before writing a query.
struct LanguageGuide {
    static let uri = "segq://grammar"

    /// The reference beside the sources this binary was built from.
    let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Grammar/README.md").path

    var resource: Resource {
        Resource(name: "segq language reference", uri: Self.uri, title: "The segq query language",
                 description: "Fields, tests, time, missing values and diagnostics of segment queries (Grammar/README.md).",
                 mimeType: "text/markdown")
    }

    func content() throws -> Resource.Content {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw MCPError.internalError("the language reference is not at \(path)")
        }
        return .text(text, uri: Self.uri, mimeType: "text/markdown")
    }
}

/// One prompt: turn a goal into a checked, previewed proposal.
enum ProposalPrompt {
    static let prompt = Prompt(
        name: "propose_audience", title: "Propose an audience for a goal",
        description: "Turns a campaign goal into a segment query, checks and previews it, and proposes it for a person to approve.",
        arguments: [
            .init(name: "goal", title: "Goal", description: "What the broadcast is for, e.g. a comeback campaign for lapsed buyers",
                  required: true),
            .init(name: "name", title: "Segment name", description: "The name to propose the segment under", required: false),
        ])

    static func messages(arguments: [String: String]) throws -> GetPrompt.Result {
        guard let goal = arguments["goal"]?.trimmingCharacters(in: .whitespacesAndNewlines), !goal.isEmpty else {
            throw MCPError.invalidParams("the prompt needs a `goal`")
        }
        let name = arguments["name"].map { "under the name \"\($0)\"" } ?? "under a short descriptive name"
        let text = """
            Goal: \(goal)

            Build the audience for this goal as a segq segment query and propose it \(name):
            1. Read the language reference (resource \(LanguageGuide.uri)) and call describe_store to see the \
            integrations, fields, tags, lists and saved segments this store has.
            2. Use suggest_values for exact tag, list and property values; never guess a value.
            3. Write the query and call check_query. If it reports errors, apply the suggested replacements \
            or fix the query from the diagnostics, and check again until it is valid. Read the summary: it must \
            say what the goal means.
            4. Call preview_query and look at the count, the share and the sample. If the audience is empty or \
            clearly wrong, revise the query.
            5. Call propose_segment with the name and the checked query. Nothing is saved until a person \
            approves; report the proposal's id, its count and summary, and its status (proposal_status).
            """
        return GetPrompt.Result(description: "A checked, previewed proposal for: \(goal)",
                                messages: [.user(.text(text: text))])
    }
}
