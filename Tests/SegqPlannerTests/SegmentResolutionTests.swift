import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
@testable import SegqPlanner

/// Grammar/README.md "Segments" through the runner: static lists, dynamic queries at the
/// same `now`, cycles and unknown names as diagnostics.
@Suite struct SegmentResolutionTests {
    static let vip = Build.form([Build.c(.tag, .equals(.string("VIP")))])

    func runner(_ segments: [SegmentDefinition], queries: [String: NormalForm]) -> QueryRunner {
        QueryRunner(memory: InMemoryStore(friends: Build.friends), segments: SavedSegmentList(segments)) { text, _ in
            guard let form = queries[text] else { throw SegmentQueryError([]) }
            return form
        }
    }

    func segment(_ name: String, not negated: Bool = false) -> NormalForm {
        Build.form([Condition(field: .segment, type: .stringSet, test: .equals(.string(name)), negated: negated,
                              span: Span(offset: 0, length: 20))])
    }

    @Test func staticAndDynamicSegmentsSelectTheirMembers() throws {
        let r = runner([SegmentDefinition(name: "Static", kind: .static(memberIDs: ["b", "ghost"])),
                        SegmentDefinition(name: "VIPs", kind: .dynamic(query: "vip"))], queries: ["vip": Self.vip])
        #expect(try r.friendIDs(segment("Static"), context: Build.context) == ["b"])
        #expect(try r.friendIDs(segment("VIPs"), context: Build.context) == ["a", "d"])
        #expect(try r.friendIDs(segment("VIPs", not: true), context: Build.context) == ["b", "c"])
    }

    @Test func aReferenceCycleIsAnErrorNamingTheChain() throws {
        let r = runner([SegmentDefinition(name: "A", kind: .dynamic(query: "a")),
                        SegmentDefinition(name: "B", kind: .dynamic(query: "b"))],
                       queries: ["a": segment("B"), "b": segment("A")])
        do {
            _ = try r.count(segment("A"), context: Build.context)
            Issue.record("expected a cycle error")
        } catch let error as EvaluationError {
            #expect(error.diagnostic?.code == .segmentCycle)
            #expect(error.diagnostic?.message == "segment reference cycle: A → B → A")
            #expect(error.diagnostic?.span == Span(offset: 0, length: 20))
        }
    }

    @Test func anUnknownSegmentSuggestsTheNearestName() throws {
        let r = runner([SegmentDefinition(name: "Repeat customers", kind: .static(memberIDs: []))], queries: [:])
        do {
            _ = try r.count(segment("Repeat customer"), context: Build.context)
            Issue.record("expected an unknown-segment error")
        } catch let error as EvaluationError {
            #expect(error.diagnostic?.code == .unknownSegment)
            #expect(error.diagnostic?.suggestion?.message == "did you mean `Repeat customers`?")
        }
    }

    @Test func aSegmentTestingAllSegmentsRefersToItself() throws {
        let anySegment = Build.form([Condition(field: .segment, type: .stringSet, test: .isEmpty)])
        let r = runner([SegmentDefinition(name: "Loners", kind: .dynamic(query: "loners"))], queries: ["loners": anySegment])
        #expect(throws: EvaluationError.self) { try r.count(segment("Loners"), context: Build.context) }
        do {
            _ = try r.count(segment("Loners"), context: Build.context)
        } catch let error as EvaluationError {
            #expect(error.diagnostic?.message == "segment reference cycle: Loners → Loners")
        }
    }

    @Test func segmentIsEmptyMeansInNoSavedSegment() throws {
        let r = runner([SegmentDefinition(name: "S", kind: .static(memberIDs: ["a", "c"]))], queries: [:])
        let form = Build.form([Condition(field: .segment, type: .stringSet, test: .isEmpty)])
        #expect(try r.friendIDs(form, context: Build.context) == ["b", "d"])
    }
}
