import SegqBasics
import SegqSemantics
import SegqNormalForm
import SegqPlanner
import SegqSyntax
import SegqStore

/// Everything that decides what a proposal does, as named facts: the kind
/// and target, folder, static or dynamic, the canonical query, the time
/// zone relative dates resolve in, a static snapshot's instant and members
/// digest, the canonical definition of every segment the query refers to
/// (transitively), and the state of the target (the version a replace
/// replaces, the segments a tag change rewrites). The fingerprint is the
/// SHA-256 of the facts; approving recomputes them and refuses when one
/// differs, naming it.
public struct FingerprintBasis: Codable, Hashable, Sendable {
    public struct Fact: Codable, Hashable, Sendable {
        public var key: String
        public var value: String
    }

    public private(set) var facts: [Fact] = []

    mutating func add(_ key: String, _ value: String) {
        facts.append(Fact(key: key, value: value))
    }

    /// The fingerprint: SHA-256 (hex) of the facts, one `key=value` line each, sorted by key.
    public var digest: String {
        ApprovalHash.hex(facts.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "\n"))
    }

    func value(_ key: String) -> String? { facts.first { $0.key == key }?.value }

    /// What changed from `self` (when proposed) to `now`, for people; empty
    /// when nothing that decides the change did.
    public func changes(to now: FingerprintBasis) -> [String] {
        let keys = Set(facts.map(\.key)).union(now.facts.map(\.key)).sorted()
        return keys.compactMap { key in
            let before = value(key), after = now.value(key)
            guard before != after else { return nil }
            return Self.describe(key: key, before: before, after: after)
        }
    }

    private static func describe(key: String, before: String?, after: String?) -> String {
        let q = QueryPrinter.stringText
        if key.hasPrefix("segment:") {
            let name = q(String(key.dropFirst("segment:".count)))
            if before == nil { return "the query now also depends on segment \(name)" }
            if after == nil || after == absent { return "referenced segment \(name) was dropped" }
            return "referenced segment \(name) was redefined"
        }
        if key.hasPrefix("user:") {
            let name = q(String(key.dropFirst("user:".count)))
            if before == nil { return "segment \(name) now uses the tag" }
            if after == nil { return "segment \(name) no longer uses the tag" }
            return "segment \(name), which uses the tag, was redefined"
        }
        switch key {
        case "zone": return "the time zone changed from \(before ?? "?") to \(after ?? "?")"
        case "query": return "the query no longer means the same: it now reads \(after ?? "(nothing)")"
        case "target":
            if before == absent { return "the target changed: a segment of that name was saved since" }
            if after == absent { return "the target changed: the segment was dropped since" }
            return "the target changed: the segment was redefined since"
        case "tag": return after == absent ? "the tag no longer exists" : "the tag now exists"
        case "new_tag": return after == absent ? "the tag the rename would merge into is gone" : "a tag with the new name now exists"
        case "snapshot": return "the static snapshot's members no longer match what was proposed"
        default: return "\(key) changed"
        }
    }

    /// The value of a fact about something that does not exist.
    static let absent = "(absent)"
}
