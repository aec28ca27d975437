import Foundation
import Testing
import TestSupport

/// The command line and the REPL print the same listing for the same store:
/// `segq segment list` and `.segments`, `segq segment show` and `.show`,
/// `segq tag list` and `.tags`, `segq segment export` and `.export` (CSV by
/// default in both).
@Suite(.serialized) struct FrontEndParityTests {
    static let now = "2026-11-23T09:00:00Z"

    final class Store {
        let directory: URL
        var path: String { directory.appendingPathComponent("store.sqlite").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("segq-parity-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            #expect(try CLIRunner.run(["import", "--store", path, "samples/friends.jsonl"]).status == 0)
            for (name, query, folder) in [("Kyoto", #"tag = "Kyoto""#, "Places"),
                                          ("Kyoto VIP", #"segment = "Kyoto" and tag = "VIP""#, nil)] {
                let saved = try cli(["segment", "save", name, "--query", query] + (folder.map { ["--folder", $0] } ?? []))
                #expect(saved.status == 0, "\(saved.combined)")
            }
        }

        func cli(_ arguments: [String]) throws -> CLIRunner.Result {
            // `tag` commands other than add/remove evaluate nothing: no `--now`.
            let time = arguments.first == "tag" ? [] : ["--now", FrontEndParityTests.now]
            return try CLIRunner.run(arguments + ["--store", path] + time)
        }

        /// The REPL reading `line` as a script.
        func repl(_ line: String) throws -> CLIRunner.Result {
            try CLIRunner.run(["--store", path, "--now", FrontEndParityTests.now], stdin: line + "\n")
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
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
