import Testing
import SegqBasics

@Suite struct NearestNameTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("abc", "abc", 0),
        ("kitten", "sitting", 3), ("shopfy", "shopify", 1), ("tga", "tag", 1),
        ("ab", "ba", 1), ("ca", "abc", 3), ("Stage", "stage", 1), ("日本", "日本語", 1),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(NearestName.distance(a, b) == expected)
        #expect(NearestName.distance(b, a) == expected)
    }

    @Test func thresholdGrowsWithLengthUpToThree() {
        #expect(NearestName.threshold(for: "ab") == 1)
        #expect(NearestName.threshold(for: "abcdef") == 2)
        #expect(NearestName.threshold(for: "shopify.purchases") == 3)
    }

    @Test func nearestPrefersCaseOnlyDifferences() {
        #expect(NearestName.nearest(to: "Tag", in: ["id", "tag", "name"]) == "tag")
        #expect(NearestName.nearest(to: "vip", in: ["VIP", "Repeat customers"]) == "VIP")
    }

    @Test func nearestPicksSmallestDistanceThenEarliest() {
        #expect(NearestName.nearest(to: "shopfy.purchases",
                                     in: ["shopify.id", "shopify.purchases", "shopify.tag"]) == "shopify.purchases")
        #expect(NearestName.nearest(to: "ab", in: ["ac", "ad"]) == "ac")
        #expect(NearestName.nearest(to: "stge", in: ["score", "stage"]) == "stage")
    }

    @Test func nearestRefusesFarCandidatesAndTheWordItself() {
        #expect(NearestName.nearest(to: "zzz", in: ["id", "tag"]) == nil)
        #expect(NearestName.nearest(to: "tag", in: ["tag"]) == nil)
        #expect(NearestName.nearest(to: "abc", in: ["xyz"], maxDistance: 3) == "xyz")
    }
}
