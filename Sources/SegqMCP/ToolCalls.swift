import Foundation
import MCP
import Segq

/// What a tool call returns: structured content, the same for people, and
/// whether it is an error the model should correct (`isError`).
struct ToolOutcome {
    var structured: JSONValue
    var text: String
    var isError = false
    /// A proposal recorded by this call, for the person to decide on.
    var proposed: ProposalRecord?

    var result: CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)],
                        structuredContent: Optional<MCP.Value>.some(structured.mcpValue), isError: isError ? true : nil)
    }

    static func failure(_ message: String, diagnostics: JSONValue? = nil) -> ToolOutcome {
        var members: [(String, JSONValue)] = [("ok", .bool(false)), ("error", .string(message))]
        if let diagnostics { members.append(("diagnostics", diagnostics)) }
        return ToolOutcome(structured: .object(members), text: "error: " + message, isError: true)
    }
}

/// The tools over one session of the `Segq` facade. Calls are serialised
/// (the store is used from one thread at a time); none of them changes a
/// segment or a tag — the proposing ones record a pending proposal.
final class ToolCalls: @unchecked Sendable {
    private let session: Session
    private let lock = NSLock()
    /// Who proposes: the MCP client's name, once it introduced itself.
    var proposer = "MCP agent"

    init(session: Session) {
        self.session = session
    }

    /// Runs `body` alone on the session, turning refusals into tool errors.
    func serialized(_ body: (Session) throws -> ToolOutcome) -> ToolOutcome {
        lock.lock()
        defer { lock.unlock() }
        do {
            // Another process (a person approving at a terminal, an import)
            // may have changed the store: read it again only when it did.
            if let reload = try session.reloadIfChangedOnDisk() {
                FileHandle.standardError.write(Data("segq mcp: store changed \(reload.origin): reloaded, \(reload.friends) friends\n".utf8))
            }
            return try body(session)
        } catch let problem as ToolArguments.Problem {
            return .failure(problem.message)
        } catch let error as CatalogError {
            let diagnostics = error.source.map { DiagnosticJSON.json(error.diagnostics, in: $0) }
            return .failure(error.message, diagnostics: diagnostics)
        } catch {
            return .failure("\(error)")
        }
    }

    func call(_ name: String, _ arguments: [String: MCP.Value]) -> ToolOutcome {
        guard let taken = ToolCatalog.argumentNames(of: name) else { return .failure("unknown tool `\(name)`") }
        let args = ToolArguments(values: arguments)
        do { try args.only(taken) } catch { return .failure((error as? ToolArguments.Problem)?.message ?? "\(error)") }
        switch name {
        case ToolCatalog.describeStore:
            return serialized { session in
                guard let description = try session.describeStore() else { return .failure("no store is open") }
                return ToolOutcome(structured: description.json, text: description.text)
            }
        case ToolCatalog.suggestValues:
            return serialized { session in
                let suggestions = try ValueSuggestions.make(session: session, field: try args.string("field"),
                                                            prefix: try args.optionalString("prefix") ?? "",
                                                            limit: try args.optionalInt("limit") ?? ValueSuggestions.defaultLimit)
                return ToolOutcome(structured: suggestions.json, text: suggestions.text)
            }
        case ToolCatalog.checkQuery:
            return serialized { session in QueryTools.check(session, try args.string("query")) }
        case ToolCatalog.previewQuery:
            return serialized { session in try QueryTools.preview(session, try args.string("query")) }
        case ToolCatalog.explainQuery:
            return serialized { session in try QueryTools.explain(session, try args.string("query")) }
        case ToolCatalog.proposeSegment:
            return serialized { session in
                let change = ProposedChange.saveSegment(name: try args.string("name"), query: try args.string("query"),
                                                        folder: try args.optionalString("folder"),
                                                        isStatic: try args.bool("static"), replace: try args.bool("replace"))
                return try propose(change, session)
            }
        case ToolCatalog.proposeTagChange:
            return serialized { session in
                let tag = try args.string("tag")
                let query = try args.optionalString("query")
                let newName = try args.optionalString("new_name")
                let action = try args.string("action")
                func need(_ value: String?, _ what: String) throws -> String {
                    guard let value else { throw ToolArguments.Problem(message: "action `\(action)` needs `\(what)`") }
                    return value
                }
                func refuse(_ value: String?, _ what: String) throws {
                    if value != nil { throw ToolArguments.Problem(message: "action `\(action)` does not take `\(what)`") }
                }
                let change: ProposedChange
                switch action {
                case "add": try refuse(newName, "new_name"); change = .addTag(tag: tag, query: try need(query, "query"))
                case "remove": try refuse(newName, "new_name"); change = .removeTag(tag: tag, query: try need(query, "query"))
                case "rename": try refuse(query, "query"); change = .renameTag(from: tag, to: try need(newName, "new_name"))
                case "delete": try refuse(query, "query"); try refuse(newName, "new_name"); change = .deleteTag(tag: tag)
                default: throw ToolArguments.Problem(message: "`action` must be add, remove, rename or delete")
                }
                return try propose(change, session)
            }
        case ToolCatalog.proposalStatus:
            return serialized { session in
                let review = try ProposalBook(session: session).review(id: try args.string("id"))
                return ToolOutcome(structured: ProposalRendering.json(review), text: ProposalRendering.text(review))
            }
        default:
            return .failure("unknown tool `\(name)`")
        }
    }

    private func propose(_ change: ProposedChange, _ session: Session) throws -> ToolOutcome {
        let record = try ProposalBook(session: session).propose(change, by: proposer)
        let review = ProposalBook.Review(justProposed: record)
        return ToolOutcome(structured: ProposalRendering.json(review), text: ProposalRendering.text(review), proposed: record)
    }

    // MARK: Decisions a person took in the client

    /// Records the client's user's answer on proposal `id`; returns the outcome to report.
    func decide(id: String, approve: Bool, by person: String, note: String?) -> ToolOutcome {
        serialized { session in
            let book = try ProposalBook(session: session)
            if approve {
                try book.approve(id: id, by: person, surface: .mcp)
            } else {
                try book.cancel(id: id, by: person, surface: .mcp, note: note)
            }
            let review = try book.review(id: id)
            return ToolOutcome(structured: ProposalRendering.json(review), text: ProposalRendering.text(review))
        }
    }

    /// The proposal as it stands (after a question went unanswered).
    func status(id: String) -> ToolOutcome {
        serialized { session in
            let review = try ProposalBook(session: session).review(id: id)
            return ToolOutcome(structured: ProposalRendering.json(review), text: ProposalRendering.text(review))
        }
    }
}
