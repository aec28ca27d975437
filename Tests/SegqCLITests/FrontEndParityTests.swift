import Foundation
import Testing
import TestSupport

/// The command line and the REPL print the same listing for the same store:
/// `segq segment list` and `.segments`, `segq segment show` and `.show`,
/// `segq tag list` and `.tags`, `segq segment export` and `.export` (CSV by
/// default in both).
@Suite(.serialized) struct FrontEndParityTests {
    static let now = "2026-11-23T09:00:00Z"

    /// The sample database with segments "Kyoto" (in folder Places) and "Kyoto VIP".
    final class Store {
        let database: SampleDatabase
        var path: String { database.path }

        init() throws { database = try CatalogCommandTests.storeWithKyotoSegments() }

        func cli(_ arguments: [String]) throws -> CLIRunner.Result {
            // `tag` commands other than add/remove evaluate nothing: no `--now`.
            let time = arguments.first == "tag" ? [] : ["--now", FrontEndParityTests.now]
            return try database.segq(arguments + time)
        }

        /// The REPL reading `line` as a script.
        func repl(_ line: String) throws -> CLIRunner.Result {
            try CLIRunner.run(["--store", path, "--now", FrontEndParityTests.now], stdin: line + "\n")
        }
    }

    @Test func listingsReadTheSameInBoth() throws {
        let store = try Store()
        let pairs: [([String], String)] = [
            (["segment", "list"], ".segments"),
            (["segment", "show", "Kyoto"], #".show "Kyoto""#),
            (["segment", "show", "Kyoto VIP"], #".show "Kyoto VIP""#),
            (["tag", "list"], ".tags"),
            (["segment", "export", "Kyoto VIP"], #".export "Kyoto VIP""#),
        ]
        for (arguments, command) in pairs {
            let cli = try store.cli(arguments)
            let repl = try store.repl(command)
            #expect(cli.status == 0, "\(arguments): \(cli.combined)")
            #expect(repl.status == 0, "\(command): \(repl.combined)")
            #expect(!cli.stdout.isEmpty)
            #expect(cli.stdout == repl.stdout, "\(arguments) and \(command) differ")
        }
    }

    @Test func tagsOfFriendFilesReadTheSameInBoth() throws {
        let cli = try CLIRunner.run(["tag", "list", "--store", "samples/friends.jsonl"])
        let repl = try CLIRunner.run(["--store", "samples/friends.jsonl"], stdin: ".tags\n")
        #expect(cli.status == 0, "\(cli.combined)")
        #expect(cli.stdout.hasPrefix("name  "))
        #expect(cli.stdout.contains("\nVIP  "))
        #expect(cli.stdout == repl.stdout)
    }

    @Test func showAndExportCarryTheAgreedColumns() throws {
        let store = try Store()
        let show = try store.repl(#".show "Kyoto""#).stdout
        #expect(show.contains("created:    "))
        #expect(show.contains(#"summary:    Friends who have the tag "Kyoto"."#))
        #expect(try store.repl(#".export "Kyoto""#).stdout.hasPrefix("id,name,added_at,tags\n"))
        let preview = try store.repl(".format csv\n" + #"tag = "Kyoto""#).stdout
        #expect(preview.hasPrefix("id,name,added_at,tags\n"), "\(preview)")
    }
}
