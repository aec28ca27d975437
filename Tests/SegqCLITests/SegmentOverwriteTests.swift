import Foundation
import Testing
import TestSupport

/// One rule for saving over a segment's name, in the command line and the
/// REPL: refused without `--replace`, naming what the segment holds and
/// who uses it; with `--replace`, saying what was replaced and keeping the
/// folder unless a new one is given.
@Suite(.serialized) struct SegmentOverwriteTests {

    static func prepare() throws -> SampleDatabase { try CatalogCommandTests.storeWithKyotoSegments() }

    @Test func replSaveRefusesAnExistingNameAndSaysWhatItHolds() throws {
        let store = try Self.prepare()
        let refused = try store.segq([], stdin: ".save Kyoto tag = \"VIP\"\n")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(#"a segment named "Kyoto" already exists: tag = "Kyoto" (folder "Places"; used by "Kyoto VIP"); add --replace to replace it"#),
                "\(refused.combined)")
        let shown = try store.segq(["segment", "show", "Kyoto"]).stdout
        #expect(shown.contains(#"canonical:  tag = "Kyoto""#))
        #expect(shown.contains("folder:     Places"))
    }

    @Test func replSaveWithReplaceKeepsTheFolder() throws {
        let store = try Self.prepare()
        let replaced = try store.segq([], stdin: "tag = \"VIP\"\n.save Kyoto --replace\n")
        #expect(replaced.status == 0, "\(replaced.combined)")
        #expect(replaced.stdout.contains(#"saved segment "Kyoto": tag = "VIP""#))
        #expect(replaced.stdout.contains(#"replaced segment "Kyoto", which was: tag = "Kyoto" (folder "Places"; used by "Kyoto VIP")"#),
                "\(replaced.combined)")
        let shown = try store.segq(["segment", "show", "Kyoto"]).stdout
        #expect(shown.contains(#"canonical:  tag = "VIP""#))
        #expect(shown.contains("folder:     Places"))
    }

    @Test func commandLineSaysTheSameAndKeepsTheFolder() throws {
        let store = try Self.prepare()
        let refused = try store.segq(["segment", "save", "Kyoto", "--query", #"tag = "VIP""#])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(#"already exists: tag = "Kyoto" (folder "Places"; used by "Kyoto VIP"); add --replace"#),
                "\(refused.combined)")
        let replaced = try store.segq(["segment", "save", "Kyoto", "--replace", "--query", #"tag = "VIP""#])
        #expect(replaced.status == 0, "\(replaced.combined)")
        #expect(replaced.stdout.contains(#"replaced segment "Kyoto", which was: tag = "Kyoto""#))
        #expect(try store.segq(["segment", "show", "Kyoto"]).stdout.contains("folder:     Places"))
        // A new folder given with --replace is taken; "" clears it.
        #expect(try store.segq(["segment", "save", "Kyoto", "--replace", "--folder", "", "--query", #"tag = "VIP""#]).status == 0)
        #expect(try store.segq(["segment", "show", "Kyoto"]).stdout.contains("folder:     -"))
    }
}
