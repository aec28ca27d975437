import Foundation
import Testing
import SegqSemantics
import SegqNormalForm
import SegqStore
import TestSupport
@testable import SegqPlanner

/// The differential test: random queries over
/// random stores, evaluated by every engine, must agree exactly. A failure
/// prints the query and a shrunk store that still shows the disagreement.
@Suite struct DifferentialTests {
    static let stores = 40
    static let queriesPerStore = 100
    static let nestedStores = 16
    /// `SEGQ_DIFF_SEED=n` explores other random stores and queries (the
    /// default, 0, is what `make test` runs).
    static let seedOffset = UInt64(ProcessInfo.processInfo.environment["SEGQ_DIFF_SEED"] ?? "") ?? 0
    /// 2026-11-23T10:00:00Z.
    static let baseNow: Int64 = 1_795_428_000_000

    static func makeEngines() -> [DifferentialEngine] {
        [.reference, .resolvedOracle, .memory, .sqlite, .sqliteLoaded]
    }

    @Test func enginesAgreeOnRandomQueriesOverRandomStores() {
        DifferentialTests.explore(DifferentialTests.makeEngines(), stores: DifferentialTests.stores)
    }

    /// The PostgreSQL store's push-down against the reference and SQLite, on
    /// the same random stores and queries (a server is needed: see
    /// `DifferentialEngine.postgres`; without one this test fails).
    @Test func postgresAgreesOnRandomQueriesOverRandomStores() {
        DifferentialTests.explore([.reference, .sqlite, .postgres, .postgresRewritten], stores: DifferentialTests.stores)
    }

    /// Random queries over `stores` random stores, each answered by every
    /// engine; the first three disagreements are recorded, shrunk.
    static func explore(_ engines: [DifferentialEngine], stores: Int) {
        var failures = 0
        for storeNumber in 0..<stores {
            let seed = 0x5E60 &+ UInt64(storeNumber) &+ DifferentialTests.seedOffset &* 1_000_003
            var rng = SplitMix(seed: seed)
            let zone = TimeZone(identifier: rng.pick(DifferentialFriends.zones)) ?? .current
            let now = DifferentialTests.baseNow + Int64.random(in: -20...20, using: &rng) * 3_600_000
            let context = EvaluationContext(now: now, timeZone: zone)
            let size = Int.random(in: 0...70, using: &rng)
            // Odd stores use TestSupport's shared vocabulary (non-NFC strings,
            // properties of mixed kinds) and its condition generator.
            let shared = storeNumber % 2 == 1
            let friends = shared ? RandomFriends.make(count: size, seed: seed, context: context)
                                 : DifferentialFriends(context: context).friends(count: size, rng: &rng)
            let extra = shared ? RandomFriends.segmentMembers(of: friends, seed: seed) : [:]
            let (segments, segmentQueries) = DifferentialTests.savedSegments(friends, extra: extra, &rng)
            let queries = DifferentialQueries(segmentNames: segments.savedSegmentNames())
            var sharedQueries = RandomQueries(seed: seed)
            for _ in 0..<DifferentialTests.queriesPerStore {
                let form = shared ? DifferentialTests.mixedForm(&sharedQueries, queries, &rng) : queries.form(&rng)
                let c = DifferentialCase(friends: friends, segments: segments, segmentQueries: segmentQueries,
                                         context: context, form: form)
                guard let message = DifferentialTests.disagreement(c, engines) else { continue }
                let small = Shrinker.shrink(c) { DifferentialTests.disagreement($0, engines) != nil }
                Issue.record(Comment(rawValue: DifferentialTests.report(small, engines, storeNumber: storeNumber, first: message)))
                failures += 1
                if failures >= 3 { return }
            }
        }
    }

    /// Nested random queries (`and`/`or`/`not`, `within`, every time form)
    /// normalised by the `Normalizer`: the reference judges the query as
    /// written, the engines run its normal form.
    @Test func enginesAgreeWithTheReferenceOnNormalisedNestedQueries() {
        var failures = 0
        let engines = DifferentialTests.makeEngines()
        let normalizer = Normalizer()
        for storeNumber in 0..<DifferentialTests.nestedStores {
            let seed = 0xA11CE &+ UInt64(storeNumber) &+ DifferentialTests.seedOffset &* 1_000_003
            var rng = SplitMix(seed: seed)
            let zone = TimeZone(identifier: rng.pick(DifferentialFriends.zones)) ?? .current
            let now = RandomVocabulary.now + Int64.random(in: -30...30, using: &rng) * 3_600_000
            let context = EvaluationContext(now: now, timeZone: zone)
            let friends = RandomFriends.make(count: Int.random(in: 0...70, using: &rng), seed: seed, context: context)
            let extra = RandomFriends.segmentMembers(of: friends, seed: seed)
            let (segments, segmentQueries) = DifferentialTests.savedSegments(friends, extra: extra, &rng)
            var queries = RandomQueries(seed: seed)
            for _ in 0..<DifferentialTests.queriesPerStore {
                let typed = queries.query(depth: 3)
                guard let form = normalizer.normalize(typed).normalForm else { continue }
                let c = DifferentialCase(friends: friends, segments: segments, segmentQueries: segmentQueries,
                                         context: context, form: form, typed: typed)
                guard let message = DifferentialTests.disagreement(c, engines) else { continue }
                let small = Shrinker.shrink(c) { DifferentialTests.disagreement($0, engines) != nil }
                var report = DifferentialTests.report(small, engines, storeNumber: storeNumber, first: message)
                report += "\nquery as written: " + QueryPrinter.text(of: typed)
                Issue.record(Comment(rawValue: report))
                failures += 1
                if failures >= 3 { return }
            }
        }
    }

    /// Groups of conditions mostly from TestSupport's `RandomQueries`.
    static func mixedForm(_ shared: inout RandomQueries, _ own: DifferentialQueries, _ rng: inout SplitMix) -> NormalForm {
        NormalForm((0..<rng.pick([1, 1, 2, 3])).map { _ in
            Group((0..<rng.pick([1, 2, 2, 3])).map { _ in rng.chance(0.8) ? shared.condition() : own.condition(&rng) })
        })
    }

    /// Saved segments of a random store: a static one (with an id no friend
    /// has), a dynamic one, a dynamic one that refers to both, and `extra`
    /// static ones.
    static func savedSegments(_ friends: [Friend], extra: [String: Set<String>],
                              _ rng: inout SplitMix) -> (SavedSegmentList, [String: NormalForm]) {
        let members = rng.subset(friends.map(\.id), p: 0.3) + ["ghost"]
        let inner = withoutSegmentScans(DifferentialQueries(segmentNames: ["Static A"]).form(&rng))
        let outer = withoutSegmentScans(NormalForm([
            Group([Condition(field: .segment, type: .stringSet, test: .equals(.string("Dynamic B")), negated: rng.chance(0.5)),
                   DifferentialQueries(segmentNames: ["Static A"]).condition(&rng)]),
            Group([Condition(field: .segment, type: .stringSet, test: .equals(.string("Static A")))]),
        ]))
        var list = [
            SegmentDefinition(name: "Static A", kind: .static(memberIDs: members)),
            SegmentDefinition(name: "Dynamic B", kind: .dynamic(query: "b")),
            SegmentDefinition(name: "Dynamic C", kind: .dynamic(query: "c")),
        ]
        for (name, ids) in extra.sorted(by: { $0.key < $1.key }) {
            list.append(SegmentDefinition(name: name, kind: .static(memberIDs: ids.sorted())))
        }
        return (SavedSegmentList(list), ["b": inner, "c": outer])
    }

    /// A saved segment's own query may name other segments, but a test on
    /// all of them (`segment is empty`, `segment contains …`) would include
    /// itself, a cycle every engine rightly refuses: such tests become
    /// `segment = "Static A"`.
    static func withoutSegmentScans(_ form: NormalForm) -> NormalForm {
        NormalForm(form.groups.map { g in
            Group(g.conditions.map { c in
                guard c.field == .segment else { return c }
                switch c.test {
                case .equals, .oneOf: return c
                default:
                    return Condition(field: .segment, type: .stringSet, test: .equals(.string("Static A")), negated: c.negated)
                }
            })
        })
    }

    /// A description of how the engines disagree on `c`, or nil.
    static func disagreement(_ c: DifferentialCase, _ engines: [DifferentialEngine]) -> String? {
        let answers = engines.map { ($0.name, $0.answer(c)) }
        guard let (firstName, first) = answers.first else { return nil }
        guard answers.contains(where: { $0.1 != first }) else { return nil }
        // Every engine's answer, the dissenters marked, to locate the fault.
        return "\(firstName): \(first)\n" + answers.dropFirst().map { name, answer in
            (answer == first ? "  agrees  " : "  DIFFERS ") + "\(name): \(answer)"
        }.joined(separator: "\n")
    }

    static func report(_ c: DifferentialCase, _ engines: [DifferentialEngine], storeNumber: Int, first: String) -> String {
        var out = "engines disagree (store seed \(storeNumber), zone \(c.context.timeZone.identifier), now \(FailureReport.utc.instant(c.context.now)))\n"
        out += "query: \(FailureReport.query(c.form))\n"
        out += disagreement(c, engines) ?? first
        out += "\nminimal store (\(c.friends.count) friends, JSON Lines):\n"
        out += c.friends.map(FailureReport.json).joined(separator: "\n")
        for segment in c.segments.segments {
            switch segment.kind {
            case .static(let ids): out += "\nsegment \(segment.name): static \(ids)"
            case .dynamic(let q): out += "\nsegment \(segment.name): " + (c.segmentQueries[q].map(FailureReport.query) ?? q)
            }
        }
        return out
    }
}
