import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// Evaluates what a proposed change would do, in one session: the
/// audience, the diff against what exists, and the facts its fingerprint
/// covers. Used when proposing (to record what the person will see) and
/// when deciding (to show the count now and to re-check the facts).
struct ProposalAnalysis {
    let session: Session
    let store: any CatalogStore

    static let sampleSize = 10
    static let diffSampleSize = 5

    var runner: QueryRunner { session.store!.runner() }

    /// The zone relative dates resolve in, by the name the store (or `--tz`) gives it.
    /// An override naming the store's own zone (`--tz UTC` on a UTC store) is the store's zone.
    var zoneName: String {
        let stored = (try? session.store?.settings().timeZone) ?? "UTC"
        guard let override = session.timeZoneOverride,
              override.identifier != TimeZone(identifier: stored)?.identifier else { return stored }
        return override.identifier
    }

    // MARK: Queries

    /// The compiled query, or a `CatalogError` carrying its diagnostics.
    func compiled(_ text: String) throws -> (Compilation, NormalForm, String) {
        let compilation = session.compile(text)
        guard compilation.ok, let form = compilation.normalForm, let canonical = compilation.normalized else {
            throw CatalogError.query(compilation, "the query has errors; nothing was proposed")
        }
        return (compilation, form, canonical)
    }

    /// The normal form of query text segq itself wrote (canonical texts and
    /// literals combined with `and`/`or`/`not`).
    func form(_ text: String) throws -> NormalForm {
        let compilation = session.compile(text)
        guard let form = compilation.normalForm else {
            throw CatalogError.query(compilation, "cannot evaluate \(text)")
        }
        return form
    }

    func count(_ form: NormalForm) throws -> Int { try evaluating { try runner.count(form, context: session.context) } }

    func preview(_ form: NormalForm, limit: Int) throws -> Preview {
        try evaluating { try runner.preview(form, context: session.context, limit: limit) }
    }

    func totalFriends() throws -> Int { try count(.everybody) }

    static func sample(_ preview: Preview) -> [SampleFriend] {
        preview.friends.map { SampleFriend(id: $0.id, name: $0.name) }
    }

    static func groups(_ form: NormalForm) -> [[String]] {
        form.groups.map { $0.conditions.map { QueryPrinter.text(of: $0) } }
    }

    func summary(_ form: NormalForm) -> String { Summary.text(of: form, context: session.context) }

    /// Evaluation errors of saved segments (a broken reference, a cycle) as refusals.
    func evaluating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            guard let diagnostics = queryDiagnostics(of: error) else { throw error }
            let cycle = diagnostics.contains { $0.code == .segmentCycle }
            throw CatalogError(kind: .query,
                               message: cycle ? "the segment would refer to itself" : "the query cannot be evaluated",
                               diagnostics: diagnostics, source: nil)
        }
    }

    func membership(_ segment: String) -> NormalForm {
        NormalForm([Group([Condition(field: .segment, type: .stringSet, test: .equals(.string(segment)))])])
    }

    func quoted(_ s: String) -> String { QueryPrinter.stringText(s) }

    // MARK: Segments

    /// Segments whose queries refer, directly or through others, to `name`.
    func dependents(of name: String) throws -> [String] {
        let segments = try store.segments()
        var found: [String] = []
        var frontier = [name]
        while let next = frontier.popLast() {
            for segment in segments where segment.name != name && !found.contains(segment.name) {
                let refs = QueryReferences(QueryParser.parse(segment.canonicalText), field: .segment)
                let use = refs.uses(next)
                if use.exact || use.pattern {
                    found.append(segment.name)
                    frontier.append(segment.name)
                }
            }
        }
        return found.sorted()
    }

    /// Segments a canonical query refers to, transitively, with their definitions.
    func referencedSegments(of canonical: String) throws -> [(String, String)] {
        let segments = try store.segments()
        var result: [String: String] = [:]
        var frontier = [canonical]
        while let text = frontier.popLast() {
            let refs = QueryReferences(QueryParser.parse(text), field: .segment)
            for name in refs.names where result[name] == nil && !segments.contains(where: { $0.name == name }) {
                result[name] = FingerprintBasis.absent
            }
            for segment in segments where result[segment.name] == nil {
                let use = refs.uses(segment.name)
                guard use.exact || use.pattern else { continue }
                result[segment.name] = try definition(segment)
                frontier.append(segment.canonicalText)
            }
        }
        return result.sorted { $0.key < $1.key }
    }

    /// A saved segment's definition as the fingerprint records it.
    func definition(_ segment: SavedSegment) throws -> String {
        var text = segment.kind.rawValue + ":" + segment.canonicalText
        if segment.kind == .static {
            text += ":members=" + ApprovalHash.hex((try store.segmentMembers(named: segment.name) ?? []).joined(separator: "\n"))
        }
        return text
    }

    /// The version of a segment a change replaces or drops.
    func version(of name: String) throws -> String {
        guard let segment = try store.segment(named: name) else { return FingerprintBasis.absent }
        return "updated=\(segment.updatedAt):" + (try definition(segment))
    }

    static func snapshotFact(instant: Int64, members: [String]) -> String {
        "instant=\(instant):members=" + ApprovalHash.hex(members.sorted().joined(separator: "\n"))
    }

    // MARK: The fingerprint's facts

    /// The facts for `change` as the store is now. `canonical` is the
    /// query's canonical text now (nil when it has none or no longer
    /// compiles); `snapshot` the static snapshot's fact.
    func basis(for change: ProposedChange, canonical: String?, snapshot: String?) throws -> FingerprintBasis {
        var basis = FingerprintBasis()
        basis.add("kind", change.kind)
        basis.add("zone", zoneName)
        if change.query != nil { basis.add("query", canonical ?? "(does not compile)") }
        if let canonical {
            for (name, definition) in try referencedSegments(of: canonical) {
                basis.add("segment:" + name, definition)
            }
        }
        switch change {
        case .saveSegment(let name, _, let folder, let isStatic, _):
            basis.add("name", name)
            basis.add("folder", folder ?? "")
            basis.add("static", isStatic ? "true" : "false")
            basis.add("target", try version(of: name))
            if let snapshot { basis.add("snapshot", snapshot) }
        case .dropSegment(let name):
            basis.add("name", name)
            basis.add("target", try version(of: name))
            for user in try dependents(of: name) {
                basis.add("user:" + user, try store.segment(named: user).map(definition) ?? FingerprintBasis.absent)
            }
        case .addTag(let tag, _), .removeTag(let tag, _), .deleteTag(let tag):
            basis.add("name", tag)
            basis.add("tag", try store.tagExists(tag) ? "exists" : FingerprintBasis.absent)
            for (user, definition) in try tagUsers(tag) { basis.add("user:" + user, definition) }
        case .renameTag(let old, let new):
            basis.add("name", old)
            basis.add("new_name", new)
            basis.add("tag", try store.tagExists(old) ? "exists" : FingerprintBasis.absent)
            basis.add("new_tag", try store.tagExists(new) ? "exists" : FingerprintBasis.absent)
            for (user, definition) in try tagUsers(old) { basis.add("user:" + user, definition) }
        }
        return basis
    }

    /// Segments that test `tag` (exactly or by a pattern), with their definitions.
    func tagUsers(_ tag: String) throws -> [(String, String)] {
        let usage = try TagCatalog(session: session).usage(of: tag)
        return try usage.compactMap { use in
            guard let segment = try store.segment(named: use.segment) else { return nil }
            return (segment.name, try definition(segment))
        }
    }
}
