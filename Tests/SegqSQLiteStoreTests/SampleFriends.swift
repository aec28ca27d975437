import SegqBasics
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqSQLiteStore

/// Friends with missing values everywhere, mixed-case and non-ASCII
/// strings (decomposed and precomposed forms of the same text), properties
/// whose kind differs between friends.
enum SampleFriends {
    static let tagPool = ["VIP", "vip", "Wholesale", "Complaint-Pending", "東京", "Straße", "STRASSE",
                          "Caf\u{E9}", "Cafe\u{301}", "loyalty-gold", "Trade Show 2026", "ΣΊΣΥΦΟΣ", ""]
    static let listPool = ["VIP list", "Newsletter", "newsletter", "Ünïcödé"]
    static let stages = ["Customer", "customer", "Lead", "Ça va"]
    static let day: Int64 = 86_400_000
    static let base: Int64 = 1_780_000_000_000

    static func make(count: Int, seed: UInt64 = 42) -> [Friend] {
        var r = SplitMix64(seed: seed)
        var friends: [Friend] = []
        for i in 0..<count {
            var f = Friend(id: i % 7 == 0 ? "F\(i)" : "f\(i)", addedAt: base - Int64.random(in: 0...400, using: &r) * day / 2)
            if r.chance(0.8) { f.name = r.pick(["Aiko Tanaka", "ÉCOLE", "Ecole", "Cafe\u{301} Owner", "Bob", "bobby", "Straße"]) }
            f.tags = (0..<Int.random(in: 0...3, using: &r)).map { _ in r.pick(tagPool) }
            if r.chance(0.6) {
                var s = ShopifyData(id: r.chance(0.8) ? "S\(i)" : nil,
                                    tags: (0..<Int.random(in: 0...2, using: &r)).map { _ in r.pick(["wholesale", "loyalty-gold", "Loyalty-Gold"]) },
                                    purchases: Int64.random(in: 0...8, using: &r))
                if r.chance(0.7) { s.lastPurchaseAt = base - Int64.random(in: 0...200, using: &r) * day }
                if r.chance(0.4) { s.abandonedCartAt = base - Int64.random(in: 0...96, using: &r) * 3_600_000 }
                f.shopify = s
            }
            if r.chance(0.5) {
                var h = CRMData(id: r.chance(0.9) ? "H\(i)" : nil,
                                lists: (0..<Int.random(in: 0...2, using: &r)).map { _ in r.pick(listPool) })
                if r.chance(0.8) { h.properties["stage"] = .string(r.pick(stages)) }
                if r.chance(0.6) { h.properties["score"] = .number(Double(Int.random(in: 0...20, using: &r)) / 2) }
                if r.chance(0.5) { h.properties["active"] = .bool(r.chance(0.5)) }
                if r.chance(0.5) { h.properties["mixed"] = r.chance(0.5) ? .number(3) : .string("3") }
                f.hubspot = h
            }
            if r.chance(0.4) {
                var k = CRMData(id: "K\(i)", lists: (0..<Int.random(in: 0...2, using: &r)).map { _ in r.pick(listPool) })
                if r.chance(0.7) { k.properties["city"] = .string(r.pick(["Osaka", "osaka", "Tōkyō", "Kyoto"])) }
                if r.chance(0.6) { k.properties["orders"] = .number(Double(Int.random(in: 0...5, using: &r))) }
                f.klaviyo = k
            }
            friends.append(f)
        }
        return friends
    }
}
