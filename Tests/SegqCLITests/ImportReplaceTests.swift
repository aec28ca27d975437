import Foundation
import Testing
import TestSupport

/// `segq import --replace` never empties a store by accident: files that
/// yield no friend leave the store as it was (exit 1) unless `--allow-empty`.
@Suite(.serialized) struct ImportReplaceTests {
    /// The sample database; the files these tests write go beside it.
    final class Scratch {
        let database: SampleDatabase
        var store: String { database.path }

        init() throws { database = try SampleDatabase("replace") }

        func file(_ name: String) -> String { database.file(name) }

        func write(_ name: String, _ bytes: [UInt8]) -> String { database.folder.write(name, bytes) }

        func friendCount() throws -> Int { try database.count("added >= 2000-01-01") }
    }

    @Test func replacingWithFilesThatHoldNoFriendIsRefused() throws {
        let scratch = try Scratch()
        var random = SystemRandomNumberGenerator()
        let inputs = [
            scratch.write("empty.jsonl", []),
            scratch.write("no-id.csv", Array("name,tags\nAiko,VIP\nKen,\n".utf8)),
            // A gzip header and compressed-looking bytes under a .jsonl name.
            scratch.write("friends.jsonl", [0x1F, 0x8B, 0x08, 0x00] + (0..<600).map { _ in UInt8.random(in: 0...255, using: &random) }),
            scratch.write("noise.jsonl", (0..<2_000).map { _ in UInt8.random(in: 0...255, using: &random) }),
        ]
        #expect(try scratch.friendCount() == 2000)
        for input in inputs {
            let result = try CLIRunner.run(["import", "--store", scratch.store, "--replace", input])
            #expect(result.status == 1, "\(input): \(result.combined)")
            #expect(result.stderr.contains("the store is unchanged (add --allow-empty to empty it)"), "\(result.combined)")
            #expect(try scratch.friendCount() == 2000, "\(input)")
        }
    }

    @Test func allowEmptyEmptiesTheStore() throws {
        let scratch = try Scratch()
        let empty = scratch.write("empty.jsonl", [])
        let result = try CLIRunner.run(["import", "--store", scratch.store, "--replace", "--allow-empty", empty])
        #expect(result.status == 0, "\(result.combined)")
        #expect(try scratch.friendCount() == 0)
    }

    @Test func anUpdatingImportOfNothingChangesNothing() throws {
        let scratch = try Scratch()
        let empty = scratch.write("empty.jsonl", [])
        let result = try CLIRunner.run(["import", "--store", scratch.store, empty])
        #expect(result.status == 0, "\(result.combined)")
        #expect(try scratch.friendCount() == 2000)
    }
}
