import Testing
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqMemoryStore
@testable import SegqPlanner

/// The executor's early exits and the planner's ordering, observed through
/// the atoms a test store is asked to evaluate.
@Suite struct MemoryExecutorTests {
    let nobodyAtom = Atom(.tag, .equals(.string("nobody")))
    let vipAtom = Atom(.tag, .equals(.string("VIP")))
    let tradeAtom = Atom(.tag, .equals(.string("Trade")))

    func run(_ expr: PhysicalExpr, on store: FriendListStore, analyze: Bool = false) throws -> (TestRows, Plan, PlanMeasurements) {
        let plan = Planner(statistics: store).plan(expr, engine: EngineChoice(.memory, reason: "test"))
        var executor = MemoryExecutor(store: store, analyze: analyze, isCancelled: nil)
        let rows = try executor.run(plan)
        return (rows, plan, executor.measurements)
    }

    @Test func mostSelectiveConditionRunsFirstAndAnEmptyResultStopsTheGroup() throws {
        let store = FriendListStore(Build.friends)
        let (rows, plan, measured) = try run(.or([.and([.atom(vipAtom), .atom(nobodyAtom), .atom(tradeAtom)])]),
                                             on: store, analyze: true)
        #expect(rows.isEmpty)
        // Planning asks for estimates only; execution evaluated the empty atom and stopped.
        #expect(store.evaluatedAtoms == [nobodyAtom])
        let group = plan.root.children[0]
        #expect(group.children.map(\.estimatedRows) == [0, 2, 2])
        #expect(measured.nodes[group.children[1].id] == nil)
        #expect(measured.nodes[group.children[2].id] == nil)
    }

    @Test func complementsAreSubtractedLastWithoutBuildingThem() throws {
        let store = FriendListStore(Build.friends)
        let (rows, plan, _) = try run(.and([.not(.atom(tradeAtom)), .atom(vipAtom)]), on: store)
        #expect(rows.rows(limit: nil) == [0])
        let group = plan.root.children[0]
        #expect(group.children.map(\.isComplement) == [false, true])
    }

    @Test func unionStopsOnceEveryFriendIsCovered() throws {
        let store = FriendListStore(Build.friends)
        let (rows, _, _) = try run(.or([.all, .atom(vipAtom)]), on: store)
        #expect(rows.cardinality == 4)
        #expect(store.evaluatedAtoms.isEmpty)
    }

    @Test func anAtomSharedByGroupsIsEvaluatedOnce() throws {
        let store = FriendListStore(Build.friends)
        let (rows, _, _) = try run(.or([.and([.atom(vipAtom), .atom(tradeAtom)]), .and([.atom(vipAtom), .not(.atom(tradeAtom))])]),
                                   on: store)
        #expect(rows.rows(limit: nil) == [0, 3])
        #expect(store.evaluatedAtoms.filter { $0 == vipAtom }.count == 1)
    }

    @Test func cancellationStopsTheRun() throws {
        let store = FriendListStore(Build.friends)
        let plan = Planner(statistics: store).plan(.atom(vipAtom), engine: EngineChoice(.memory, reason: "test"))
        var executor = MemoryExecutor(store: store, analyze: false, isCancelled: { true })
        #expect(throws: EvaluationError.cancelled) { try executor.run(plan) }
    }

    @Test func staticSegmentMembersAreLookedUpById() throws {
        let store = FriendListStore(Build.friends)
        let (rows, _, _) = try run(.members(name: "S", ids: ["d", "ghost", "b"]), on: store)
        #expect(rows.rows(limit: nil) == [1, 3])
    }
}
