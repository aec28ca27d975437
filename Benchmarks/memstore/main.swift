// In-memory store figures with the store's own API: generate N
// friends (seed 42), load them from JSON Lines, report time and resident
// memory, then the median exact count of the six benchmark queries,
// evaluated as the planner does (atoms to bitmaps, then set algebra).
// Build and run with ./run.sh [N] (compiles SegqSyntax, SegqSemantics,
// SegqStore and SegqMemoryStore with this file as one optimised module; no
// package needed).
import Foundation

func residentMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
    return 0
}

func milliseconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

let n = Int(CommandLine.arguments.dropFirst().first ?? "1000000") ?? 1_000_000
let path = FileManager.default.temporaryDirectory.appendingPathComponent("segq-bench-friends-\(n).jsonl").path
if !FileManager.default.fileExists(atPath: path) {
    let start = milliseconds()
    try FriendGenerator.writeJSONL(count: n, seed: 42, to: URL(fileURLWithPath: path))
    print("generated \(n) friends in \(Int(milliseconds() - start)) ms: \(path)")
}

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let cpuBefore = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
let start = milliseconds()
let (store, report) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: path)])
let loadMs = milliseconds() - start
getrusage(RUSAGE_SELF.rawValue, &usage)
let cpuMs = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000 - cpuBefore
print("load: \(Int(loadMs)) ms wall, \(Int(cpuMs)) ms user CPU, \(report.accepted) friends, \(report.problems.count) problems, "
      + "resident \(Int(residentMegabytes())) MB")

let now = FriendGenerator.defaultNow
let day: Int64 = 86_400_000
let today = now - now % day
func atom(_ c: Column, _ p: SegqStorePredicate) -> PhysicalExpr { .atom(Atom(c, p)) }
func atLeast(_ v: Int64) -> SegqStorePredicate { .range(lower: .int(v), lowerInclusive: true, upper: nil, upperInclusive: false) }
func below(_ v: Int64) -> SegqStorePredicate { .range(lower: nil, lowerInclusive: false, upper: .int(v), upperInclusive: false) }
func atMost(_ v: Int64) -> SegqStorePredicate { .range(lower: nil, lowerInclusive: false, upper: .int(v), upperInclusive: true) }
let purchases3 = atom(.shopifyPurchases, atLeast(3))
// Times resolved as the planner does in UTC with now = 2026-11-23T00:00:00Z.
let queries: [(String, PhysicalExpr)] = [
    ("card", .or([.and([atom(.tag, .equals(.string("VIP"))), purchases3]),
                  atom(.hubspotProperty("stage"), .equals(.string("Customer")))])),
    ("dormant", atom(.shopifyLastPurchase, below(today - 89 * day))),
    ("onboarding", atom(.added, atLeast(today - 7 * day))),
    ("cart", atom(.shopifyCartAbandonedAt, atMost(now - 24 * 3_600_000))),
    ("complex", .and([.or([atom(.tag, .oneOf([.string("VIP"), .string("Wholesale")])),
                           atom(.shopifyTag, .equals(.string("loyalty-gold")))]),
                      .not(atom(.tag, .equals(.string("Complaint-Pending")))),
                      .or([atom(.hubspotLinked, .present), atom(.klaviyoList, .equals(.string("VIP list")))]),
                      atom(.added, below(1_780_272_000_000))])),
    ("negation", .not(purchases3)),
]
for (name, query) in queries {
    var times: [Double] = []
    var count = 0
    for _ in 0 ..< 51 {
        let s = milliseconds()
        count = store.evaluate(query).cardinality
        times.append(milliseconds() - s)
    }
    times.sort()
    print(name.padding(toLength: 11, withPad: " ", startingAt: 0)
          + "count \(count)".padding(toLength: 14, withPad: " ", startingAt: 0)
          + "median " + String(format: "%.3f ms", times[times.count / 2]))
}
