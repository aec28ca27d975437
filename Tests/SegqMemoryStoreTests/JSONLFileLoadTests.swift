import Foundation
import Testing
import TestSupport
import SegqBasics
@testable import SegqStore
@testable import SegqMemoryStore

/// Loading JSON Lines files into memory (parsed on worker threads into
/// reused blocks, columns reserved from the first block) gives the store
/// and the report that the sequential reader's friends give, whatever the
/// blocks, the ids' shapes or the numbers.
@Suite struct JSONLFileLoadTests {
    static let t = #""added_at":"2026-01-01T00:00:00Z""#

    /// The store and report of the sequential reader, the reference.
    func sequential(_ text: String) throws -> (InMemoryStore, ImportReport) {
        var friends: [Friend] = []
        let report = try JSONLFriendReader(text: text).forEach { friends.append($0) }
        return (InMemoryStore(friends: friends), report)
    }

    /// Parsed into blocks on worker threads and appended block by block.
    func blocks(_ text: String, workers: Int, blockSize: Int) throws -> (InMemoryStore, ImportReport) {
        try ColumnarJSONLLoadTests().columnar(text, workers: workers, blockSize: blockSize)
    }

    func expectSame(_ store: InMemoryStore, _ report: ImportReport, as text: String) throws {
        let (expected, expectedReport) = try sequential(text)
        #expect(report == expectedReport)
        #expect(store.count == expected.count)
        #expect((0 ..< store.count).map { store.friend(at: $0) } == (0 ..< expected.count).map { expected.friend(at: $0) })
        #expect(store.statistics == expected.statistics)
    }

    /// Records that fail after filling lists, ids and properties, next to
    /// good ones: a block reused after such a record must not keep its parts.
    func failingAfterParts() -> [String] {
        var g = FriendGenerator(seed: 5)
        var lines = g.friends(400).map(FriendJSONLWriter.line)
        let t = Self.t
        for k in stride(from: 3, to: lines.count, by: 7) {
            lines[k] = [
                #"{"id":"bad\#(k)","#+t+#","tags":["A","B"],"shopify":{"id":"77","tags":["x"],"purchases":-1}}"#,
                #"{"id":"bad\#(k)","#+t+#","hubspot":{"id":"9","segments":["S"],"properties":{"a":1,"b":[2]}}}"#,
                #"{"id":"bad\#(k)","#+t+#","klaviyo":{"lists":["L"],"properties":{"p":"v"}},"tags":[1]}"#,
                #"{"id":"U0123456789abcdef0123456789abcdef","#+t+#","tags":["T"],"extra":true}"#,
            ][k % 4]
        }
        return lines
    }

    @Test(arguments: [(1, 1), (2, 97), (2, 1000), (3, 4096)])
    func reusedBlocksDropTheRecordsThatFailed(workers: Int, blockSize: Int) throws {
        let text = failingAfterParts().joined(separator: "\n")
        let (store, report) = try blocks(text, workers: workers, blockSize: blockSize)
        try expectSame(store, report, as: text)
        #expect(report.problems.count == (400 - 3 + 6) / 7)
    }

    /// Every shape of id: packed LINE ids, and ids that only look like one
    /// (upper-case hex, a letter past `f`, one digit short or over, a
    /// lower-case `u`, non-ASCII), which are kept whole and read back exactly.
    @Test func idsOfEveryShapeReadBackAndRepeatsAreFound() throws {
        let line = "U0123456789abcdef0123456789abcdef"
        let shapes = [line, "U0123456789ABCDEF0123456789abcdef", "U0123456789abcdeg0123456789abcdef",
                      String(line.dropLast()), line + "0", "u" + line.dropFirst(), "U0123456789abcdef0123456789abcdeé",
                      "Uffffffffffffffffffffffffffffffff", "U00000000000000000000000000000000", "7", "Café"]
        var lines = shapes.map { #"{"id":"\#($0)","# + Self.t + "}" }
        lines.append(#"{"id":"\u0055\#(line.dropFirst())","# + Self.t + "}")     // the first id, escaped: a repeat
        lines.append(#"{"id":"Cafe\u0301","# + Self.t + "}")                       // "Café" after NFC: a repeat
        let text = lines.joined(separator: "\n")
        for (workers, blockSize) in [(1, 1), (2, 64), (2, 1 << 20)] {
            let (store, report) = try blocks(text, workers: workers, blockSize: blockSize)
            try expectSame(store, report, as: text)
            #expect((0 ..< store.count).map { store.id(at: $0) } == shapes.map(\.nfcNormalized))
            #expect(report.problems.map(\.line) == [12, 13])
        }
    }

    /// Eight hexadecimal digits at once agree with reading them one by one,
    /// and any byte that is not `0-9a-f` in any place is refused.
    @Test func packedIdsAgreeWithDigitByDigit() {
        var random = SplitMix64(seed: 12)
        let digits = Array("0123456789abcdef".utf8)
        for round in 0 ..< 2000 {
            var id: [UInt8] = [0x55] + (0 ..< 32).map { _ in digits[Int(random.below(16))] }
            var expected: (UInt64, UInt64)? = (
                id[1 ... 16].reduce(0) { $0 << 4 | UInt64(digits.firstIndex(of: $1)!) },
                id[17 ... 32].reduce(0) { $0 << 4 | UInt64(digits.firstIndex(of: $1)!) })
            if round % 2 == 1 {
                let at = 1 + Int(random.below(32))
                let byte = UInt8(random.below(256))
                id[at] = byte
                if !digits.contains(byte) { expected = nil }
                else {
                    expected = (id[1 ... 16].reduce(0) { $0 << 4 | UInt64(digits.firstIndex(of: $1)!) },
                                id[17 ... 32].reduce(0) { $0 << 4 | UInt64(digits.firstIndex(of: $1)!) })
                }
            }
            let packed = id.withUnsafeBufferPointer { FriendIdTable.pack($0) }
            #expect(packed?.0 == expected?.0 && packed?.1 == expected?.1 && (packed == nil) == (expected == nil),
                    "\(String(decoding: id, as: UTF8.self))")
        }
    }

    /// Each character of Crockford's base 32 in a ULID, against its alphabet.
    @Test func ulidCharactersAgreeWithTheAlphabet() {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
        for byte in 0 ... 255 {
            let text = Array("0000000000000000000000000".utf8) + [UInt8(byte)]
            let packed = text.withUnsafeBufferPointer { IdTextShape.ulid($0) }
            let expected = alphabet.firstIndex(of: UInt8(byte)).map { UInt64($0) }
            #expect(packed?.1 == expected && (packed == nil) == (expected == nil), "byte \(byte)")
        }
    }

    /// Integers and numbers at the edges: purchases up to `Int64.max`, one
    /// past it (refused), whole and fractional property numbers that take
    /// the packed sort or the comparison sort.
    @Test func numbersAtTheEdges() throws {
        let t = Self.t
        var lines: [String] = []
        for (k, purchases) in ["0", "9223372036854775807", "9223372036854775808", "1e3", "255", "-0"].enumerated() {
            lines.append(#"{"id":"p\#(k)","#+t+#","shopify":{"purchases":\#(purchases)}}"#)
        }
        for (k, number) in ["-9007199254740991", "9007199254740992", "1e300", "-0.0", "3", "2.5", "-7", "0"].enumerated() {
            lines.append(#"{"id":"n\#(k)","#+t+#","hubspot":{"properties":{"score":\#(number),"whole":\#((k * 5) % 8 / 2 - 1)}}}"#)
        }
        let text = lines.joined(separator: "\n")
        let (store, report) = try blocks(text, workers: 2, blockSize: 128)
        try expectSame(store, report, as: text)
        #expect(report.problems.map(\.line) == [3, 4])
    }

    /// Whole numbers sort by packed keys, in the order the comparison sort
    /// gives, with the same count of distinct values; others do not pack.
    @Test func wholeNumbersSortByPackedKeys() {
        var random = SplitMix64(seed: 3)
        let values = (0 ..< 5000).map { _ in Double(Int(random.below(600)) - 300) * 1024 }
        let packed = OrderedColumnBuilder<Double>.packedSort(values)
        let compared = OrderedColumnBuilder<Double>.comparedOrder(values)
        #expect(packed?.order == compared)
        #expect(packed?.distinct == OrderedColumnBuilder<Double>.distinctCount(values, order: compared))
        #expect(OrderedColumnBuilder<Double>.packedSort([1, 0x1p53, 2]) == nil)
        #expect(OrderedColumnBuilder<Double>.packedSort([1, 0.5]) == nil)
        let times = (0 ..< 5000).map { _ in Int64(random.below(1 << 20)) * 1000 - 86_400_000 }
        #expect(OrderedColumnBuilder<Int64>.packedOrder(times) == OrderedColumnBuilder<Int64>.comparedOrder(times))
    }

    /// Whole files through `InMemoryStore.load`: columns reserved from the
    /// first block's shape, no trailing newline, blank lines, an empty
    /// file; `--strict` keeps nothing when a line is bad.
    @Test func filesLoadLikeTheSequentialReader() throws {
        let folder = try ScratchFolder("jsonl-load")
        var g = FriendGenerator(seed: 8)
        var lines = g.friends(6000).map(FriendJSONLWriter.line)
        lines[4100] = "   "
        lines[5000] = #"{"id":"x","added_at":"2026-02-30T00:00:00Z"}"#
        let text = lines.joined(separator: "\n")       // no final newline
        let path = try folder.write("friends.jsonl", text)
        let (store, report) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: path)])
        var friends: [Friend] = []
        let expectedReport = try JSONLFriendReader(input: .file(path: path), ids: FriendIdRegistry()).forEach { friends.append($0) }
        let expected = InMemoryStore(friends: friends)
        #expect(report == expectedReport)
        #expect(report.problems.map(\.line) == [5001])
        #expect((0 ..< store.count).map { store.friend(at: $0) } == (0 ..< expected.count).map { expected.friend(at: $0) })
        #expect(store.statistics == expected.statistics)

        let (strictStore, strictReport) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: path)], strict: true)
        #expect(strictStore.count == 0)
        #expect(strictReport == expectedReport.strictened())

        for (name, content) in [("empty.jsonl", ""), ("blank.jsonl", "\n  \n\r\n")] {
            let (empty, emptyReport) = try InMemoryStore.load(contentsOf: [URL(fileURLWithPath: try folder.write(name, content))])
            #expect(empty.count == 0)
            #expect(emptyReport == ImportReport())
        }
    }
}
