import Foundation
import SegqBasics
import SegqSyntax

/// Which store or schema a command worked with, said once at the top of its
/// text output (`store: samples/friends.jsonl (2,000 friends, zone
/// Asia/Tokyo)`, `schema: built-in (no store)`) and as the `store` or
/// `schema` member of its JSON (docs/json-output.md).
public struct StoreIdentity: Equatable, Sendable {
    /// Where the store is, as shown (a path, or a PostgreSQL account); nil
    /// when no store is open and the built-in schema applies.
    public var path: String?
    public var kind: StoreDescription.Kind?
    public var friendCount: Int?
    public var timeZone: String

    /// `store: PATH (N friends, zone Z)` or `schema: built-in (no store)`.
    public var line: String {
        guard let path else { return "schema: built-in (no store)" }
        var details: [String] = []
        if let friendCount { details.append(CountedNoun.grouped(friendCount, "friend")) }
        details.append("zone \(timeZone)")
        return "store: \(path) (\(details.joined(separator: ", ")))"
    }

    /// `("store", {path, kind, friends, zone})` or `("schema", "built-in")`.
    public var jsonMember: (String, JSONValue) {
        guard let path, let kind else { return ("schema", .string("built-in")) }
        return ("store", .object([
            ("path", .string(path)),
            ("kind", .string(kind.jsonName)),
            ("friends", friendCount.map { .int(Int64($0)) } ?? .null),
            ("zone", .string(timeZone)),
        ]))
    }

    /// `json` (an object) with this identity as its first member.
    public func adding(to json: JSONValue) -> JSONValue {
        guard case .object(let members) = json else { return json }
        return .object([jsonMember] + members)
    }
}

extension StoreDescription.Kind {
    /// `memory`, `sqlite`, `postgres`: the spelling of the kind in JSON.
    public var jsonName: String {
        switch self {
        case .friendFiles: return "memory"
        case .sqlite: return "sqlite"
        case .postgres: return "postgres"
        }
    }
}

extension Session {
    /// The open store (path relative to the working folder when inside it),
    /// or the built-in schema when none is open.
    public var storeIdentity: StoreIdentity {
        guard let store else { return StoreIdentity(path: nil, kind: nil, friendCount: nil, timeZone: timeZoneName) }
        let path: String
        let kind: StoreDescription.Kind
        switch store {
        case .memory(_, let p): path = Self.shownPath(p); kind = .friendFiles
        case .sqlite(let s): path = Self.shownPath(s.path); kind = .sqlite
        case .postgres(let s): path = s.location.description; kind = .postgres
        }
        let count = QueryEvaluator(session: self).flatMap { try? $0.friendCount() }
        return StoreIdentity(path: path, kind: kind, friendCount: count, timeZone: timeZoneName)
    }

    /// `path` relative to the working folder when it lies inside it.
    static func shownPath(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
    }
}
