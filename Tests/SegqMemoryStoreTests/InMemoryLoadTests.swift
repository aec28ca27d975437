import Foundation
import Testing
@testable import SegqStore
@testable import SegqMemoryStore

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("segq-memstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct InMemoryLoadTests {
    let good1 = #"{"id":"a","added_at":"2026-01-01T00:00:00Z","tags":["VIP"]}"#
    let good2 = #"{"id":"b","added_at":"2026-01-02T00:00:00Z","shopify":{"purchases":4}}"#
    let badTime = #"{"id":"c","added_at":"2026-02-30T00:00:00Z"}"#
    let duplicate = #"{"id":"a","added_at":"2026-01-03T00:00:00Z"}"#

    func write(_ lines: [String], _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func lenientKeepsTheGoodRecords() throws {
        let dir = try temporaryDirectory()
        let url = try write([good1, badTime, good2, duplicate], "f.jsonl", in: dir)
        let (store, report) = try InMemoryStore.load(contentsOf: [url])
        #expect(store.count == 2)
        #expect(report.accepted == 2)
        #expect(report.problems.map(\.line) == [2, 4])
        #expect(report.problems[1].message.contains("duplicate id `a`"))
        #expect(store.count(Atom(.tag, .equals(.string("VIP")))) == 1)
        #expect(store.friend(at: 1).shopify?.purchases == 4)
    }

    @Test func strictKeepsNothingWhenAnyLineIsBad() throws {
        let dir = try temporaryDirectory()
        let url = try write([good1, good2, badTime], "f.ndjson", in: dir)
        let (store, report) = try InMemoryStore.load(contentsOf: [url], strictness: .strict)
        #expect(store.count == 0)
        #expect(report.accepted == 0)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.description.hasSuffix("f.ndjson:3: `added_at`: invalid RFC 3339 time \"2026-02-30T00:00:00Z\" (expected e.g. 2025-03-14T09:21:00Z)") == true)
    }

    @Test func strictLoadsEverythingWhenClean() throws {
        let dir = try temporaryDirectory()
        let url = try write([good1, good2], "f.jsonl", in: dir)
        let (store, report) = try InMemoryStore.load(contentsOf: [url], strictness: .strict)
        #expect(store.count == 2)
        #expect(report == ImportReport(accepted: 2, problems: []))
    }

    @Test func duplicatesAcrossFilesAndFormats() throws {
        let dir = try temporaryDirectory()
        let jsonl = try write([good1, good2], "a.jsonl", in: dir)
        let csv = try write(["id,name,added_at,tags,hubspot.stage,plan", "b,Bee,2026-01-05T00:00:00Z,,Lead,",
                             "d,Dee,2026-01-06T00:00:00Z,VIP|Wholesale,Customer,gold"], "b.csv", in: dir)
        let (store, report) = try InMemoryStore.load(contentsOf: [jsonl, csv])
        #expect(store.count == 3)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 2)
        #expect(report.problems.first?.message.contains("a.jsonl line 2") == true)
        let d = store.friend(at: 2)
        #expect(d.tags == ["VIP", "Wholesale", "plan:gold"])
        #expect(d.hubspot?.properties["stage"] == .string("Customer"))
        #expect(store.schema.hubspotProperties == ["stage": .string])
    }

    @Test func unsupportedFilesAreRefused() throws {
        let dir = try temporaryDirectory()
        let url = try write([good1], "f.json", in: dir)
        #expect(throws: ImportError.unsupportedFormat(path: url.path)) {
            _ = try InMemoryStore.load(contentsOf: [url])
        }
        #expect(throws: ImportError.self) {
            _ = try InMemoryStore.load(contentsOf: [dir.appendingPathComponent("missing.jsonl")])
        }
    }

    @Test func theSampleStoreLoadsCleanly() throws {
        let (store, report) = try InMemoryStore.load(contentsOf: [samplesDirectory().appendingPathComponent("friends.jsonl")])
        #expect(report.isClean)
        #expect(store.count == 2000)
    }
}
