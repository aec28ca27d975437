import SegqBasics

/// Realistic friends of one messaging account, deterministic by seed:
/// every integration, missing values everywhere,
/// Japanese and differently-cased tags, a HubSpot property `stage`
/// ("Customer", "Lead", …), the tags the benchmark queries name (`VIP`,
/// `Wholesale`, `Complaint-Pending`, Shopify `loyalty-gold`, Klaviyo list
/// `VIP list`), purchases with last-purchase and abandoned-cart times
/// spread over the weeks before `now`.
///
/// The n-th friend depends only on the seed and n: `FriendGenerator(seed:)`
/// then `next()` n times always yields the same friends.
public struct FriendGenerator: Sendable {
    /// The reference instant times are generated around: 2026-11-23T00:00:00Z.
    public static let defaultNow: Int64 = 1_795_392_000_000

    private var random: SplitMix64
    private let now: Int64
    /// Friends are added between this instant and `now`.
    private let firstAdded: Int64
    private var serial = 0

    public init(seed: UInt64, now: Int64 = FriendGenerator.defaultNow) {
        self.random = SplitMix64(seed: seed ^ 0x5345_4751_4652_4945)   // "SEGQFRIE"
        self.now = now
        self.firstAdded = now - 4 * 365 * Self.day
    }

    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// The next friend.
    public mutating func next() -> Friend {
        serial += 1
        var f = Friend(id: nextId(), addedAt: addedAt())
        if !random.chance(0.08) { f.name = name() }
        f.tags = tags()
        if random.chance(0.55) { f.shopify = shopify(addedAt: f.addedAt) }
        if random.chance(0.38) { f.hubspot = hubspot() }
        if random.chance(0.32) { f.klaviyo = klaviyo() }
        return f
    }

    /// The next `count` friends.
    public mutating func friends(_ count: Int) -> [Friend] {
        (0 ..< max(0, count)).map { _ in next() }
    }

    // MARK: Pieces

    private mutating func nextId() -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [0x55]   // "U", as LINE user ids
        for _ in 0 ..< 2 {
            var x = random.next()
            for _ in 0 ..< 16 { bytes.append(hex[Int(x & 15)]); x >>= 4 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// More friends recently than long ago; some exactly at midnight UTC
    /// or midnight in Tokyo (day-boundary cases).
    private mutating func addedAt() -> Int64 {
        let span = Double(now - firstAdded)
        var t = firstAdded + Int64(span * random.unit().squareRoot())
        switch random.below(20) {
        case 0: t -= t % Self.day                               // 00:00 UTC
        case 1: t -= (t + 9 * Self.hour) % Self.day              // 00:00 Asia/Tokyo
        default: t -= t % 1000                                   // whole seconds
        }
        return min(t, now - 1000)
    }

    private static let familyNames = ["Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Ito", "Yamamoto",
                                      "Nakamura", "Kobayashi", "Kato", "Smith", "Garcia", "Müller", "Martin", "Kim"]
    private static let givenNames = ["Aiko", "Haruto", "Yui", "Sota", "Mei", "Ren", "Hina", "Yuto", "Emma", "Liam",
                                     "Noah", "Olivia", "Zoë", "José", "Chloé"]
    private static let kanjiNames = ["田中 愛子", "鈴木 陽翔", "佐藤 結衣", "高橋 蒼太", "渡辺 芽衣", "伊藤 蓮",
                                     "山本 ひな", "中村 悠斗", "小林 さくら", "加藤 大和"]

    private mutating func name() -> String {
        switch random.below(10) {
        case 0 ..< 4: return random.pick(Self.kanjiNames)
        case 4: return random.pick(Self.givenNames)
        default: return random.pick(Self.givenNames) + " " + random.pick(Self.familyNames)
        }
    }

    private static let tagWeights: [(String, Double)] = [
        ("VIP", 9), ("Wholesale", 6), ("Complaint-Pending", 2.5), ("Newsletter", 14), ("Trade Show 2026", 4),
        ("常連", 8), ("新規", 10), ("東京", 7), ("大阪", 5), ("リピーター", 6), ("イベント参加", 3),
        ("Instagram", 8), ("referral", 4), ("vip", 0.6), ("coupon:2026-spring", 3), ("Kyoto", 2),
    ]

    private mutating func tags() -> [String] {
        let n = random.weighted([(0, 30.0), (1, 35), (2, 20), (3, 10), (4, 5)])
        return distinct(n) { $0.weighted(Self.tagWeights) }
    }

    /// Up to `n` distinct values drawn by `draw`, in drawing order.
    private mutating func distinct(_ n: Int, _ draw: (inout SplitMix64) -> String) -> [String] {
        var out: [String] = []
        for _ in 0 ..< n {
            let v = draw(&random)
            if !out.contains(v) { out.append(v) }
        }
        return out
    }

    private static let shopifyTagWeights: [(String, Double)] = [
        ("loyalty-gold", 10), ("loyalty-silver", 18), ("wholesale", 6), ("subscriber", 20), ("first-order", 12),
        ("ギフト", 4), ("Loyalty-Gold", 0.5),
    ]

    private mutating func shopify(addedAt: Int64) -> ShopifyData {
        var s = ShopifyData()
        if !random.chance(0.03) { s.id = String(7_000_000 + random.below(3_000_000)) }
        s.tags = distinct(random.weighted([(0, 40.0), (1, 40), (2, 15), (3, 5)])) { $0.weighted(Self.shopifyTagWeights) }
        if random.chance(0.3) {
            s.purchases = 0
        } else {
            // Roughly geometric: many one-time buyers, a long tail of regulars.
            var p: Int64 = 1
            while p < 60 && random.chance(0.62) { p += 1 }
            s.purchases = p
        }
        if s.purchases > 0 && !random.chance(0.04) {
            let daysAgo = Int64(pow2(random.unit()) * 540)
            s.lastPurchaseAt = max(addedAt, now - daysAgo * Self.day - Int64(random.below(86_400)) * 1000)
        }
        if random.chance(0.16) {
            s.abandonedCartAt = now - Int64(random.below(30 * 24 * 60)) * 60_000 - 60_000
        }
        return s
    }

    private func pow2(_ x: Double) -> Double { x * x }

    private static let stages: [(String?, Double)] = [
        ("Customer", 30), ("Lead", 35), ("Opportunity", 10), ("Subscriber", 12), ("Evangelist", 3), (nil, 10),
    ]
    private static let companies = ["Acme", "Sakura Foods", "株式会社ミドリ", "Globex", "Initech", "Umbrella", "Kaizen Ltd"]

    private mutating func hubspot() -> CRMData {
        var d = CRMData()
        if !random.chance(0.05) { d.id = String(100 + random.below(9_000_000)) }
        d.lists = distinct(random.weighted([(0, 45.0), (1, 40), (2, 15)])) {
            $0.weighted([("Newsletter", 50.0), ("Partners", 10), ("Webinar 2026", 20), ("Churn risk", 8)])
        }
        if let stage = random.weighted(Self.stages) { d.properties["stage"] = .string(stage) }
        if random.chance(0.7) {
            d.properties["lead_status"] = .string(random.weighted([("OPEN", 40.0), ("IN_PROGRESS", 25), ("CLOSED", 20),
                                                                   ("open", 1)]))
        }
        if random.chance(0.4) { d.properties["company"] = .string(random.pick(Self.companies)) }
        if random.chance(0.6) { d.properties["score"] = .number(Double(random.below(1000)) / 10) }
        if random.chance(0.3) { d.properties["do_not_call"] = .bool(random.chance(0.2)) }
        return d
    }

    private static let cities = ["Tokyo", "Osaka", "東京", "大阪", "Nagoya", "Sapporo", "Fukuoka", "Kyoto", "Seoul"]

    private mutating func klaviyo() -> CRMData {
        var d = CRMData()
        if !random.chance(0.05) {
            let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
            var bytes = Array("01H".utf8)
            for _ in 0 ..< 23 { bytes.append(alphabet[random.below(alphabet.count)]) }
            d.id = String(decoding: bytes, as: UTF8.self)
        }
        d.lists = distinct(random.weighted([(0, 35.0), (1, 45), (2, 20)])) {
            $0.weighted([("VIP list", 18.0), ("Newsletter", 50), ("Winback", 15), ("新商品のお知らせ", 12)])
        }
        if random.chance(0.75) { d.properties["city"] = .string(random.pick(Self.cities)) }
        if random.chance(0.6) { d.properties["orders"] = .number(Double(random.below(25))) }
        if random.chance(0.5) { d.properties["accepts_marketing"] = .bool(random.chance(0.7)) }
        return d
    }
}
