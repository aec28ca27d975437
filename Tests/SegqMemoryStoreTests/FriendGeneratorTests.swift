import Foundation
import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqMemoryStore

/// The repository's `samples/` folder, found from this file's path.
func samplesDirectory(file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")
}

@Suite struct FriendGeneratorTests {
    @Test func sameSeedSameFriends() {
        var a = FriendGenerator(seed: 7), b = FriendGenerator(seed: 7)
        #expect(a.friends(300) == b.friends(300))
    }

    @Test func differentSeedsDiffer() {
        var a = FriendGenerator(seed: 1), b = FriendGenerator(seed: 2)
        #expect(a.friends(50).map(\.id) != b.friends(50).map(\.id))
    }

    @Test func linesReadBackAsTheSameFriends() throws {
        var g = FriendGenerator(seed: 3)
        let friends = g.friends(500)
        let text = friends.map(FriendJSONLWriter.line).joined(separator: "\n")
        var read: [Friend] = []
        let report = try JSONLFriendReader(text: text).forEach { read.append($0) }
        #expect(report.isClean, "\(report.problems.prefix(3))")
        #expect(read == friends)
    }

    /// The sample store has what the example queries need.
    @Test func friendsCoverEveryIntegrationAndTheBenchmarkValues() {
        var g = FriendGenerator(seed: 1)
        let store = InMemoryStore(friends: g.friends(2000))
        #expect(store.count == 2000)
        #expect(store.schema.integrations == Set(Integration.allCases))
        #expect(store.schema.hubspotProperties?["stage"] == .string)
        #expect(store.schema.hubspotProperties?["score"] == .number)
        #expect(store.schema.klaviyoProperties?["accepts_marketing"] == .bool)
        func n(_ c: Column, _ p: SegqStore.Predicate) -> Int { store.count(Atom(c, p)) }
        for tag in ["VIP", "Wholesale", "Complaint-Pending", "常連", "東京"] { #expect(n(.tag, .equals(.string(tag))) > 10, "\(tag)") }
        #expect(n(.shopifyTag, .equals(.string("loyalty-gold"))) > 10)
        #expect(n(.klaviyoList, .equals(.string("VIP list"))) > 10)
        #expect(n(.hubspotProperty("stage"), .equals(.string("Customer"))) > 10)
        #expect(n(.hubspotProperty("stage"), .equals(.string("Lead"))) > 10)
        #expect(n(.shopifyPurchases, .range(lower: .int(3), lowerInclusive: true, upper: nil, upperInclusive: false)) > 10)
        #expect(n(.shopifyLastPurchase, .present) > 10)
        #expect(n(.shopifyCartAbandonedAt, .present) > 10)
        #expect(n(.name, .present) < 2000)
        #expect(n(.tag, .isEmpty) > 10)
        let weekAgo = FriendGenerator.defaultNow - 7 * 86_400_000
        #expect(n(.added, .range(lower: .int(weekAgo), lowerInclusive: true, upper: nil, upperInclusive: false)) > 0)
    }

    @Test func writeJSONLStreamsToAFile() throws {
        let url = try temporaryDirectory().appendingPathComponent("g.jsonl")
        try FriendGenerator.writeJSONL(count: 300, seed: 5, to: url)
        try FriendGenerator.writeJSONL(count: 120, seed: 5, to: url)   // truncates
        let (store, report) = try InMemoryStore.load(contentsOf: [url])
        var g = FriendGenerator(seed: 5)
        #expect(report == ImportReport(accepted: 120, problems: []))
        #expect((0 ..< store.count).map { store.friend(at: $0) } == g.friends(120))
        #expect(throws: ImportError.self) {
            try FriendGenerator.writeJSONL(count: 1, seed: 1, to: URL(fileURLWithPath: "/nonexistent/dir/f.jsonl"))
        }
    }

    /// `samples/friends.jsonl` is exactly what the generator writes for
    /// seed 1 and 2000 friends. `SEGQ_WRITE_SAMPLES=1` rewrites it.
    @Test func sampleFileIsTheGeneratorsOutput() throws {
        let url = samplesDirectory().appendingPathComponent("friends.jsonl")
        if ProcessInfo.processInfo.environment["SEGQ_WRITE_SAMPLES"] == "1" {
            try FileManager.default.createDirectory(at: samplesDirectory(), withIntermediateDirectories: true)
            try FriendGenerator.writeJSONL(count: 2000, seed: 1, to: url)
        }
        let data = try Data(contentsOf: url)
        var g = FriendGenerator(seed: 1)
        let expected = g.friends(2000).map { FriendJSONLWriter.line($0) + "\n" }.joined()
        #expect(String(decoding: data, as: UTF8.self) == expected)
        #expect(data.count < 3_000_000)
    }
}
