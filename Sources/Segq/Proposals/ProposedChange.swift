import SegqBasics
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner
/// A change to the store that only a person's approval carries out: what
/// an agent (or anyone) proposes. Saving a segment covers a new one, a
/// replacement (`replace`) and a static snapshot (`isStatic`).
public enum ProposedChange: Hashable, Sendable {
    case saveSegment(name: String, query: String, folder: String?, isStatic: Bool, replace: Bool)
    case dropSegment(name: String)
    case addTag(tag: String, query: String)
    case removeTag(tag: String, query: String)
    case renameTag(from: String, to: String)
    case deleteTag(tag: String)

    /// The stored kind: `segment.save`, `segment.drop`, `tag.add`, `tag.remove`, `tag.rename`, `tag.delete`.
    public var kind: String {
        switch self {
        case .saveSegment: return "segment.save"
        case .dropSegment: return "segment.drop"
        case .addTag: return "tag.add"
        case .removeTag: return "tag.remove"
        case .renameTag: return "tag.rename"
        case .deleteTag: return "tag.delete"
        }
    }

    /// The segment or tag the change is about.
    public var target: String {
        switch self {
        case .saveSegment(let name, _, _, _, _), .dropSegment(let name): return name
        case .addTag(let tag, _), .removeTag(let tag, _), .deleteTag(let tag): return tag
        case .renameTag(let old, _): return old
        }
    }

    /// The query whose friends the change is about, when it has one.
    public var query: String? {
        switch self {
        case .saveSegment(_, let query, _, _, _), .addTag(_, let query), .removeTag(_, let query): return query
        case .dropSegment, .renameTag, .deleteTag: return nil
        }
    }

    /// One line for people: `save segment "Lapsed buyers" (static, replacing)`.
    public var headline: String {
        let q = QueryPrinter.stringText
        switch self {
        case .saveSegment(let name, _, let folder, let isStatic, let replace):
            var notes = [isStatic ? "static snapshot" : "dynamic"]
            if replace { notes.append("replacing the saved one") }
            if let folder { notes.append("folder \(q(folder))") }
            return "save segment \(q(name)) (\(notes.joined(separator: ", ")))"
        case .dropSegment(let name): return "drop segment \(q(name))"
        case .addTag(let tag, _): return "add tag \(q(tag)) to the friends the query selects"
        case .removeTag(let tag, _): return "remove tag \(q(tag)) from the friends the query selects"
        case .renameTag(let old, let new): return "rename tag \(q(old)) to \(q(new))"
        case .deleteTag(let tag): return "delete tag \(q(tag)) from every friend"
        }
    }
}

/// Where a decision was taken.
public enum DecisionSurface: String, Codable, Sendable {
    /// `segq proposal approve|cancel` at a terminal.
    case terminal
    /// `.approve` / `.cancel` in the REPL.
    case repl
    /// An MCP client's user, through elicitation.
    case mcp

    /// `at a terminal`, `in the REPL`, `in an MCP client`.
    public var phrase: String {
        switch self {
        case .terminal: return "at a terminal"
        case .repl: return "in the REPL"
        case .mcp: return "in an MCP client"
        }
    }
}

/// What happened to a proposal.
public enum ProposalStatus: String, Codable, Sendable {
    case pending, approved, cancelled
    /// Pending, but something that decides its audience changed since it
    /// was proposed: it cannot be approved and must be proposed again.
    case stale
}
