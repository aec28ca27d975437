import Foundation
import Testing
import TestSupport

/// A forced tag deletion, or a rename, lists every segment whose audience
/// it can move — those naming the tag and those built on them — with the
/// count before and after, and names a segment that now matches every
/// friend or none.
@Suite(.serialized) struct TagChangeAudienceTests {

    @Test func forcedDeleteListsEveryAffectedSegment() throws {
        let store = try CatalogCommandTests.store()
        for (name, query) in [("Not Kyoto", #"tag != "Kyoto""#), ("Kyoto", #"tag = "Kyoto""#),
                              ("Linked not Kyoto", #"segment = "Not Kyoto" and shopify.linked"#),
                              ("VIP", #"tag = "VIP""#)] {
            let saved = try store.segq(["segment", "save", name, "--query", query])
            #expect(saved.status == 0, "\(saved.combined)")
        }
        let linked = try store.count(#"tag != "Kyoto" and shopify.linked"#)
        let linkedAll = try store.count("shopify.linked")
        let deleted = try store.segq(["tag", "delete", "Kyoto", "--force"])
        #expect(deleted.status == 0, "\(deleted.combined)")
        let out = deleted.stdout
        #expect(out.contains("deleted tag \"Kyoto\" from 52 friend"))
        #expect(out.contains("segments affected:"), "\(out)")
        #expect(out.range(of: #"Not Kyoto\s+1948\s+2000\s+now matches every friend"#, options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: #"\nKyoto\s+52\s+0\s+now matches no friend"#, options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: "Linked not Kyoto\\s+\(linked)\\s+\(linkedAll)\\s+changed", options: .regularExpression) != nil, "\(out)")
        // A segment that does not name the tag is not listed.
        #expect(!out.contains("\nVIP "), "\(out)")
    }

    /// The REPL prints the same listing through the same renderer.
    @Test func replDeleteTagListsTheAffectedSegments() throws {
        let store = try CatalogCommandTests.store()
        #expect(try store.segq(["segment", "save", "Not Kyoto", "--query", #"tag != "Kyoto""#]).status == 0)
        let refused = try store.segq([], stdin: ".delete-tag Kyoto\n")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Not Kyoto"), "\(refused.combined)")
        let deleted = try store.segq([], stdin: ".delete-tag Kyoto --force\n")
        #expect(deleted.status == 0, "\(deleted.combined)")
        #expect(deleted.stdout.contains("deleted tag \"Kyoto\" from 52 friend"))
        #expect(deleted.stdout.range(of: #"Not Kyoto\s+1948\s+2000\s+now matches every friend"#, options: .regularExpression) != nil,
                "\(deleted.combined)")
    }

    @Test func renameListsSegmentsMatchingByPattern() throws {
        let store = try CatalogCommandTests.store()
        #expect(try store.segq(["segment", "save", "Kyo", "--query", #"tag starts with "Kyo""#]).status == 0)
        #expect(try store.segq(["segment", "save", "Exact", "--query", #"tag = "Kyoto""#]).status == 0)
        let renamed = try store.segq(["tag", "rename", "Kyoto", "Osaka trip"])
        #expect(renamed.status == 0, "\(renamed.combined)")
        let out = renamed.stdout
        #expect(out.range(of: #"Kyo\s+52\s+0\s+now matches no friend"#, options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: #"Exact\s+52\s+52\s+unchanged"#, options: .regularExpression) != nil, "\(out)")
    }
}
