import Foundation
import SegqSemantics
import SegqStore
import TestSupport

/// Random friend stores for the differential test: missing values
/// everywhere, unicode and differently-cased tags, and times placed on and
/// around local midnights (in a non-UTC zone, across a DST change) and
/// around `now`, where day and hour arithmetic goes wrong first.
struct DifferentialFriends {
    /// Zones with DST, a half-hour offset and a quarter-hour offset.
    static let zones = ["America/New_York", "Asia/Kolkata", "Asia/Tokyo", "Australia/Lord_Howe", "Asia/Kathmandu"]
    static let tags = ["VIP", "vip", "Trade Show 2026", "東京", "お得意様", "Ünïcødé", "straße", "STRASSE",
                       "İstanbul", "plan:gold", "plan:silver", "a b", "😀 fan", "Plan:gold", "plan:", "plan;x"] + RandomVocabulary.controlTags
    static let shopifyTags = ["wholesale", "Wholesale", "loyalty-gold", "返品", "retail"]
    static let lists = ["Newsletter", "VIP list", "vip LIST", "Événements", "ニュース"]
    static let names = ["Aiko Tanaka", "aiko", "Åsa Öberg", "José", "田中 太郎", "Zoë", "O'Brien", "Ströme"]
    static let stages = ["Customer", "customer", "Lead", "Opportunity", "顧客"]
    static let cities = ["Osaka", "osaka", "Paris", "São Paulo", "東京"]
    static let numbers: [Double] = [0, 1, 2.5, 3, -1, 10, 1e6]

    let context: EvaluationContext
    private let time: TimeResolver

    init(context: EvaluationContext) {
        self.context = context
        self.time = TimeResolver(context)
    }

    /// An instant near a local midnight of the last ~15 months, or near `now`.
    func instant(_ rng: inout SplitMix) -> Int64 {
        if rng.chance(0.3) {
            let hours = Int64.random(in: -80...3, using: &rng)
            let jitter = rng.pick([0, 1, -1, 59_999, 1_800_000] as [Int64])
            return context.now + hours * 3_600_000 + jitter
        }
        let day = time.today + rng.pick([0, -1, -2, -6, -7, -8, -13, -14, -20, -27, -28, -29, -30, -31, -45,
                                         -60, -89, -90, -91, -180, -365, -366, -400, 1])
        let start = time.startOfDay(day)
        let jitter = rng.pick([0, 1, -1, 3_600_000, -3_600_000, 43_200_000, 86_399_999] as [Int64])
        return start + jitter
    }

    func friends(count: Int, rng: inout SplitMix) -> [Friend] {
        (0..<count).map { friend(number: $0, rng: &rng) }
    }

    func friend(number: Int, rng: inout SplitMix) -> Friend {
        var f = Friend(id: "U\(number)-" + rng.pick(["a", "B", "ü", "x"]), addedAt: instant(&rng))
        if rng.chance(0.7) { f.name = rng.pick(DifferentialFriends.names) }
        f.tags = rng.subset(DifferentialFriends.tags, p: 0.2)
        if rng.chance(0.65) {
            var s = ShopifyData(purchases: Int64.random(in: 0...6, using: &rng))
            if rng.chance(0.8) { s.id = "S\(Int.random(in: 1...40, using: &rng))" }
            s.tags = rng.subset(DifferentialFriends.shopifyTags, p: 0.3)
            if rng.chance(0.6) { s.lastPurchaseAt = instant(&rng) }
            if rng.chance(0.4) { s.abandonedCartAt = instant(&rng) }
            f.shopify = s
        }
        if rng.chance(0.55) {
            var h = CRMData(lists: rng.subset(DifferentialFriends.lists, p: 0.3))
            if rng.chance(0.8) { h.id = "H\(Int.random(in: 1...40, using: &rng))" }
            if rng.chance(0.7) { h.properties["stage"] = .string(rng.pick(DifferentialFriends.stages)) }
            if rng.chance(0.6) { h.properties["score"] = .number(rng.pick(DifferentialFriends.numbers)) }
            if rng.chance(0.5) { h.properties["vip"] = .bool(rng.chance(0.5)) }
            f.hubspot = h
        }
        if rng.chance(0.5) {
            var k = CRMData(lists: rng.subset(DifferentialFriends.lists, p: 0.3))
            if rng.chance(0.8) { k.id = "K\(Int.random(in: 1...40, using: &rng))" }
            if rng.chance(0.6) { k.properties["city"] = .string(rng.pick(DifferentialFriends.cities)) }
            if rng.chance(0.6) { k.properties["orders"] = .number(Double(Int.random(in: 0...5, using: &rng))) }
            f.klaviyo = k
        }
        return f
    }
}
