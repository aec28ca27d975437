import Foundation
import Testing
import TestSupport

/// The exit statuses of docs/exit-status.md: 0 success (warnings allowed), 1 the
/// query or data has errors, 2 usage error, 3 the store cannot be read.
struct ExitStatusTests {
    static let cases: [(arguments: [String], stdin: String, status: Int32)] = [
        (["check", "--no-store", #"tag = "VIP""#], "", 0),
        (["check", "--no-store", "hubspot.stage = 1"], "", 0),                 // W0101 only
        (["check", "--no-store", "shopify.purchases >"], "", 1),
        (["check", "--no-store", "-"], "tag = \"VIP\"\n", 0),
        (["check", "--no-store", "-"], "((", 1),
        (["normalize", "--no-store", "--json", "shopfy.linked"], "", 1),
        (["parse", "tag = "], "", 1),
        (["check"], "", 2),                                                     // missing QUERY
        (["check", "--now", "yesterday", "tag = \"a\""], "", 2),                // bad --now
        (["check", "--tz", "Mars/Olympus", "tag = \"a\""], "", 2),              // bad --tz
        (["eval", "--format", "xml", "tag = \"a\""], "", 2),
        (["frobnicate"], "", 2),
        (["eval", "--store", "/nonexistent/friends.sqlite", "tag = \"a\""], "", 3),
        (["eval", "--store", "samples/friends.jsonl", "tag = \"VIP\""], "", 0),
        (["eval", "--store", "samples/friends.jsonl", "tag = "], "", 1),
        (["import", "--store", "samples/friends.jsonl", "samples/friends.jsonl"], "", 2),   // not a database
    ]

    @Test(arguments: cases.indices)
    func statusIsDocumented(index: Int) throws {
        let c = Self.cases[index]
        let result = try CLIRunner.run(c.arguments, stdin: c.stdin)
        #expect(result.status == c.status, "segq \(c.arguments.joined(separator: " ")): \(result.combined)")
    }

    @Test func garbageOnStandardInputIsAnErrorNotACrash() throws {
        var bytes = [UInt8](repeating: 0, count: 200_000)
        var state: UInt64 = 0x9E3779B97F4A7C15
        for i in bytes.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        let result = try CLIRunner.run(["check", "--no-store", "-"], stdin: String(decoding: bytes, as: UTF8.self))
        #expect(result.status == 1)
        #expect(result.stderr.contains("error["))
    }

    @Test func countIsOneIntegerAndIdsOneALine() throws {
        let count = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--now", "2026-11-23T09:00:00Z",
                                       "--format", "count", #"tag = "VIP""#])
        let n = try #require(Int(count.stdout.trimmingCharacters(in: .newlines)))
        let ids = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--now", "2026-11-23T09:00:00Z",
                                     "--format", "ids", #"tag = "VIP""#])
        let lines = ids.stdout.split(separator: "\n")
        #expect(lines.count == n)
        #expect(Set(lines).count == n)
        let limited = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--format", "jsonl", "--limit", "3",
                                         #"tag = "VIP""#])
        #expect(limited.stdout.split(separator: "\n").count == 3)
    }
}
