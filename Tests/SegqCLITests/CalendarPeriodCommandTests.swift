import Foundation
import Testing
import TestSupport

/// Calendar periods from the command line, counted against the sample
/// friends' `added_at` read straight from the JSONL file, and one
/// evaluation instant accepted by every command that reads a store.
@Suite(.serialized) struct CalendarPeriodCommandTests {
    static let now = "2026-11-23T00:00:00Z"

    /// `added_at` of every sample friend, parsed with Foundation.
    static let addedTimes: [Date] = {
        let url = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let parser = ISO8601DateFormatter()
        return text.split(separator: "\n").compactMap { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            return (object?["added_at"] as? String).flatMap(parser.date(from:))
        }
    }()

    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Sample friends added in [from, to).
    static func expected(from: String?, to: String?) -> Int {
        addedTimes.filter { t in
            (from.map { t >= instant($0) } ?? true) && (to.map { t < instant($0) } ?? true)
        }.count
    }

    static func count(_ query: String, tz: String? = nil) throws -> Int {
        var arguments = ["eval", "--store", "samples/friends.jsonl", "--now", now, query]
        if let tz { arguments += ["--tz", tz] }
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(result.combined)")
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func sampleHasFriendsToCount() {
        #expect(Self.addedTimes.count == 2000)
    }

    @Test func lastMonthIsOctoberInTheStoreZone() throws {
        let utc = Self.expected(from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z")
        #expect(utc > 0)
        #expect(try Self.count("added = last month") == utc)
        #expect(try Self.count("added = 2026-10") == utc)
        let tokyo = Self.expected(from: "2026-09-30T15:00:00Z", to: "2026-10-31T15:00:00Z")
        #expect(try Self.count("added = last month", tz: "Asia/Tokyo") == tokyo)
    }

    @Test func comparisonsUseThePeriodsFirstAndLastDay() throws {
        // 2026-11-23 is a Monday: this week is 23–29 Nov, last week 16–22 Nov.
        #expect(try Self.count("added = this week") == Self.expected(from: "2026-11-23T00:00:00Z", to: "2026-11-30T00:00:00Z"))
        #expect(try Self.count("added = last week") == Self.expected(from: "2026-11-16T00:00:00Z", to: "2026-11-23T00:00:00Z"))
        #expect(try Self.count("added >= last month") == Self.expected(from: "2026-10-01T00:00:00Z", to: nil))
        #expect(try Self.count("added <= last month") == Self.expected(from: nil, to: "2026-11-01T00:00:00Z"))
        #expect(try Self.count("added < this year") == Self.expected(from: nil, to: "2026-01-01T00:00:00Z"))
        #expect(try Self.count("added > last year") == Self.expected(from: "2026-01-01T00:00:00Z", to: nil))
        #expect(try Self.count("added between 2026-09 and 2026-10")
            == Self.expected(from: "2026-09-01T00:00:00Z", to: "2026-11-01T00:00:00Z"))
        #expect(try Self.count("not added >= this month") == Self.expected(from: nil, to: "2026-11-01T00:00:00Z"))
        #expect(try Self.count("added = last year") == Self.expected(from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z"))
    }

    @Test func periodsStaySymbolicInTheCanonicalText() throws {
        let result = try CLIRunner.run(["normalize", "--no-store", "added >= LAST MONTH and added < This Week"])
        #expect(result.status == 0, "\(result.combined)")
        // `< this week` is `<= last week`: periods step by whole weeks.
        #expect(result.stdout == "added >= last month and added <= last week\n")
    }

    /// Every subcommand that opens a store takes `--now` (and `--tz` where
    /// the store's zone is not what it sets).
    @Test func everyStoreCommandTakesTheEvaluationInstant() throws {
        let folder = try ScratchFolder("now")
        let store = folder.path("store.sqlite")
        let time = ["--now", Self.now, "--tz", "Asia/Tokyo"]

        let imported = try CLIRunner.run(["import", "--store", store, "--now", Self.now, "samples/friends.jsonl"])
        #expect(imported.status == 0, "\(imported.combined)")
        let tags = try CLIRunner.run(["tag", "list", "--json", "--store", store] + time)
        #expect(tags.status == 0, "\(tags.combined)")
        let rows = (try? JSONSerialization.jsonObject(with: Data(tags.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["updated_at"] as? String == "2026-11-23T00:00:00Z" }, "\(tags.stdout.prefix(300))")

        let commands: [[String]] = [
            ["segment", "save", "October", "--query", "added = last month"],
            ["segment", "list"], ["segment", "show", "October"], ["segment", "export", "October", "--format", "ids"],
            ["tag", "usage", "VIP"], ["tag", "add", "Checked", "--query", "added = this week"],
            ["tag", "remove", "Checked", "--query", "added = this week"],
            ["tag", "rename", "Checked", "Checked twice"], ["tag", "delete", "Checked twice"],
            ["segment", "drop", "October"],
            ["check", "added = this month"], ["normalize", "added = this month"], ["eval", "added = this month"],
            ["explain", "added = this month"], ["propose", "added = this month"],
        ]
        for command in commands {
            let result = try CLIRunner.run(command + ["--store", store] + time)
            #expect(result.status == 0, "\(command.joined(separator: " ")): \(result.combined)")
        }
    }
}
