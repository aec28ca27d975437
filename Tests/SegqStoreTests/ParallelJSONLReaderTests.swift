import Foundation
import Testing
@testable import SegqStore

/// The parallel reader gives exactly what the sequential one gives.
@Suite struct ParallelJSONLReaderTests {
    func sample() -> String {
        var g = FriendGenerator(seed: 21)
        var lines = g.friends(700).map(FriendJSONLWriter.line)
        lines[3] = #"{"id":"x","added_at":"2026-13-01T00:00:00Z"}"#
        lines[10] = "   "
        lines[11] = lines[12]                               // duplicate id
        lines[200] = #"{"id":"y","added_at":"2026-01-01T00:00:00Z","tags":"VIP"}"#
        lines[201] += "\r"                                  // CRLF
        lines[650] = "{"
        return "\u{FEFF}" + lines.joined(separator: "\n")   // BOM, no final newline
    }

    func sequential(_ text: String) throws -> ([Friend], ImportReport) {
        var out: [Friend] = []
        let report = try JSONLFriendReader(text: text).forEach { out.append($0) }
        return (out, report)
    }

    @Test(arguments: [(1, 1), (2, 100), (3, 4096), (2, 1 << 20)])
    func sameFriendsAndProblems(workers: Int, blockSize: Int) throws {
        let text = sample()
        let (expectedFriends, expectedReport) = try sequential(text)
        #expect(expectedReport.problems.count == 4)
        var friends: [Friend] = []
        let reader = ParallelJSONLFriendReader(input: .bytes(Array(text.utf8)), ids: FriendIdRegistry(),
                                               workers: workers, blockSize: blockSize)
        let report = try reader.forEach { friends.append($0) }
        #expect(friends == expectedFriends)
        #expect(report == expectedReport)
    }

    @Test func anErrorFromTheBodyStopsTheRead() throws {
        struct Enough: Error {}
        var seen = 0
        let reader = ParallelJSONLFriendReader(input: .bytes(Array(sample().utf8)), ids: nil, workers: 2, blockSize: 64)
        #expect(throws: Enough.self) {
            _ = try reader.forEach { _ in
                seen += 1
                if seen == 50 { throw Enough() }
            }
        }
        #expect(seen == 50)
    }

    @Test func anUnreadableFileIsAnError() {
        let reader = ParallelJSONLFriendReader(contentsOf: URL(fileURLWithPath: "/nonexistent/friends.jsonl"))
        #expect(throws: ImportError.self) { _ = try reader.forEach { _ in } }
    }

    @Test func emptyInput() throws {
        let reader = ParallelJSONLFriendReader(input: .bytes([]), ids: FriendIdRegistry(), workers: 2, blockSize: 10)
        #expect(try reader.forEach { _ in } == ImportReport())
    }
}
