import Foundation
import Segq
import Testing

/// Saved segments through the library: approval by hash, list, show,
/// export and drop.
@Suite struct SegmentCatalogTests {
    @Test func savingWithTheApprovedHashSavesExactlyThatQuery() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let proposal = try Proposal.make(session: session, query: #"shopify.purchases >= 3 and (tag = "VIP")"#)
        let hash = try #require(proposal.compilation.hash)
        #expect(hash.count == 64)

        let catalog = try SegmentCatalog(session: session)
        let (saved, compilation) = try catalog.save(name: "VIP buyers", query: #"tag = "VIP" and shopify.purchases >= 3"#,
                                                    approvedHash: hash)
        #expect(compilation.hash == hash)
        #expect(saved.canonicalText == #"tag = "VIP" and shopify.purchases >= 3"#)
        #expect(saved.kind == .dynamic)
        #expect(try catalog.segment(named: "VIP buyers").canonicalText == saved.canonicalText)
    }

    @Test func aQueryThatNoLongerMatchesTheHashIsRefusedAndNothingIsSaved() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let approved = try #require(session.compile(#"tag = "VIP" and shopify.purchases >= 3"#).hash)
        let catalog = try SegmentCatalog(session: session)
        #expect(throws: CatalogError.self) {
            try catalog.save(name: "VIP buyers", query: #"tag = "VIP" and shopify.purchases >= 2"#, approvedHash: approved)
        }
        #expect(try catalog.list().isEmpty)
        #expect(throws: CatalogError.self) { try catalog.segment(named: "VIP buyers") }
    }

    @Test func listShowExportAndDrop() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let catalog = try SegmentCatalog(session: session)
        try catalog.save(name: "Kyoto", query: #"tag = "Kyoto""#, folder: "Places")
        try catalog.save(name: "Kyoto VIP", query: #"segment = "Kyoto" and tag = "VIP""#)
        let kyoto = try store.count(#"tag = "Kyoto""#, in: session)
        #expect(kyoto > 0)

        let listings = try catalog.list()
        #expect(listings.map(\.segment.name) == ["Kyoto", "Kyoto VIP"])
        #expect(listings.first?.count == kyoto)
        #expect(listings.first?.segment.folder == "Places")
        #expect(listings.first?.usedBy == ["Kyoto VIP"])

        let detail = try catalog.detail(named: "Kyoto")
        #expect(detail.count == kyoto)
        #expect(detail.usedBy == ["Kyoto VIP"])
        #expect(detail.summary == #"Friends who have the tag "Kyoto"."#)
        let shown = CatalogRendering.segmentDetail(detail)
        #expect(shown.contains("created:    "))
        #expect(shown.contains(#"summary:    Friends who have the tag "Kyoto"."#))

        var members: [String] = []
        try catalog.forEachMember(of: "Kyoto") { members.append(FriendFormat.exportDefault.line($0)) }
        #expect(members.count == kyoto)
        #expect(FriendFormat.exportDefault.header == "id,name,added_at,tags")

        #expect(throws: CatalogError.self) { try catalog.drop(name: "Kyoto") }
        try catalog.drop(name: "Kyoto", force: true)
        #expect(try catalog.list().map(\.segment.name) == ["Kyoto VIP"])
    }

    @Test func friendFilesCannotHoldSegments() throws {
        let session = try FacadeStore.memorySession()
        #expect {
            _ = try SegmentCatalog(session: session)
        } throws: { error in
            (error as? CatalogError)?.kind == .needsDatabase
        }
    }
}
