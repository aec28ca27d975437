// In-memory store figures with the store's own API:
// generate N friends (seed 42) or take a JSON Lines file, load it, report
// time, resident memory and the bytes of each part of the store, then for
// the six benchmark queries the median wall and CPU time of: the streamed
// exact count (what `segq` runs), a preview (count + first 10 rows, one
// stream) and the count from whole bitmaps combined with set algebra (the
// engine before block streaming).
// Build and run with ./run.sh [N | FILE.jsonl] (compiles SegqSyntax,
// SegqSemantics, SegqStore and SegqMemoryStore with this file as one
// optimised module; no package needed).
import Foundation

func residentMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
    return 0
}

func milliseconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

let argument = CommandLine.arguments.dropFirst().first ?? "1000000"
let n = Int(argument) ?? 0
let path = n > 0 ? FileManager.default.temporaryDirectory.appendingPathComponent("segq-bench-friends-\(n).jsonl").path
    : argument
if n > 0 && !FileManager.default.fileExists(atPath: path) {
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
print("store parts (MB):")
for (part, bytes) in store.memoryBreakdown {
    print("  " + part.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%8.1f", Double(bytes) / 1e6))
}
print("  " + "total".padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%8.1f", Double(store.memoryFootprint) / 1e6))

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
/// CPU time of this thread in milliseconds: unlike the wall clock, it leaves
/// out the time other processes hold the core (the machine is shared).
func cpuMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}

/// The result and the median wall and CPU milliseconds of 31 runs.
func median(_ body: () -> Int) -> (Int, wall: Double, cpu: Double) {
    var walls: [Double] = [], cpus: [Double] = []
    var result = 0
    for _ in 0 ..< 31 {
        let s = milliseconds(), c = cpuMilliseconds()
        result = body()
        cpus.append(cpuMilliseconds() - c)
        walls.append(milliseconds() - s)
    }
    walls.sort()
    cpus.sort()
    return (result, walls[walls.count / 2], cpus[cpus.count / 2])
}
print("median ms, wall / CPU  count       streamed count      preview (one stream)  whole bitmaps")
for (name, query) in queries {
    let count = median { store.streamedCount(query) ?? -1 }
    let preview = median { store.streamedPreview(query, limit: 10).map { $0.count + $0.rows.count } ?? -1 }
    let whole = median { store.evaluate(query).cardinality }
    precondition(whole.0 == count.0, "\(name): streamed \(count.0), bitmaps \(whole.0)")
    let shown = store.streamedPreview(query, limit: 10)
    precondition(shown?.count == count.0 && shown?.rows == store.evaluate(query).rows(limit: 10), "\(name): preview differs")
    print(name.padding(toLength: 22, withPad: " ", startingAt: 0)
          + "\(count.0)".padding(toLength: 12, withPad: " ", startingAt: 0)
          + String(format: "%7.3f / %7.3f   %7.3f / %7.3f   %7.3f / %7.3f",
                   count.wall, count.cpu, preview.wall, preview.cpu, whole.wall, whole.cpu))
}
