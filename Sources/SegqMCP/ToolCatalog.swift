import MCP

/// The tools `segq mcp` offers, with their input and output schemas. The
/// read-only ones say so (`readOnlyHint`); the two that propose only ever
/// record a pending proposal, which a person approves or cancels.
enum ToolCatalog {
    static let describeStore = "describe_store"
    static let suggestValues = "suggest_values"
    static let checkQuery = "check_query"
    static let previewQuery = "preview_query"
    static let explainQuery = "explain_query"
    static let proposeSegment = "propose_segment"
    static let proposeTagChange = "propose_tag_change"
    static let proposalStatus = "proposal_status"

    static var tools: [Tool] {
        [
            Tool(name: describeStore, title: "Describe the store",
                 description: "Integrations, every field with its type and when it is missing, properties with types, "
                     + "tags with friend counts, lists, saved segments (folder, kind, count), the time zone and the number of friends.",
                 inputSchema: input(describeStore), annotations: readOnly("Describe the store"),
                 outputSchema: object(["store": string, "friends": integer, "time_zone": string,
                                       "integrations": array(string), "fields": array(anyObject),
                                       "tags": array(anyObject), "lists": anyObject, "segments": array(anyObject)],
                                      required: ["friends", "time_zone", "fields", "tags", "segments"])),
            Tool(name: suggestValues, title: "Suggest values of a field",
                 description: "Known values of a field (tag, shopify.tag, hubspot.segment, klaviyo.list, segment, or a string "
                     + "property such as hubspot.stage) starting with `prefix` (case-insensitive), with how many friends have each.",
                 inputSchema: input(suggestValues), annotations: readOnly("Suggest values"),
                 outputSchema: object(["field": string, "values": array(anyObject), "more": integer],
                                      required: ["values"])),
            Tool(name: checkQuery, title: "Check a query",
                 description: "Parses and checks a segment query against this store. Valid: its normal form (groups of AND, "
                     + "ORed), canonical text and plain-language summary. Invalid: a tool error whose diagnostics carry "
                     + "code, message, offsets, line/column and a suggested replacement to apply. The language: resource segq://grammar.",
                 inputSchema: input(checkQuery), annotations: readOnly("Check a query"),
                 outputSchema: queryOutput(["normalized": string, "groups": array(array(anyObject)), "summary": string],
                                           diagnosticsAlways: true)),
            Tool(name: previewQuery, title: "Preview a query",
                 description: "Runs a query: the number of matching friends, their share of all friends, up to 10 of them, "
                     + "the summary with dates resolved, and the `now` and time zone used.",
                 inputSchema: input(previewQuery), annotations: readOnly("Preview a query"),
                 outputSchema: queryOutput(["count": integer, "total_friends": integer, "share": number,
                                            "friends": array(anyObject), "summary": string, "now": string,
                                            "time_zone": string])),
            Tool(name: explainQuery, title: "Explain a query",
                 description: "The plan segq would run for a query: engine, access paths and estimates.",
                 inputSchema: input(explainQuery), annotations: readOnly("Explain a query"),
                 outputSchema: queryOutput(["plan": string])),
            Tool(name: proposeSegment, title: "Propose a segment",
                 description: "Proposes saving a query as a segment (new, replace=true to replace one, static=true for a "
                     + "snapshot of today's members). Nothing is saved: a person approves or cancels the proposal, in this "
                     + "client when it supports elicitation, else at a terminal. Check and preview the query first.",
                 inputSchema: input(proposeSegment), annotations: proposing("Propose a segment"), outputSchema: proposalOutput),
            Tool(name: proposeTagChange, title: "Propose a tag change",
                 description: "Proposes adding or removing a tag on the friends a query selects, renaming a tag "
                     + "(new_name) or deleting one. Nothing changes until a person approves.",
                 inputSchema: input(proposeTagChange), annotations: proposing("Propose a tag change"), outputSchema: proposalOutput),
            Tool(name: proposalStatus, title: "Proposal status",
                 description: "A proposal's status: pending, approved, cancelled or stale (something it depends on changed; "
                     + "propose again), with who decided, when and where.",
                 inputSchema: input(proposalStatus), annotations: readOnly("Proposal status"), outputSchema: proposalOutput),
        ]
    }

    // MARK: Arguments

    /// One argument a tool takes: its name, its schema (with a description)
    /// and whether every call must give it.
    struct Argument {
        let name: String
        let schema: MCP.Value
        var required = false

        /// The query of `check_query`, `preview_query` and `explain_query`.
        static let query = Argument(name: "query", schema: described(string, "a segment query, e.g. tag = \"VIP\" and shopify.purchases >= 3"),
                                    required: true)
        /// How many values at most.
        static let limit = Argument(name: "limit", schema: described(integer, "at most this many values (default 20, at most 200)"))

        static func text(_ name: String, _ description: String, required: Bool = false) -> Argument {
            Argument(name: name, schema: described(string, description), required: required)
        }

        static func flag(_ name: String, _ description: String) -> Argument {
            Argument(name: name, schema: described(boolean, description))
        }
    }

    /// The arguments of each tool, in the order they are documented; a call
    /// giving any other is refused (`ToolArguments.only`).
    static let arguments: [String: [Argument]] = [
        describeStore: [],
        suggestValues: [.text("field", "a field path, e.g. tag or klaviyo.list", required: true),
                        .text("prefix", "only values starting with this (case-insensitive)"), .limit],
        checkQuery: [.query],
        previewQuery: [.query],
        explainQuery: [.query],
        proposeSegment: [.text("name", "the segment's name", required: true),
                         .text("query", "the segment query", required: true),
                         .text("folder", "a folder for the segment"),
                         .flag("static", "store today's members instead of the live query"),
                         .flag("replace", "replace the saved segment of this name")],
        proposeTagChange: [Argument(name: "action", schema: .object(["type": "string", "enum": ["add", "remove", "rename", "delete"]]),
                                    required: true),
                           .text("tag", "the tag", required: true),
                           .text("query", "the friends to tag or untag (add, remove)"),
                           .text("new_name", "the new name (rename)")],
        proposalStatus: [.text("id", "the proposal's id", required: true)],
    ]

    /// The names of the arguments `tool` takes; nil for a tool that does not exist.
    static func argumentNames(of tool: String) -> Set<String>? {
        arguments[tool].map { Set($0.map(\.name)) }
    }

    /// The input schema of `tool`: an object of its arguments.
    static func input(_ tool: String) -> MCP.Value {
        let taken = arguments[tool] ?? []
        return object(Dictionary(uniqueKeysWithValues: taken.map { ($0.name, $0.schema) }),
                      required: taken.filter(\.required).map(\.name))
    }

    // MARK: Schema pieces

    static let string: MCP.Value = ["type": "string"]
    static let integer: MCP.Value = ["type": "integer"]
    static let number: MCP.Value = ["type": "number"]
    static let boolean: MCP.Value = ["type": "boolean"]
    static let anyObject: MCP.Value = ["type": "object"]

    static func array(_ items: MCP.Value) -> MCP.Value { ["type": "array", "items": items] }

    static func described(_ schema: MCP.Value, _ description: String) -> MCP.Value {
        guard case .object(var fields) = schema else { return schema }
        fields["description"] = .string(description)
        return .object(fields)
    }

    static func object(_ properties: [String: MCP.Value], required: [String] = []) -> MCP.Value {
        var schema: [String: MCP.Value] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(MCP.Value.string)) }
        return .object(schema)
    }

    /// The output of a tool that compiles a query: `ok`, the query's
    /// `diagnostics` (always there with `diagnosticsAlways`, else only on
    /// an error) and the tool's own `members`.
    static func queryOutput(_ members: [String: MCP.Value], diagnosticsAlways: Bool = false) -> MCP.Value {
        object(members.merging(["ok": boolean, "diagnostics": array(anyObject)]) { own, _ in own },
               required: diagnosticsAlways ? ["ok", "diagnostics"] : ["ok"])
    }

    static var proposalOutput: MCP.Value {
        object(["id": string, "status": .object(["type": "string", "enum": ["pending", "approved", "cancelled", "stale"]]),
                "kind": string, "target": string, "count": ["type": ["integer", "null"]], "summary": string,
                "diff": ["type": ["object", "null"]], "decision": ["type": ["object", "null"]],
                "stale_reasons": array(string), "fingerprint": string],
               required: ["id", "status", "kind", "target"])
    }

    static func readOnly(_ title: String) -> Tool.Annotations {
        Tool.Annotations(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
    }

    /// A proposing tool writes only a pending proposal: not read-only,
    /// not destructive (a person makes the change).
    static func proposing(_ title: String) -> Tool.Annotations {
        Tool.Annotations(title: title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false)
    }
}
