import Foundation
import Testing
import TestSupport

/// The shell completion scripts ask `segq ---completion SUBCOMMANDS -- ARGUMENT
/// CWORD CURSOR WORDS…` for saved segment names and for the folders segments
/// and tags are filed in, which segq reads from the store the line names.
@Suite(.serialized) struct ShellCompletionTests {
    /// What the scripts get for the command line `words`, completing its last
    /// word (with the cursor at its end) as `argument` of `subcommands`.
    static func complete(_ subcommands: [String], _ argument: String, _ words: [String],
                         environment: [String: String] = [:]) throws -> [String] {
        let word = words.last ?? ""
        let result = try CLIRunner.run(["---completion"] + subcommands + ["--", argument, String(words.count - 1), String(word.count)]
                                       + words, environment: environment)
        #expect(result.status == 0, "\(result.combined)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func segmentAndTagFoldersComeFromTheStore() throws {
        let store = try CatalogCommandTests.storeWithKyotoSegments()
        #expect(try store.segq(["segment", "save", "Loyal", "--folder", "Loyalty", "--query", "shopify.purchases >= 5"]).status == 0)
        #expect(try store.segq(["tag", "folder", "VIP", "Customers"]).status == 0)
        let line = ["segq", "segment", "move", "Kyoto", "--store", store.path, "--folder"]
        #expect(try Self.complete(["segment", "move"], "--folder", line + ["P"]) == ["Places"])
        #expect(try Self.complete(["segment", "move"], "--folder", line + [""]) == ["Loyalty", "Places"])
        #expect(try Self.complete(["segment", "save"], "--folder", ["segq", "segment", "save", "New", "--store", store.path, "--folder", "Lo"])
                == ["Loyalty"])
        #expect(try Self.complete(["segment", "move"], "positional@0", ["segq", "segment", "move", "--store", store.path, "Ky"])
                == ["Kyoto", "Kyoto VIP"])
        #expect(try Self.complete(["tag", "folder"], "positional@1", ["segq", "tag", "folder", "VIP", "--store", store.path, "C"])
                == ["Customers"])
        // Without --store, the store of $SEGQ_STORE.
        #expect(try Self.complete(["segment", "move"], "--folder", ["segq", "segment", "move", "Kyoto", "--folder", "P"],
                                  environment: ["SEGQ_STORE": store.path]) == ["Places"])
    }

    @Test func aStoreWithoutACatalogueOffersNothing() throws {
        #expect(try Self.complete(["segment", "move"], "--folder",
                                  ["segq", "segment", "move", "Kyoto", "--store", "samples/friends.jsonl", "--folder", ""]).isEmpty)
        #expect(try Self.complete(["segment", "move"], "--folder",
                                  ["segq", "segment", "move", "Kyoto", "--store", "/nonexistent/x.sqlite", "--folder", ""]).isEmpty)
    }
}
