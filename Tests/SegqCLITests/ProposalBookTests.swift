import Foundation
import Testing
import Segq
import SegqStore
import SegqSQLiteStore
import TestSupport

/// The approval service on a SQLite store with the sample friends: what a
/// proposal records, what approving does, and when it refuses (stale).
@Suite(.serialized) struct ProposalBookTests {
    static let now = RFC3339.parse("2026-11-23T09:00:00Z")!

    /// A fresh SQLite store with the 2,000 sample friends, opened in a session.
    final class Book {
        let store: SampleDatabase
        let session: Session
        let book: ProposalBook

        init() throws {
            store = try CatalogCommandTests.store()
            session = Session(loaded: try OpenedStore.load(path: store.path), fixedNow: ProposalBookTests.now)
            book = try ProposalBook(session: session)
        }

        var sqlite: SQLiteStore {
            guard case .sqlite(let s)? = session.store else { fatalError("not a SQLite store") }
            return s
        }

        func count(_ query: String) throws -> Int {
            let form = try #require(session.compile(query).normalForm)
            return try session.store!.runner().count(form, context: session.context)
        }

        func save(_ name: String, _ query: String) throws {
            try SegmentCatalog(session: session).save(name: name, query: query, replace: true)
        }
    }

    @Test func aProposalRecordsWhatThePersonWillSeeAndChangesNothing() throws {
        let b = try Book()
        let record = try b.book.propose(.saveSegment(name: "Lapsed", query: "shopify.days_since_last_purchase > 90",
                                                     folder: "Campaigns", isStatic: false, replace: false), by: "agent")
        #expect(record.id.count == 6)
        #expect(record.proposer == "agent")
        #expect(record.count == (try b.count("shopify.days_since_last_purchase > 90")))
        #expect(record.totalFriends == 2000)
        #expect(record.sample.count == 10)
        #expect(record.summary?.hasPrefix("Friends whose number of days since their last Shopify purchase") == true)
        #expect(record.fingerprint == record.basis.digest)
        #expect(record.diff == nil)
        #expect(try b.sqlite.segment(named: "Lapsed") == nil)
        let review = try b.book.review(id: record.id)
        #expect(review.status == .pending)
        #expect(review.countNow == record.count)
    }

    @Test func approvingSavesWithProvenanceAndOnlyOnce() throws {
        let b = try Book()
        let record = try b.book.propose(.saveSegment(name: "VIP", query: "tag = 'VIP'", folder: nil, isStatic: false,
                                                     replace: false), by: "agent")
        let decided = try b.book.approve(id: record.id, by: "aiko", surface: .terminal)
        #expect(decided.decision?.status == .approved)
        let saved = try #require(try b.sqlite.segment(named: "VIP"))
        #expect(saved.canonicalText == "tag = \"VIP\"")
        let provenance = try b.book.provenanceText(of: saved)
        #expect(provenance.hasPrefix("proposed by agent at "))
        #expect(provenance.contains("approved by aiko at "))
        #expect(provenance.hasSuffix("at a terminal (proposal \(record.id))"))
        #expect(throws: CatalogError.self) { try b.book.approve(id: record.id, by: "aiko", surface: .terminal) }
        #expect(throws: CatalogError.self) { try b.book.cancel(id: record.id, by: "aiko", surface: .terminal) }

        // Saved again directly by a person: provenance says so.
        try b.save("VIP", "tag = 'VIP' and shopify.linked")
        #expect(try b.book.provenanceText(of: try #require(try b.sqlite.segment(named: "VIP"))) == "saved directly by a person")
    }

    @Test func aRedefinedReferencedSegmentMakesTheProposalStale() throws {
        let b = try Book()
        try b.save("Base", "tag = 'VIP'")
        try b.save("Middle", "segment = 'Base' and shopify.linked")
        let record = try b.book.propose(.saveSegment(name: "Top", query: "segment = 'Middle' and added >= -365d",
                                                     folder: nil, isStatic: false, replace: false), by: "agent")
        #expect(record.basis.facts.contains { $0.key == "segment:Base" })  // transitively
        try b.save("Base", "tag = 'Wholesale'")
        let review = try b.book.review(id: record.id)
        #expect(review.status == .stale)
        #expect(review.staleReasons == ["referenced segment \"Base\" was redefined"])
        let error = try #require(throws: CatalogError.self) {
            try b.book.approve(id: record.id, by: "aiko", surface: .terminal)
        }
        #expect(error.message.contains("stale"))
        #expect(error.message.contains("Propose it again"))
        #expect(try b.sqlite.segment(named: "Top") == nil)
        #expect(try b.book.review(id: record.id).status == .stale)
    }

    @Test func aZoneChangeOrATargetChangeMakesItStale() throws {
        let b = try Book()
        let first = try b.book.propose(.saveSegment(name: "New", query: "added >= -7d", folder: nil, isStatic: false,
                                                    replace: false), by: "agent")
        try b.save("VIP", "tag = 'VIP'")
        let replace = try b.book.propose(.saveSegment(name: "VIP", query: "tag = 'VIP' and shopify.linked", folder: nil,
                                                      isStatic: false, replace: true), by: "agent")
        try b.save("New", "tag = 'Kyoto'")
        try b.save("VIP", "tag = 'VIP' or tag = 'Wholesale'")
        #expect(try b.book.review(id: first.id).staleReasons == ["the target changed: a segment of that name was saved since"])
        #expect(try b.book.review(id: replace.id).staleReasons == ["the target changed: the segment was redefined since"])

        let zoned = try b.book.propose(.saveSegment(name: "Week", query: "added >= -7d", folder: nil, isStatic: false,
                                                    replace: false), by: "agent")
        try b.sqlite.setSettings(StoreSettings(timeZone: "Asia/Tokyo"))
        #expect(try b.book.review(id: zoned.id).staleReasons == ["the time zone changed from UTC to Asia/Tokyo"])
    }

    @Test func dataThatMovedIsShownNotRefused() throws {
        let b = try Book()
        let record = try b.book.propose(.saveSegment(name: "Kyoto", query: "tag = 'Kyoto'", folder: nil, isStatic: false,
                                                     replace: false), by: "agent")
        // The data moves: more friends get the tag (directly, as an import would).
        _ = try TagCatalog(session: b.session).apply("Kyoto", query: "tag = 'VIP'", remove: false)
        let review = try b.book.review(id: record.id)
        #expect(review.status == .pending)
        #expect(review.countNow! > record.count!)
        #expect(ProposalRendering.text(review).contains("proposed \(record.count!) of 2,000"))
        #expect(ProposalRendering.text(review).contains("· now \(review.countNow!)"))
        try b.book.approve(id: record.id, by: "aiko", surface: .terminal)
        #expect(try b.count("segment = 'Kyoto'") == review.countNow)
    }

    @Test func aStaticSnapshotSavesTheMembersThatWereProposed() throws {
        let b = try Book()
        let record = try b.book.propose(.saveSegment(name: "Kyoto then", query: "tag = 'Kyoto'", folder: nil,
                                                     isStatic: true, replace: false), by: "agent")
        let proposed = try b.count("tag = 'Kyoto'")
        _ = try TagCatalog(session: b.session).apply("Kyoto", query: "tag = 'VIP'", remove: false)
        try b.book.approve(id: record.id, by: "aiko", surface: .repl)
        #expect(try b.count("segment = 'Kyoto then'") == proposed)
    }

    @Test func aReplacementShowsItsDiff() throws {
        let b = try Book()
        try b.save("VIP", "tag = 'VIP'")
        try b.save("VIP buyers", "segment = 'VIP' and shopify.purchases >= 1")
        let record = try b.book.propose(.saveSegment(name: "VIP", query: "tag = 'VIP' and shopify.linked", folder: nil,
                                                     isStatic: false, replace: true), by: "agent")
        let diff = try #require(record.diff)
        #expect(diff.groupsAdded == ["tag = \"VIP\" and shopify.linked"])
        #expect(diff.groupsRemoved == ["tag = \"VIP\""])
        #expect(diff.countBefore == (try b.count("tag = 'VIP'")))
        #expect(diff.countAfter == (try b.count("tag = 'VIP' and shopify.linked")))
        #expect(diff.enteringCount == 0)
        #expect(diff.leavingCount == (try b.count("tag = 'VIP' and not shopify.linked")))
        #expect(diff.leaving.count == 5)
        // `VIP buyers` needs purchases, so only linked friends: its audience does not change.
        #expect(diff.affectedSegments.isEmpty)
        #expect(throws: CatalogError.self) {
            try b.book.propose(.saveSegment(name: "VIP", query: "tag = 'X'", folder: nil, isStatic: false, replace: false),
                               by: "agent")
        }
    }

    @Test func tagChangesWaitForApprovalThenHappen() throws {
        let b = try Book()
        let before = try b.count("tag = 'Contacted'")
        let add = try b.book.propose(.addTag(tag: "Contacted", query: "tag = 'Kyoto'"), by: "agent")
        #expect(add.diff?.countBefore == before)
        #expect(add.diff?.enteringCount == (try b.count("tag = 'Kyoto'")))
        #expect(try b.count("tag = 'Contacted'") == before)
        try b.book.approve(id: add.id, by: "aiko", surface: .mcp)
        #expect(try b.count("tag = 'Contacted'") == (try b.count("tag = 'Kyoto'")))

        let rename = try b.book.propose(.renameTag(from: "Contacted", to: "Already Contacted"), by: "agent")
        try b.book.approve(id: rename.id, by: "aiko", surface: .terminal)
        #expect(try b.count("tag = 'Already Contacted'") == (try b.count("tag = 'Kyoto'")))

        let remove = try b.book.propose(.removeTag(tag: "Already Contacted", query: "tag = 'Kyoto' and tag = 'VIP'"), by: "agent")
        try b.book.approve(id: remove.id, by: "aiko", surface: .terminal)
        #expect(try b.count("tag = 'Already Contacted'") == (try b.count("tag = 'Kyoto' and not tag = 'VIP'")))

        let delete = try b.book.propose(.deleteTag(tag: "Already Contacted"), by: "agent")
        try b.book.cancel(id: delete.id, by: "aiko", surface: .terminal)
        #expect(try b.count("tag = 'Already Contacted'") > 0)
    }

    @Test func aWrongIdNamesNoOtherProposal() throws {
        let b = try Book()
        let record = try b.book.propose(.deleteTag(tag: "VIP"), by: "agent")
        var wrong = record.id
        wrong.removeLast()
        wrong.append(record.id.last == "a" ? "b" : "a")
        let error = try #require(throws: CatalogError.self) { try b.book.review(id: wrong) }
        #expect(error.message == "no proposal with id \"\(wrong)\"")
        #expect(!error.message.contains(record.id))
        #expect(throws: CatalogError.self) { try b.book.approve(id: wrong, by: "x", surface: .terminal) }
        #expect(try b.book.review(id: record.id.uppercased()).record.id == record.id)
    }

    @Test func dropProposalsAreRefusedWhileOthersUseTheSegment() throws {
        let b = try Book()
        try b.save("Base", "tag = 'VIP'")
        try b.save("User", "segment = 'Base'")
        #expect(throws: CatalogError.self) { try b.book.propose(.dropSegment(name: "Base"), by: "agent") }
        #expect(throws: CatalogError.self) { try b.book.propose(.dropSegment(name: "Nope"), by: "agent") }
        let drop = try b.book.propose(.dropSegment(name: "User"), by: "agent")
        #expect(drop.diff?.countAfter == 0)
        try b.book.approve(id: drop.id, by: "aiko", surface: .terminal)
        #expect(try b.sqlite.segment(named: "User") == nil)
    }
}
