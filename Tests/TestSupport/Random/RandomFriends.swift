import SegqBasics
import SegqSemantics
import SegqStore

/// Seeded friends for property and differential tests: every value that
/// may be missing is missing on some friends (no name, not linked, linked
/// without id, purchase or cart, properties absent or of another kind),
/// tags are non-ASCII and differ only in case or normalisation, and times
/// sit on and next to day boundaries of `RandomVocabulary.timeZone` (and
/// hour boundaries of `now` for `hours_since_cart_abandoned`).
public struct RandomFriends {
    public var rng: SplitMix64
    public let context: EvaluationContext
    private let time: TimeResolver

    public init(seed: UInt64, context: EvaluationContext = RandomVocabulary.context) {
        rng = SplitMix64(seed: seed)
        self.context = context
        time = TimeResolver(context)
    }

    /// `count` friends with ids `f0`, `f1`, ….
    public static func make(count: Int, seed: UInt64,
                            context: EvaluationContext = RandomVocabulary.context) -> [Friend] {
        var g = RandomFriends(seed: seed, context: context)
        return (0..<count).map { g.friend(id: "f\($0)") }
    }

    /// Random members for each saved segment of `RandomVocabulary.segments`.
    public static func segmentMembers(of friends: [Friend], seed: UInt64) -> [String: Set<String>] {
        var rng = SplitMix64(seed: seed ^ 0x5E65_3E47)
        var out: [String: Set<String>] = [:]
        for name in RandomVocabulary.segments {
            out[name] = Set(friends.filter { _ in rng.chance(0.3) }.map(\.id))
        }
        return out
    }

    public mutating func friend(id: String) -> Friend {
        var f = Friend(id: id, addedAt: instant())
        if rng.chance(0.7) { f.name = rng.pick(RandomVocabulary.names) }
        f.tags = strings(from: RandomVocabulary.tags, max: 3)
        if rng.chance(0.6) {
            f.shopify = ShopifyData(id: rng.chance(0.8) ? rng.pick(RandomVocabulary.ids) : nil,
                                    tags: strings(from: RandomVocabulary.tags, max: 2),
                                    purchases: Int64(rng.int(0...6)),
                                    lastPurchaseAt: rng.chance(0.7) ? instant() : nil,
                                    abandonedCartAt: rng.chance(0.5) ? cartInstant() : nil)
        }
        if rng.chance(0.5) { f.hubspot = crm(hubspotProperties()) }
        if rng.chance(0.5) { f.klaviyo = crm(klaviyoProperties()) }
        return f
    }

    private mutating func crm(_ properties: [String: PropertyValue]) -> CRMData {
        CRMData(id: rng.chance(0.8) ? rng.pick(RandomVocabulary.ids) : nil,
                lists: strings(from: RandomVocabulary.lists, max: 2), properties: properties)
    }

    private mutating func hubspotProperties() -> [String: PropertyValue] {
        var p: [String: PropertyValue] = [:]
        if rng.chance(0.7) { p["stage"] = .string(rng.pick(RandomVocabulary.stages)) }
        if rng.chance(0.6) { p["score"] = .number(rng.pick(RandomVocabulary.numbers)) }
        if rng.chance(0.5) { p["vip"] = .bool(rng.chance(0.5)) }
        if rng.chance(0.6) {
            p["mixed"] = rng.chance(0.5) ? .number(Double(rng.int(0...3))) : .string(String(rng.int(0...3)))
        }
        if rng.chance(0.5) { p["lead status"] = .string(rng.pick(["OPEN", "open", "Closed"])) }
        if rng.chance(0.3) { p["segment"] = .string(rng.pick(RandomVocabulary.segments)) }
        return p
    }

    private mutating func klaviyoProperties() -> [String: PropertyValue] {
        var p: [String: PropertyValue] = [:]
        if rng.chance(0.7) { p["city"] = .string(rng.pick(RandomVocabulary.cities)) }
        if rng.chance(0.6) { p["orders"] = .number(Double(rng.int(0...5))) }
        return p
    }

    private mutating func strings(from pool: [String], max: Int) -> [String] {
        var out: [String] = []
        for _ in 0..<rng.int(0...max) {
            let s = rng.pick(pool)
            if !out.contains(s) { out.append(s) }
        }
        return out
    }

    /// A time on or next to a local day boundary within about a year of
    /// now (sometimes in the future), or anywhere in that span.
    public mutating func instant() -> Int64 {
        let day = time.today + Int64(rng.int(-400...5))
        let start = time.startOfDay(rng.chance(0.3) ? time.today + Int64(rng.int(-10...1)) : day)
        switch rng.int(0...4) {
        case 0: return start
        case 1: return start - 1
        case 2: return start + 1
        case 3: return start + Int64(rng.int(0...86_399)) * 1000
        default: return context.now - Int64(rng.int(0...400 * 24)) * 3_600_000
        }
    }

    /// A time on or next to a whole hour before (or just after) now.
    private mutating func cartInstant() -> Int64 {
        if rng.chance(0.4) { return instant() }
        let hour = context.now - Int64(rng.int(-2...120)) * 3_600_000
        return hour + Int64(rng.pick([-1, 0, 1, 1_800_000]))
    }
}
