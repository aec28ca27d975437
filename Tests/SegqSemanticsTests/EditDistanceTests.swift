import Testing
@testable import SegqSemantics

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("abc", "abc", 0),
        ("kitten", "sitting", 3), ("shopfy", "shopify", 1), ("tga", "tag", 1),
        ("ab", "ba", 1), ("ca", "abc", 3), ("Stage", "stage", 1), ("日本", "日本語", 1),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.distance(a, b) == expected)
        #expect(EditDistance.distance(b, a) == expected)
    }

    @Test func thresholdGrowsWithLengthUpToThree() {
        #expect(EditDistance.threshold(for: "ab") == 1)
        #expect(EditDistance.threshold(for: "abcdef") == 2)
        #expect(EditDistance.threshold(for: "shopify.purchases") == 3)
    }

    @Test func nearestPrefersCaseOnlyDifferences() {
        #expect(EditDistance.nearest(to: "Tag", in: ["id", "tag", "name"]) == "tag")
        #expect(EditDistance.nearest(to: "vip", in: ["VIP", "Repeat customers"]) == "VIP")
    }

    @Test func nearestPicksSmallestDistanceThenEarliest() {
        #expect(EditDistance.nearest(to: "shopfy.purchases",
                                     in: ["shopify.id", "shopify.purchases", "shopify.tag"]) == "shopify.purchases")
        #expect(EditDistance.nearest(to: "ab", in: ["ac", "ad"]) == "ac")
        #expect(EditDistance.nearest(to: "stge", in: ["score", "stage"]) == "stage")
    }

    @Test func nearestRefusesFarCandidatesAndTheWordItself() {
        #expect(EditDistance.nearest(to: "zzz", in: ["id", "tag"]) == nil)
        #expect(EditDistance.nearest(to: "tag", in: ["tag"]) == nil)
        #expect(EditDistance.nearest(to: "abc", in: ["xyz"], maxDistance: 3) == "xyz")
    }
}
