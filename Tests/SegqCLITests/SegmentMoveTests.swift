import Foundation
import Testing
import TestSupport

/// `segq segment move` between folders, and `segq tag add|remove` listing
/// the segments whose audience they move (the same renderers as the REPL's
/// `.move` and `.tag add|remove`).
@Suite(.serialized) struct SegmentMoveTests {

    @Test func moveSaysTheOldAndNewFolder() throws {
        let store = try CatalogCommandTests.store()
        #expect(try store.segq(["segment", "save", "Kyoto", "--query", #"tag = "Kyoto""#, "--folder", "Regions"]).status == 0)
        let moved = try store.segq(["segment", "move", "Kyoto", "--folder", "Campaigns"])
        #expect(moved.status == 0, "\(moved.combined)")
        #expect(moved.stdout == "moved segment \"Kyoto\" from folder \"Regions\" to folder \"Campaigns\"\n")
        #expect(try store.segq(["segment", "show", "Kyoto"]).stdout.contains("folder:     Campaigns"))
        let out = try store.segq(["segment", "move", "Kyoto", "--none"])
        #expect(out.stdout == "moved segment \"Kyoto\" from folder \"Campaigns\" to no folder\n")
        #expect(try store.segq(["segment", "show", "Kyoto"]).stdout.contains("folder:     -"))
        // The REPL's `.move` is the same change.
        let repl = try store.segq([], stdin: ".move Kyoto Regions\n")
        #expect(repl.stdout == "moved segment \"Kyoto\" from no folder to folder \"Regions\"\n", "\(repl.combined)")
    }

    @Test func moveRefusesAnUnknownSegmentOrNoFolder() throws {
        let store = try CatalogCommandTests.store()
        let unknown = try store.segq(["segment", "move", "Nobody", "--folder", "X"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no segment named \"Nobody\""))
        let neither = try store.segq(["segment", "move", "Nobody"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("give --folder FOLDER, or --none"))
    }

    @Test func tagAddListsTheSegmentsItMoves() throws {
        let store = try CatalogCommandTests.store()
        #expect(try store.segq(["segment", "save", "Fans", "--query", #"tag = "Kyoto fan""#]).status == 0)
        let added = try store.segq(["tag", "add", "Kyoto fan", "--query", #"tag = "Kyoto""#])
        #expect(added.status == 0, "\(added.combined)")
        #expect(added.stdout.contains("added tag \"Kyoto fan\" to 52 friends\nsegments affected:"), "\(added.combined)")
        #expect(added.stdout.range(of: #"Fans\s+0\s+52\s+changed"#, options: .regularExpression) != nil, "\(added.combined)")
        let removed = try store.segq([], stdin: ".tag remove \"Kyoto fan\" tag = \"Kyoto\"\n")
        #expect(removed.stdout.contains("removed tag \"Kyoto fan\" from 52 friends"), "\(removed.combined)")
        #expect(removed.stdout.range(of: #"Fans\s+52\s+0\s+now matches no friend"#, options: .regularExpression) != nil,
                "\(removed.combined)")
    }
}
