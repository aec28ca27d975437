import Foundation
import Testing
import SegqSemantics
import TestSupport
@testable import SegqStore
@testable import SegqSQLiteStore
import SegqMemoryStore

/// Stored row bitmaps carry a checksum: a damaged one is noticed when a
/// count would use it, reported as a warning, and the count comes from the
/// rows instead — never a silent wrong answer.
@Suite struct BitmapChecksumTests {
    typealias P = SQLPushDownTests

    static let vip = P.a(.tag, .equals(.string("VIP")))
    static let compound = PhysicalExpr.and([vip, P.a(.shopifyPurchases, P.ge(3))])

    /// Overwrites byte `offset` of the stored bitmap `key`, with 0x5A, leaving its checksum.
    static func damage(_ store: SQLiteStore, key: String, byte offset: Int) throws {
        try store.db.execute("""
            UPDATE row_bitmaps SET bits = substr(bits, 1, \(offset)) || x'5A' || substr(bits, \(offset + 2))
            WHERE key = '\(key)'
            """)
    }

    @Test func storedBitmapsPassTheirChecks() throws {
        let store = try P.store()
        var warnings: [String] = []
        store.warn = { warnings.append($0) }
        let keys = try store.bitmapKeys()
        #expect(!keys.isEmpty)
        for key in keys { #expect(store.storedBitmapIsIntact(key), "\(key)") }
        #expect(warnings.isEmpty)
    }

    @Test func aDamagedBitmapIsReportedAndTheRowsGiveTheCount() throws {
        let store = try P.store()
        let expected = PhysicalOracle.count(Self.compound, in: P.friends)
        #expect(try store.count(Self.compound) == expected)
        let key = SQLiteStore.setBitmapKey("friend_tags", "VIP")
        #expect(try store.bitmapKeys().contains(key))
        try Self.damage(store, key: key, byte: 2)
        try Self.damage(store, key: "all", byte: 5)
        var warnings: [String] = []
        store.warn = { warnings.append($0) }
        store.invalidateCaches()
        #expect(try store.count(Self.compound) == expected)
        #expect(try store.count(.not(Self.compound)) == P.friends.count - expected)
        #expect(warnings.contains { $0.contains("damaged row bitmap (\(key))") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("damaged row bitmap (all)") }, "\(warnings)")
    }

    @Test func aBitmapWithBitsPastTheLastRowIsRejected() throws {
        let store = try P.store()
        // Longer than the rows need, with a recomputed (so matching) checksum.
        try store.db.execute("""
            UPDATE row_bitmaps SET bits = bits || x'FFFFFFFFFFFFFFFF', checksum = segq_checksum(bits || x'FFFFFFFFFFFFFFFF')
            WHERE key = 'flag:shopify_linked'
            """)
        var warnings: [String] = []
        store.warn = { warnings.append($0) }
        store.invalidateCaches()
        let linked = PhysicalExpr.or([P.a(.shopifyLinked, .present), Self.vip])
        #expect(try store.count(linked) == PhysicalOracle.count(linked, in: P.friends))
        #expect(warnings.count == 1, "\(warnings)")
    }

    @Test func segqEvalOnADamagedStoreWarnsAndCountsTheRows() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-bitmap-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let imported = try CLIRunner.run(["import", "--store", path, "samples/friends.jsonl"])
        #expect(imported.status == 0, "\(imported.combined)")
        let query = #"tag = "VIP" and shopify.purchases >= 3"#
        let before = try CLIRunner.run(["eval", "--store", path, "--now", "2026-11-23T09:00:00Z", query])
        #expect(before.status == 0 && before.stderr.isEmpty, "\(before.combined)")
        do {
            let store = try SQLiteStore.open(path: path)
            try Self.damage(store, key: SQLiteStore.setBitmapKey("friend_tags", "VIP"), byte: 9)
        }
        let after = try CLIRunner.run(["eval", "--store", path, "--now", "2026-11-23T09:00:00Z", query])
        #expect(after.status == 0, "\(after.combined)")
        #expect(after.stdout == before.stdout)
        #expect(after.stderr.contains("warning: the store \(path) has a damaged row bitmap"), "\(after.stderr)")
    }
}
