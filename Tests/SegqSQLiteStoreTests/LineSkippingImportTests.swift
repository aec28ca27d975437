import Foundation
import Testing
import SegqSemantics
@testable import SegqStore
@testable import SegqSQLiteStore

/// A re-import of JSON Lines does not parse the lines the store already
/// holds (their `LineHash` is stored beside the friend): the report, the
/// counts and the store are exactly those of an import that parses every
/// line.
@Suite struct LineSkippingImportTests {
    static func friends(_ n: Int, seed: UInt64) -> [Friend] {
        var all = UpsertImportTests.friends(n, seed: seed)
        // An id that is not LINE-shaped (kept as text, not packed).
        all[7].id = "custom-seven"
        return all
    }

    static func file(_ lines: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("segq-lines-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    /// Small blocks on two workers, so the lines cross blocks and threads.
    static func reader(_ url: URL) -> ParallelJSONLFriendReader {
        ParallelJSONLFriendReader(input: .file(path: url.path), ids: FriendIdRegistry(), workers: 2, blockSize: 700)
    }

    /// An upsert of `url`, skipping known lines or parsing every one.
    static func importFile(_ url: URL, into store: SQLiteStore, skipping: Bool) throws -> (ImportReport, ImportSummary) {
        var report = ImportReport()
        let reader = reader(url)
        let summary = try store.importFriends(mode: .upsert) { writer in
            report.merge(skipping ? try reader.read(into: writer) : try reader.forEach { try writer.add($0) })
        }
        return (report, summary)
    }

    /// Records of `url` accepted as known lines of the store (not parsed) by the skipping reader.
    static func knownLineCount(_ url: URL, in store: SQLiteStore) throws -> Int {
        let known = try StoredFriendIndex(db: store.db, lines: true).lines
        var count = 0
        _ = try reader(url).forEach(skipping: known) { if case .known = $0 { count += 1 } }
        return count
    }

    static func lineHashCount(_ store: SQLiteStore) throws -> Int {
        Int(try store.db.scalarInt("SELECT count(line_hash) FROM friends"))
    }

    @Test func changedLinesGiveTheSameReportCountsAndStoreAsParsingEveryLine() throws {
        let original = Self.friends(60, seed: 21)
        let first = try Self.file(original.map(FriendJSONLWriter.line))
        defer { try? FileManager.default.removeItem(at: first) }
        let skipped = try SQLiteStore.create(path: ":memory:")
        let parsed = try SQLiteStore.create(path: ":memory:")
        #expect(try Self.importFile(first, into: skipped, skipping: true).1 == ImportSummary(inserted: 60))
        #expect(try Self.importFile(first, into: parsed, skipping: false).1 == ImportSummary(inserted: 60))
        #expect(try Self.lineHashCount(skipped) == 60)

        var lines = original.map(FriendJSONLWriter.line)
        var changed = original
        changed[3].tags.append("Re-imported")
        lines[3] = FriendJSONLWriter.line(changed[3])
        changed[12].name = "Twelve (changed)"
        lines[12] = FriendJSONLWriter.line(changed[12])
        // The same friend spelt differently: parsed, unchanged.
        lines[10] = " " + lines[10]
        var edited = lines
        // A changed record of friend 50 before its unchanged line: the known line is the duplicate.
        var fifty = original[50]
        fifty.name = "Fifty (changed)"
        edited.insert(FriendJSONLWriter.line(fifty), at: 45)
        // Friend 25's unchanged line again, and a changed record of friend 30 after its line.
        edited.insert(lines[25], at: 41)
        var thirty = original[30]
        thirty.addedAt += 1
        edited.insert(FriendJSONLWriter.line(thirty), at: 35)
        // The text id twice, a bad record, a blank line and a new friend.
        edited.append(lines[7])
        edited.append(#"{"id": 5}"#)
        edited.append("")
        edited.append(FriendJSONLWriter.line(Friend(id: "U-new", addedAt: 12)))
        let second = try Self.file(edited)
        defer { try? FileManager.default.removeItem(at: second) }

        // Friends 3, 10 and 12 changed bytes; friend 50's known line is a duplicate.
        #expect(try Self.knownLineCount(second, in: skipped) == 60 - 3 - 1)
        let (reportSkipped, summarySkipped) = try Self.importFile(second, into: skipped, skipping: true)
        let (reportParsed, summaryParsed) = try Self.importFile(second, into: parsed, skipping: false)
        #expect(reportSkipped == reportParsed)
        #expect(reportSkipped.problems.map(\.line) == [36, 43, 54, 64, 65])
        #expect(reportSkipped.problems.map { $0.message.contains("first seen at line") }
                == [true, true, true, true, false])
        #expect(reportSkipped.problems[1].message.contains(original[25].id))
        #expect(reportSkipped.problems[3].message.contains("custom-seven"))
        #expect(summarySkipped == summaryParsed)
        #expect(summarySkipped == ImportSummary(inserted: 1, updated: 3, unchanged: 57))
        #expect(Array(try skipped.allFriends()) == Array(try parsed.allFriends()))
        let a = try IncrementalStatisticsTests.snapshot(skipped), b = try IncrementalStatisticsTests.snapshot(parsed)
        #expect(a.statistics == b.statistics)
        #expect(a.bitmaps == b.bitmaps)
        try IncrementalStatisticsTests.expectSameAsRecomputed(skipped)
        // Every friend now has the hash of the line it came from: the next import parses nothing.
        #expect(try Self.lineHashCount(skipped) == 61)
        #expect(try Self.knownLineCount(second, in: skipped) == 61)
        let (again, summaryAgain) = try Self.importFile(second, into: skipped, skipping: true)
        #expect(again == reportSkipped)
        #expect(summaryAgain == ImportSummary(unchanged: 61))
    }

    @Test func aStrictImportRefusesAndReportsTheSameWithKnownLines() throws {
        let original = Self.friends(30, seed: 22)
        let first = try Self.file(original.map(FriendJSONLWriter.line))
        defer { try? FileManager.default.removeItem(at: first) }
        let store = try SQLiteStore.create(path: ":memory:")
        _ = try FriendFileImport.run(files: [first], into: store, strict: true)
        var lines = original.map(FriendJSONLWriter.line)
        lines.insert(lines[4], at: 9)
        lines.append("[1]")
        let second = try Self.file(lines)
        defer { try? FileManager.default.removeItem(at: second) }
        let outcome = try FriendFileImport.run(files: [second], into: store, strict: true)
        #expect(outcome.refusal == .strict)
        let check = try SQLiteStore.create(path: ":memory:")
        let parsedOutcome = try FriendFileImport.run(files: [second], into: check, strict: true)
        #expect(outcome.report == parsedOutcome.report)
        #expect(outcome.report.problems.map(\.line) == [10, 32])
        #expect(Array(try store.allFriends()) == original.map(FriendWriter.stored))
    }

    @Test func aTagChangeForgetsTheLinesOfTheFriendsItTouched() throws {
        let original = Self.friends(40, seed: 23)
        let url = try Self.file(original.map(FriendJSONLWriter.line))
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try SQLiteStore.create(path: ":memory:")
        _ = try FriendFileImport.run(files: [url], into: store, strict: false)
        #expect(try store.addTag("Hand-Picked", toRows: [2, 5]) == 2)
        #expect(try Self.lineHashCount(store) == 38)
        let outcome = try FriendFileImport.run(files: [url], into: store, strict: false)
        #expect(outcome.summary == ImportSummary(updated: 2, unchanged: 38))
        #expect(Array(try store.allFriends()) == original.map(FriendWriter.stored))
        #expect(try Self.lineHashCount(store) == 40)
    }

    @Test func aStoreWithoutLineHashesLearnsThemOnItsNextImport() throws {
        let file = TemporaryStorePath()
        defer { file.remove() }
        let original = Self.friends(50, seed: 24)
        let url = try Self.file(original.map(FriendJSONLWriter.line))
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let store = try SQLiteStore.create(path: file.path)
            try store.importFriends(original)
            // The version 7 layout: no line hashes.
            try store.db.execute("ALTER TABLE friends DROP COLUMN line_hash; PRAGMA user_version = 7")
        }
        let store = try SQLiteStore.open(path: file.path)
        #expect(try store.db.scalarInt("PRAGMA user_version") == SQLiteSchema.version)
        #expect(try Self.lineHashCount(store) == 0)
        #expect(try FriendFileImport.run(files: [url], into: store, strict: false).summary == ImportSummary(unchanged: 50))
        #expect(try Self.lineHashCount(store) == 50)
        #expect(try Self.knownLineCount(url, in: store) == 50)
        #expect(try FriendFileImport.run(files: [url], into: store, strict: false).summary == ImportSummary(unchanged: 50))
    }

    @Test func theLineHashSeesEveryByte() {
        var inputs: Set<[UInt8]> = []
        for length in 0 ..< 40 {
            let base = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var variants = [base]
            for i in 0 ..< length {
                var v = base
                v[i] ^= 1
                variants.append(v)
            }
            variants.append(base + [0])
            inputs.formUnion(variants)
        }
        // A line and the same line with a zero byte more differ too: the length is hashed.
        #expect(Set(inputs.map { $0.withUnsafeBufferPointer(LineHash.of) }).count == inputs.count)
        let line = Array(#"{"id":"U1","added_at":"2026-01-01T00:00:00Z"}"#.utf8)
        #expect(line.withUnsafeBufferPointer(LineHash.of) == line.withUnsafeBufferPointer(LineHash.of))
    }
}
