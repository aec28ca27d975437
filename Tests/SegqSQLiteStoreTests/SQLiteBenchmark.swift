import SegqBasics
import Foundation
import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqSQLiteStore

/// Generated stores shaped like a real account, for benchmarks (not for
/// assertions about time): ids like LINE user ids, tags with realistic
/// frequencies, integrations linked for part of the friends.
enum GeneratedFriends {
    static let now: Int64 = 1_795_392_000_000  // 2026-11-23T00:00:00Z
    static let day: Int64 = 86_400_000
    static let commonTags = ["VIP", "Wholesale", "Complaint-Pending", "Trade Show 2026", "東京", "大阪", "Newsletter",
                             "Campaign A", "Campaign B", "Returning", "Coupon", "Event 2025"]
    static let stages = ["Customer", "Lead", "Opportunity", "Subscriber", "customer"]
    static let cities = ["Osaka", "Tokyo", "Kyoto", "Nagoya", "Fukuoka", "Sapporo"]

    static func friend(_ i: Int, _ r: inout SplitMix64) -> Friend {
        let hex = String(r.next(), radix: 16) + String(r.next(), radix: 16)
        var f = Friend(id: "U" + hex, addedAt: now - Int64.random(in: 0..<(3 * 365 * day), using: &r))
        if r.chance(0.9) { f.name = "Friend \(i)" }
        if r.chance(0.10) { f.tags.append("VIP") }
        if r.chance(0.05) { f.tags.append("Wholesale") }
        if r.chance(0.03) { f.tags.append("Complaint-Pending") }
        for _ in 0..<Int.random(in: 0...2, using: &r) {
            let t = r.chance(0.5) ? r.pick(commonTags) : "tag-\(Int.random(in: 0..<500, using: &r))"
            if !f.tags.contains(t) { f.tags.append(t) }
        }
        if r.chance(0.6) {
            var s = ShopifyData(id: "\(7_000_000 + i)", purchases: Int64(min(20, Int(-log(Double.random(in: 0.0001..<1, using: &r)) * 2.5))))
            if r.chance(0.3) { s.tags.append(r.pick(["loyalty-gold", "loyalty-silver", "wholesale"])) }
            if s.purchases > 0 { s.lastPurchaseAt = now - Int64.random(in: 0..<(400 * day), using: &r) }
            if r.chance(0.2) { s.abandonedCartAt = now - Int64.random(in: 0..<(14 * day), using: &r) }
            f.shopify = s
        }
        if r.chance(0.4) {
            var h = CRMData(id: "\(500 + i)")
            if r.chance(0.3) { h.lists.append(r.pick(["Newsletter", "Webinar", "Trial"])) }
            h.properties["stage"] = .string(r.pick(stages))
            if r.chance(0.5) { h.properties["lead_status"] = .string(r.pick(["OPEN", "IN_PROGRESS", "CLOSED"])) }
            if r.chance(0.3) { h.properties["score"] = .number(Double(Int.random(in: 0...100, using: &r))) }
            f.hubspot = h
        }
        if r.chance(0.3) {
            var k = CRMData(id: "01HZX\(i)")
            if r.chance(0.2) { k.lists.append("VIP list") }
            if r.chance(0.4) { k.lists.append("Newsletter") }
            k.properties["city"] = .string(r.pick(cities))
            if r.chance(0.5) { k.properties["orders"] = .number(Double(Int.random(in: 0...10, using: &r))) }
            f.klaviyo = k
        }
        return f
    }

    /// The six benchmark queries as physical expressions at `now` in UTC.
    static var issueQueries: [(String, PhysicalExpr)] {
        func a(_ c: Column, _ p: SegqStore.Predicate) -> PhysicalExpr { .atom(Atom(c, p)) }
        func ge(_ v: Int64) -> SegqStore.Predicate { .range(lower: .int(v), lowerInclusive: true, upper: nil, upperInclusive: false) }
        func lt(_ v: Int64) -> SegqStore.Predicate { .range(lower: nil, lowerInclusive: false, upper: .int(v), upperInclusive: false) }
        return [
            ("card", .or([.and([a(.tag, .equals(.string("VIP"))), a(.shopifyPurchases, ge(3))]),
                          a(.hubspotProperty("stage"), .equals(.string("Customer")))])),
            ("dormant", a(.shopifyLastPurchase, lt(now - 89 * day))),
            ("onboarding", a(.added, ge(now - 7 * day))),
            ("cart", a(.shopifyCartAbandonedAt, .range(lower: nil, lowerInclusive: false, upper: .int(now - 24 * 3_600_000), upperInclusive: true))),
            ("complex", .and([.or([a(.tag, .oneOf([.string("VIP"), .string("Wholesale")])), a(.shopifyTag, .equals(.string("loyalty-gold")))]),
                              .not(a(.tag, .equals(.string("Complaint-Pending")))),
                              .or([a(.hubspotLinked, .present), a(.klaviyoList, .equals(.string("VIP list")))]),
                              a(.added, lt(1_780_272_000_000))])),
            ("negation", .not(a(.shopifyPurchases, ge(3)))),
        ]
    }
}

/// `SEGQ_SQLITE_BENCH=/tmp/x.sqlite [SEGQ_SQLITE_BENCH_N=1000000] swift test --filter SQLiteBenchmark`:
/// imports a generated store (when the file is missing) and prints the import
/// time and the median time of each issue-3 query with its SQLite plan.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SEGQ_SQLITE_BENCH"] != nil))
struct SQLiteBenchmark {
    static func millis(_ start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1_000 + Double(d.components.attoseconds) / 1e15
    }

    static func cpuMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Int64(ts.tv_sec) * 1_000 + Int64(ts.tv_nsec) / 1_000_000
    }

    @Test func importAndQueryGeneratedStore() throws {
        let env = ProcessInfo.processInfo.environment
        let path = env["SEGQ_SQLITE_BENCH"] ?? "/tmp/segq-bench.sqlite"
        let n = Int(env["SEGQ_SQLITE_BENCH_N"] ?? "") ?? 1_000_000
        if !SQLiteStore.fileExists(path) {
            var g = SplitMix64(seed: 2026)
            let genStart = ContinuousClock.now
            for i in 0..<n { _ = GeneratedFriends.friend(i, &g) }
            print("generating \(n) friends alone: \(Self.millis(genStart)) ms")
            let store = try SQLiteStore.create(path: path)
            var r = SplitMix64(seed: 2026)
            let start = ContinuousClock.now
            let cpuStart = Self.cpuMillis()
            let summary = try store.importFriends(mode: .replace) { writer in
                for i in 0..<n { try writer.add(GeneratedFriends.friend(i, &r)) }
            }
            print("import of \(summary.inserted) friends: \(Self.millis(start)) ms, thread CPU \(Self.cpuMillis() - cpuStart) ms (generation included)")
        }
        let store = try SQLiteStore.open(path: path)
        #expect(try store.friendCount() > 0)
        let readStart = ContinuousClock.now
        let readCPU = Self.cpuMillis()
        var read = 0
        for _ in try store.allFriends() { read += 1 }
        print("reading all \(read) friends back: \(Self.millis(readStart)) ms, thread CPU \(Self.cpuMillis() - readCPU) ms")
        for (name, expr) in GeneratedFriends.issueQueries {
            let cpu = Self.cpuMillis()
            for _ in 0..<10 { _ = try store.count(expr) }
            print("\(name): thread CPU per count \(Double(Self.cpuMillis() - cpu) / 10) ms")
        }
        for (name, expr) in GeneratedFriends.issueQueries {
            var samples: [Double] = []
            var count = 0
            for _ in 0..<7 {
                let start = ContinuousClock.now
                count = try store.count(expr)
                samples.append(Self.millis(start))
            }
            samples.sort()
            print("\(name): count \(count), median \(samples[samples.count / 2]) ms")
            print("  " + store.sql(for: expr))
            for line in try store.queryPlan(expr) { print("    " + line) }
        }
    }
}
