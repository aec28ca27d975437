import Foundation
import Testing
import TestSupport

/// `segq segment …`, `segq tag …` and the approval flow, end to end on a
/// SQLite store imported from the sample friends.
@Suite(.serialized) struct CatalogCommandTests {
    static let now = "2026-11-23T09:00:00Z"

    /// A fresh database of the 2,000 sample friends, counted at `now`.
    static func store() throws -> SampleDatabase { try SampleDatabase("catalog", now: now) }

    /// `store()` with two saved segments: "Kyoto" (`tag = "Kyoto"`, in folder
    /// Places) and "Kyoto VIP" (`segment = "Kyoto" and tag = "VIP"`, using it).
    static func storeWithKyotoSegments() throws -> SampleDatabase {
        let store = try Self.store()
        for (name, query, folder) in [("Kyoto", #"tag = "Kyoto""#, "Places"),
                                      ("Kyoto VIP", #"segment = "Kyoto" and tag = "VIP""#, nil)] {
            let saved = try store.segq(["segment", "save", name, "--query", query] + (folder.map { ["--folder", $0] } ?? []))
            #expect(saved.status == 0, "\(saved.combined)")
        }
        return store
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func saveListShowExportAndDropASegment() throws {
        let store = try Self.store()
        let saved = try store.segq(["segment", "save", "VIP buyers", "--query", #"tag = "VIP" and shopify.purchases >= 3"#])
        #expect(saved.status == 0, "\(saved.combined)")
        #expect(saved.stdout.contains(#"saved dynamic segment "VIP buyers": tag = "VIP" and shopify.purchases >= 3"#))

        let expected = try store.count(#"tag = "VIP" and shopify.purchases >= 3"#)
        #expect(expected > 0)
        #expect(try store.count(#"segment = "VIP buyers""#) == expected)

        let list = try store.segq(["segment", "list", "--json", "--now", Self.now])
        let rows = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.count == 1)
        #expect(rows.first?["name"] as? String == "VIP buyers")
        #expect(rows.first?["count"] as? Int == expected)

        let show = try store.segq(["segment", "show", "VIP buyers", "--now", Self.now])
        #expect(show.stdout.contains("canonical:  tag = \"VIP\" and shopify.purchases >= 3"))
        #expect(show.stdout.contains("count:      \(expected)"))

        let export = try store.segq(["segment", "export", "VIP buyers", "--format", "ids", "--now", Self.now])
        #expect(export.stdout.split(separator: "\n").count == expected)
        let csv = try store.segq(["segment", "export", "VIP buyers", "--now", Self.now])
        #expect(csv.stdout.hasPrefix("id,name,added_at,tags\n"))

        #expect(try store.segq(["segment", "drop", "VIP buyers"]).status == 0)
        #expect(try store.segq(["segment", "show", "VIP buyers"]).status == 1)
    }

    @Test func unknownSegmentSuggestsTheNearestName() throws {
        let store = try Self.store()
        try store.segq(["segment", "save", "Repeat customers", "--query", "shopify.purchases >= 2"])
        let result = try store.segq(["eval", #"segment = "Repeat customer""#])
        #expect(result.status == 1)
        #expect(result.stderr.contains("E0104"))
        #expect(result.stderr.contains("Repeat customers"))
    }

    @Test func dropOfAUsedSegmentIsRefusedUnlessForced() throws {
        let store = try Self.store()
        try store.segq(["segment", "save", "Base", "--query", #"tag = "VIP""#])
        try store.segq(["segment", "save", "Derived", "--query", #"segment = "Base" and shopify.linked"#])
        let refused = try store.segq(["segment", "drop", "Base"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\"Derived\""))
        #expect(try store.segq(["segment", "drop", "Base", "--force"]).status == 0)
    }

    @Test func aCycleThroughSavedSegmentsIsRefused() throws {
        let store = try Self.store()
        try store.segq(["segment", "save", "A", "--query", #"tag = "VIP""#])
        try store.segq(["segment", "save", "B", "--query", #"segment = "A""#])
        let cycle = try store.segq(["segment", "save", "A", "--replace", "--query", #"segment = "B" or tag = "Wholesale""#])
        #expect(cycle.status == 1, "\(cycle.combined)")
        #expect(cycle.stderr.contains("E0105"), "\(cycle.combined)")
        // The old definition is intact.
        #expect(try store.segq(["segment", "show", "A"]).stdout.contains(#"canonical:  tag = "VIP""#))
    }

    @Test func staticSegmentKeepsItsMembers() throws {
        let store = try Self.store()
        try store.segq(["segment", "save", "Snapshot", "--static", "--now", Self.now, "--query", #"tag = "Kyoto""#])
        let before = try store.count(#"segment = "Snapshot""#)
        #expect(before == (try store.count(#"tag = "Kyoto""#)))
        try store.segq(["tag", "delete", "Kyoto", "--force"])
        #expect(try store.count(#"tag = "Kyoto""#) == 0)
        #expect(try store.count(#"segment = "Snapshot""#) == before)
    }

    @Test func proposeWithoutANameIsADryRunAndHashesApproveNothing() throws {
        let store = try Self.store()
        let query = #"tag = "VIP" and not shopify.purchases >= 3"#
        let proposal = Self.json(try store.segq(["propose", "--now", Self.now, query]).stdout)
        #expect(proposal["ok"] as? Bool == true)
        let hash = try #require(proposal["hash"] as? String)
        #expect((proposal["sample"] as? [Any])?.count ?? 0 <= 10)
        #expect(proposal["count"] as? Int == (try store.count(query)))
        #expect((proposal["summary"] as? String)?.contains("including friends not linked to Shopify") == true)

        // A hash approves nothing: `segment save --approve` is gone, and nothing was saved.
        let swapped = try store.segq(["segment", "save", "X", "--approve", hash, "--query", query])
        #expect(swapped.status == 2)
        #expect(swapped.stderr.contains("--approve"))
        #expect(try store.segq(["segment", "show", "X"]).status == 1)
        #expect(try store.segq(["proposal", "list"]).stdout == "no proposals\n")
    }

    /// The hash of a canonical text, pinned from the hand-written SHA-256
    /// that swift-crypto replaced: a saved segment keeps that canonical
    /// text, and proposing the same query gives the same hash.
    @Test func savedSegmentKeepsItsApprovalHash() throws {
        let store = try Self.store()
        let pinned = "fa62f7b53e83f2f427078cfb519f9448d81536fb9be781f92ad9be55b735b7a3"
        let saved = try store.segq(["segment", "save", "VIP buyers", "--query",
                                   #"shopify.purchases >= 3 and (tag = "VIP")"#])
        #expect(saved.status == 0, "\(saved.combined)")
        let shown = try store.segq(["segment", "show", "VIP buyers"])
        #expect(shown.stdout.contains(#"tag = "VIP" and shopify.purchases >= 3"#), "\(shown.combined)")
        let proposal = Self.json(try store.segq(["propose", "--now", Self.now, #"segment = "VIP buyers""#]).stdout)
        #expect(proposal["hash"] as? String != nil)
        let again = Self.json(try store.segq(["propose", "--now", Self.now, #"tag = "VIP" and shopify.purchases >= 3"#]).stdout)
        #expect(again["hash"] as? String == pinned)
    }

    @Test func tagRenameRewritesEverySegmentThatUsesIt() throws {
        let store = try Self.store()
        try store.segq(["segment", "save", "S1", "--query", #"tag = "VIP"   or  tag in ('Wholesale', "VIP")"#])
        try store.segq(["segment", "save", "S2", "--query", #"tag contains "vi" and shopify.linked"#])
        try store.segq(["segment", "save", "S3", "--query", #"hubspot.stage = "VIP""#])
        let before = try store.count(#"segment = "S1""#)

        let usage = try store.segq(["tag", "usage", "VIP"])
        #expect(usage.stdout == "S1\nS2 (by pattern)\n", "\(usage.combined)")

        let rename = try store.segq(["tag", "rename", "VIP", "VIP 2026"])
        #expect(rename.status == 0, "\(rename.combined)")
        #expect(rename.stdout.contains("rewrote segment S1"))
        let s1 = try store.segq(["segment", "show", "S1"]).stdout
        // Rewritten through the syntax tree: the layout as written is kept.
        #expect(s1.contains(#"query:      tag = "VIP 2026"   or  tag in ('Wholesale', "VIP 2026")"#), "\(s1)")
        #expect(s1.contains(#"canonical:  tag in ("VIP 2026", "Wholesale")"#), "\(s1)")
        // A property value that happens to equal the tag is not a tag reference.
        #expect(try store.segq(["segment", "show", "S3"]).stdout.contains(#"query:      hubspot.stage = "VIP""#))
        #expect(try store.count(#"segment = "S1""#) == before)
        #expect(try store.count(#"tag = "VIP""#) == 0)
    }

    @Test func tagDeleteIsRefusedWhileInUse() throws {
        let store = try Self.store()
        try store.segq(["segment", "save", "Uses Kyoto", "--query", #"tag = "Kyoto""#])
        let refused = try store.segq(["tag", "delete", "Kyoto"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Uses Kyoto"))
        #expect(try store.count(#"tag = "Kyoto""#) > 0)
        #expect(try store.segq(["tag", "delete", "Kyoto", "--force"]).status == 0)
        #expect(try store.count(#"tag = "Kyoto""#) == 0)
    }

    @Test func tagAddAndRemoveFollowAQuery() throws {
        let store = try Self.store()
        let target = try store.count(#"shopify.purchases >= 5"#)
        let add = try store.segq(["tag", "add", "Big spender", "--query", "shopify.purchases >= 5"])
        #expect(add.stdout.contains("to \(target) \(target == 1 ? "friend" : "friends")"), "\(add.combined)")
        #expect(try store.count(#"tag = "Big spender""#) == target)
        let list = try store.segq(["tag", "list", "--json"])
        let tags = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(tags.contains { $0["name"] as? String == "Big spender" && $0["friends"] as? Int == target })
        try store.segq(["tag", "remove", "Big spender", "--query", "shopify.purchases >= 10"])
        #expect(try store.count(#"tag = "Big spender""#) == (try store.count("shopify.purchases >= 5 and shopify.purchases < 10")))
    }

    @Test func segmentsNeedASQLiteStore() throws {
        let result = try CLIRunner.run(["segment", "list", "--store", "samples/friends.jsonl"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("SQLite"))
    }
}
