import Foundation
import Testing
import Segq
import SegqSQLiteStore
import TestSupport

/// The REPL's use (`EvaluationUse.interactive`): a SQLite store answers by
/// push-down while its memory image loads on another thread, then switches
/// to the image. The answers are the same on both sides of the switch, and
/// an image read before the store changed on disk is not used.
@Suite struct BackgroundImageTests {
    static let queries = [
        #"tag = "VIP" and shopify.purchases >= 3 or hubspot.stage = "Customer""#,
        "shopify.days_since_last_purchase >= 90",
        "added >= -7d",
        "shopify.hours_since_cart_abandoned >= 24",
        #"(tag in ("VIP", "Wholesale") or shopify.tag = "loyalty-gold") and not tag = "Complaint-Pending" and (hubspot.linked or klaviyo.list = "VIP list") and added < 2026-06-01"#,
        "not shopify.purchases >= 3",
        #"name contains "an" and not tag = "VIP""#,
        #"tag = "Elsewhere""#,
    ]

    /// Each query's count and first 10 ids.
    static func answers(_ evaluator: QueryEvaluator, _ session: Session) throws -> [String] {
        try queries.map { query in
            let preview = try evaluator.preview(session.compile(query), limit: 10)
            return "\(preview.count): " + preview.friends.map(\.id).joined(separator: " ")
        }
    }

    @Test func aSessionAnswersAlikeBeforeAndAfterTheSwitch() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let pushedDown = try Self.answers(QueryEvaluator(session: session, use: .once)!, session)
        let evaluator = QueryEvaluator(session: session, use: .interactive)!
        let first = try evaluator.engineDescription()
        #expect(first.engine == "sqlite")
        #expect(first.reason.hasSuffix("pushed down as SQL while the memory image loads"))
        #expect(try Self.answers(evaluator, session) == pushedDown)
        let switched = try evaluator.waitForMemoryImage()
        #expect(switched.engine == "memory")
        #expect(switched.reason.contains("loaded into memory in the background"))
        #expect(try Self.answers(evaluator, session) == pushedDown)
    }

    @Test func anImageReadBeforeTheStoreChangedOnDiskIsNotUsed() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let evaluator = QueryEvaluator(session: session, use: .interactive)!
        #expect(try evaluator.engineDescription().engine == "sqlite")  // the load has begun
        // Another connection, as another process would, changes the store meanwhile.
        let other = try SQLiteStore.open(path: store.path)
        try other.importFriends([Friend(id: "U-added-elsewhere", addedAt: 0, tags: ["Elsewhere"])])
        let elsewhere = session.compile(#"tag = "Elsewhere""#)
        #expect(try evaluator.waitForMemoryImage().engine == "sqlite")
        #expect(try evaluator.count(elsewhere) == 1)
        #expect(try evaluator.waitForMemoryImage().engine == "memory")
        #expect(try evaluator.count(elsewhere) == 1)
        #expect(try evaluator.friendCount() == 2_001)
    }
}
