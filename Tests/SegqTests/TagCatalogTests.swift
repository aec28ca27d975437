import Foundation
import Segq
import Testing

/// The tag catalogue through the library: list, usage, rename, delete,
/// add and remove.
@Suite struct TagCatalogTests {
    @Test func renameRewritesTheSegmentsThatUseTheTag() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let segments = try SegmentCatalog(session: session)
        try segments.save(name: "VIPs", query: #"tag = "VIP""#)
        let tags = try TagCatalog(session: session)
        let vip = try #require(try tags.list().first { $0.name == "VIP" })
        #expect(vip.friendCount == (try store.count(#"tag = "VIP""#, in: session)))
        #expect(try tags.usage(of: "VIP").map(\.segment) == ["VIPs"])

        let renamed = try tags.rename("VIP", to: "VIP 2026")
        #expect(renamed.friends == vip.friendCount)
        #expect(renamed.segments == ["VIPs"])
        let fresh = try store.session()
        #expect(try SegmentCatalog(session: fresh).segment(named: "VIPs").canonicalText == #"tag = "VIP 2026""#)
        #expect(try TagCatalog(session: fresh).list().contains { $0.name == "VIP 2026" && $0.friendCount == vip.friendCount })
    }

    @Test func deleteIsRefusedWhileASegmentUsesTheTag() throws {
        let store = try FacadeStore()
        let session = try store.session()
        try SegmentCatalog(session: session).save(name: "Kyoto", query: #"tag = "Kyoto""#)
        let tags = try TagCatalog(session: session)
        #expect(throws: CatalogError.self) { try tags.delete("Kyoto") }
        let holders = try store.count(#"tag = "Kyoto""#, in: session)
        #expect(try tags.delete("Kyoto", force: true) == holders)
        #expect(!(try TagCatalog(session: try store.session()).list().contains { $0.name == "Kyoto" }))
    }

    @Test func addAndRemoveFollowAQuery() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let tags = try TagCatalog(session: session)
        let buyers = try store.count("shopify.purchases >= 5", in: session)
        #expect(try tags.apply("Big spender", query: "shopify.purchases >= 5", remove: false) == buyers)
        let fresh = try store.session()
        #expect(try store.count(#"tag = "Big spender""#, in: fresh) == buyers)
        #expect(try TagCatalog(session: fresh).apply("Big spender", query: "shopify.purchases >= 5", remove: true) == buyers)
        #expect(try store.count(#"tag = "Big spender""#, in: try store.session()) == 0)
    }
}
