import Testing
import SegqBasics
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqMemoryStore

/// Streamed counts and first rows agree with the materialised bitmaps, for
/// blocks small enough that every expression crosses many block boundaries.
@Suite struct BlockStreamTests {
    let store = InMemoryStore(friends: GeneratedStoreEvaluationTests.friends)
    let evaluation = GeneratedStoreEvaluationTests()

    @Test(arguments: [1, 3, BlockStream.defaultBlockWords])
    func streamedCountsAndFirstRowsMatchBitmaps(blockWords: Int) {
        var r = SplitMix64(seed: 1207)
        for _ in 0 ..< 200 {
            let expr = evaluation.randomExpr(&r, depth: 3)
            let expected = store.evaluate(expr)
            for firstRows in [false, true] {
                let stream = store.blockStream(expr, forFirstRows: firstRows, blockWords: blockWords)
                #expect(stream.count() == expected.cardinality, "\(expr)")
                for limit in [1, 10, 5000] {
                    #expect(stream.firstRows(limit: limit) == expected.rows(limit: limit), "\(expr) limit \(limit)")
                    let preview = stream.preview(limit: limit)
                    #expect(preview.count == expected.cardinality && preview.rows == expected.rows(limit: limit),
                            "\(expr) preview \(limit)")
                }
            }
        }
    }

    @Test func singleAtomsAndNegationsCountWithoutBitmaps() {
        for atom in GeneratedStoreEvaluationTests.atoms {
            let rows = store.evaluate(atom)
            #expect(store.streamedCount(.atom(atom)) == rows.cardinality, "\(atom)")
            #expect(store.streamedCount(.not(.atom(atom))) == store.count - rows.cardinality, "\(atom)")
            #expect(store.streamedFirstRows(.not(.atom(atom)), limit: 10) == rows.complement().rows(limit: 10))
        }
    }

    @Test func theStreamReadsRowsBeyondTheFirstBlock() {
        // Guards the first test: at one word a block, results span many blocks.
        let last = store.evaluate(.atom(Atom(.tag, .equals(.string("VIP"))))).rows().last ?? 0
        #expect(last >= 64 * 10)
    }
}

/// Factoring shared conditions out of a union of groups keeps its rows.
@Suite struct BlockStreamFactoringTests {
    let store = InMemoryStore(friends: GeneratedStoreEvaluationTests.friends)
    let atoms = GeneratedStoreEvaluationTests.atoms

    @Test func sharedConditionsAreReadOnceAndTheRowsStayTheSame() {
        let a = PhysicalExpr.atom(atoms[0]), b = PhysicalExpr.atom(atoms[3]), x = PhysicalExpr.atom(atoms[20])
        let y = PhysicalExpr.not(.atom(atoms[2]))
        let groups: [PhysicalExpr] = [.and([a, x, y]), .and([x, b, y]), .and([y, x])]
        let factored = BlockStreamBuilder.factorOutCommonConditions(groups)
        #expect(factored == .and([x, y]))
        let two: [PhysicalExpr] = [.and([a, x, y]), .and([x, b, y])]
        #expect(BlockStreamBuilder.factorOutCommonConditions(two) == .and([.or([a, b]), x, y]))
        #expect(BlockStreamBuilder.factorOutCommonConditions([a, b]) == nil)
        for expr in [PhysicalExpr.or(groups), .or(two)] {
            #expect(store.streamedCount(expr) == store.evaluate(expr).cardinality)
            #expect(store.streamedFirstRows(expr, limit: 10) == store.evaluate(expr).rows(limit: 10))
        }
    }

    @Test func aDistributedProductIsFactoredBack() {
        let t = PhysicalExpr.atom(atoms[0]), h = PhysicalExpr.atom(atoms[20]), k = PhysicalExpr.atom(atoms[3])
        let l = PhysicalExpr.atom(atoms[11])
        // (t ∨ l) ∧ (h ∨ k), as the normal form distributes it.
        let groups: [PhysicalExpr] = [.and([t, h]), .and([k, t]), .and([l, h]), .and([k, l])]
        #expect(BlockStreamBuilder.factorOutCommonConditions(groups) == .and([.or([t, l]), .or([h, k])]))
    }

    @Test func randomUnionsOfGroupsKeepTheirRowsWhenFactored() {
        var r = SplitMix64(seed: 77)
        let pool = (0 ..< 6).map { i -> PhysicalExpr in
            let a = PhysicalExpr.atom(atoms[i * 5 % atoms.count])
            return i % 3 == 2 ? .not(a) : a
        }
        for _ in 0 ..< 300 {
            let groups = (0 ..< 1 + r.below(5)).map { _ in
                PhysicalExpr.and((0 ..< 1 + r.below(4)).map { _ in r.pick(pool) })
            }
            let expr = PhysicalExpr.or(groups)
            #expect(store.streamedCount(expr) == store.evaluate(expr).cardinality)
            #expect(store.streamedFirstRows(expr, limit: 10) == store.evaluate(expr).rows(limit: 10))
        }
    }
}
