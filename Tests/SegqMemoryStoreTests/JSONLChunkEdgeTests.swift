import Foundation
import Testing
import TestSupport
@testable import SegqStore
@testable import SegqMemoryStore

/// Loading JSON Lines whose blocks and read chunks end in awkward places:
/// inside a multi-byte character, exactly at a line feed, between CR and
/// LF; an empty last line; a bad line or a repeated id in the last block;
/// a repeated id whose first sighting is blocks earlier. Each load gives
/// the store and report of the sequential reader.
@Suite struct JSONLChunkEdgeTests {
    static let t = #""added_at":"2026-01-01T00:00:00Z""#

    /// Lines full of two-, three- and four-byte characters, so that most
    /// byte offsets fall inside one.
    func multiByteLines(_ n: Int) -> [String] {
        let names = ["José", "山本 ひな", "😀 Émile", "Ωmega", "高橋 蒼太"]
        return (0 ..< n).map { k in
            #"{"id":"m\#(k)","name":"\#(names[k % names.count])","#+Self.t+#","tags":["大阪","é\#(k % 3)"]}"#
        }
    }

    func expectSameAsSequential(_ text: String, workers: Int, blockSize: Int) throws {
        try ColumnarJSONLLoadTests().check(text, workers: workers, blockSize: blockSize)
    }

    /// Every block size over a range cuts the blocks at every offset of a
    /// line: inside each character and right after each line feed.
    @Test func blocksEndingAtEveryOffset() throws {
        let lines = multiByteLines(12)
        let text = lines.joined(separator: "\n") + "\n"
        let longest = lines.map(\.utf8.count).max() ?? 0
        for blockSize in longest ..< longest + 90 {
            try expectSameAsSequential(text, workers: 2, blockSize: blockSize)
        }
    }

    /// CRLF line ends, with a block ending between the CR and the LF, and
    /// a file whose last line is empty (it ends in CRLF twice).
    @Test func crlfAndAnEmptyLastLine() throws {
        let lines = multiByteLines(9)
        let text = lines.joined(separator: "\r\n") + "\r\n\r\n"
        for blockSize in [1, 97, 98, 99, 100, 101, 4096] {
            try expectSameAsSequential(text, workers: 2, blockSize: blockSize)
        }
        let (store, report) = try ColumnarJSONLLoadTests().columnar(text, workers: 2, blockSize: 100)
        #expect(store.count == 9)
        #expect(report == ImportReport(accepted: 9))
    }

    /// A bad line and a repeated id in the last block are reported with
    /// their lines; the repeat names the line of the first sighting, many
    /// blocks before.
    @Test func problemsInTheLastBlockAndAcrossBlocks() throws {
        var lines = multiByteLines(40)
        lines[38] = #"{"id":"m1","#+Self.t+"}"                         // first seen on line 2
        lines[39] = #"{"id":"late","added_at":"2026-02-30T00:00:00Z"}"#
        let text = lines.joined(separator: "\n")
        for (workers, blockSize) in [(1, 64), (2, 64), (2, 300), (3, 1 << 20)] {
            try expectSameAsSequential(text, workers: workers, blockSize: blockSize)
            let (store, report) = try ColumnarJSONLLoadTests().columnar(text, workers: workers, blockSize: blockSize)
            #expect(store.count == 38)
            #expect(report.problems.map(\.line) == [39, 40])
            #expect(report.problems.first?.message == "duplicate id `m1` (first seen at line 2)")
        }
    }

    /// A repeated id two files apart names the first file and its line.
    @Test func repeatsAcrossFilesNameTheFirstFile() throws {
        let folder = try ScratchFolder("jsonl-chunk-edges")
        let first = try folder.write("a.jsonl", multiByteLines(3).joined(separator: "\n"))
        let second = try folder.write("b.jsonl", #"{"id":"x","#+Self.t+"}\n"+#"{"id":"m2","#+Self.t+"}\n")
        let (store, report) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: first), URL(fileURLWithPath: second)])
        #expect(store.count == 4)
        #expect(report.problems == [ImportProblem(file: second, line: 2,
                                                  message: "duplicate id `m2` (first seen at \(first) line 3)")])
    }

    /// A file read in chunks of 4 KiB (the reader's smallest), with
    /// characters of every length across the chunk edges and a final
    /// line without a line feed, loads like the sequential reader.
    @Test func readChunksEndingInsideCharacters() throws {
        let folder = try ScratchFolder("jsonl-chunk-edges")
        let text = multiByteLines(700).joined(separator: "\n")
        let path = try folder.write("friends.jsonl", text)
        let registry = FriendIdRegistry()
        let reader = ParallelJSONLFriendReader(input: .file(path: path), ids: registry, workers: 2, blockSize: 4096)
        var builder = InMemoryStoreBuilder(registry: registry, trustedNFC: true)
        var remaps = BlockRemaps()
        let report = try reader.forEachBlock { block, rows in builder.append(block: block, rows: rows, remaps: &remaps) }
        let store = builder.build(settings: StoreSettings())
        var friends: [Friend] = []
        let expectedReport = try JSONLFriendReader(text: text).forEach { friends.append($0) }
        let expected = InMemoryStore(friends: friends)
        #expect(report.accepted == expectedReport.accepted && report.problems.isEmpty)
        #expect((0 ..< store.count).map { store.friend(at: $0) } == (0 ..< expected.count).map { expected.friend(at: $0) })
        #expect(store.statistics == expected.statistics)
    }
}
