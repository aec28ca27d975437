import Foundation
import Testing
import TestSupport

/// Ten marketer goals written as an agent writes them, with only the
/// documentation and `segq check --json` on the sample store: each query
/// tried, what the agent read in the answer, the replacement it applied or
/// the query it wrote next. Every `check` is counted; the final query is
/// proposed (`segq propose`), and its summary must say what the goal asks
/// and nothing that contradicts it. The whole run is kept as a transcript
/// (`Golden/agent/goals.txt`), so a regressed summary, warning or
/// suggestion shows as a diff.
@Suite(.serialized) struct AgentGoalTests {
    static let now = "2026-11-23T09:00:00Z"
    static let checkBudget = 12

    enum Move {
        /// The agent writes this query and checks it.
        case write(String)
        /// The agent applies the fix of the diagnostic `code` whose message
        /// contains `choosing`, taken from the last answer; a replacement is
        /// checked by segq before it is offered, so it is not checked again.
        case apply(code: String, choosing: String)
        /// The agent writes a new query from what the last answer said
        /// (`because` must appear in it), and checks it.
        case rewrite(String, because: String)
    }

    struct Goal: CustomStringConvertible, Sendable {
        var name: String
        var moves: [Move]
        var final: String
        /// Phrases the final summary must contain.
        var claims: [String]
        /// Phrases it must not contain.
        var denies: [String] = []
        var description: String { name }
    }

    static let goals: [Goal] = [
        Goal(name: "comeback campaign for friends who haven't purchased recently",
             moves: [.write("shopify.last_purchase < -90d")],
             final: "shopify.last_purchase < -90d",
             claims: ["made their last Shopify purchase on or before 24 Aug 2026"],
             denies: ["including friends"]),
        Goal(name: "VIP customers who purchased in the last 30 days",
             moves: [.write("tag = \"VIP\" and shopify.last_purchase within 30d"),
                     .apply(code: "W0102", choosing: "every spelling")],
             final: "tag in (\"VIP\", \"vip\") and shopify.last_purchase within 30d",
             claims: ["any of the tags \"VIP\", \"vip\"", "between 24 Oct 2026 and 23 Nov 2026 09:00"],
             denies: ["including friends"]),
        Goal(name: "people who joined this month",
             moves: [.write("added = this month")],
             final: "added = this month",
             claims: ["added this month (1–30 Nov 2026, UTC)"]),
        Goal(name: "friends who abandoned a cart in the last week and haven't purchased since",
             moves: [.write("shopify.cart_abandoned_at within 7d and not shopify.last_purchase within 7d")],
             final: "shopify.cart_abandoned_at within 7d and not shopify.last_purchase within 7d",
             claims: ["abandoned a Shopify cart between 16 Nov 2026", "did not make their last Shopify purchase",
                      "including friends linked to Shopify but with no recorded Shopify purchase"],
             denies: ["not linked to Shopify"]),
        Goal(name: "HubSpot customers not on the Klaviyo VIP list",
             moves: [.write("hubspot.stage = \"Customer\" and klaviyo.list != \"VIP\""),
                     .apply(code: "W0104", choosing: "VIP list")],
             final: "hubspot.stage = \"Customer\" and klaviyo.list != \"VIP list\"",
             claims: ["HubSpot `stage` is \"Customer\"", "not on the Klaviyo list \"VIP list\"",
                      "including friends not linked to Klaviyo"],
             denies: ["are linked to Klaviyo"]),
        Goal(name: "trade-show leads",
             moves: [.write("hubspot.segment = \"Trade show leads\""),
                     .apply(code: "W0104", choosing: "the tag \"Trade Show 2026\"")],
             final: "tag = \"Trade Show 2026\"",
             claims: ["have the tag \"Trade Show 2026\""]),
        Goal(name: "Osaka friends",
             moves: [.write("tag = \"Osaka\""),
                     .rewrite("tag = \"大阪\" or klaviyo.city = \"Osaka\"", because: "\"大阪\" (143 friends)")],
             final: "tag = \"大阪\" or klaviyo.city = \"Osaka\"",
             claims: ["have the tag \"大阪\"", "Klaviyo `city` is \"Osaka\""],
             denies: ["including friends"]),
        Goal(name: "newsletter subscribers who never purchased on Shopify",
             moves: [.write("tag = \"Newsletter\" and not shopify.purchases >= 1")],
             final: "tag = \"Newsletter\" and not shopify.purchases >= 1",
             claims: ["have the tag \"Newsletter\"", "is not at least 1", "including friends not linked to Shopify"]),
        Goal(name: "wholesale buyers with 3+ purchases",
             moves: [.write("tag = \"Wholesale\" and shopify.purchases >= 3")],
             final: "tag = \"Wholesale\" and shopify.purchases >= 3",
             claims: ["have the tag \"Wholesale\"", "Shopify purchases is at least 3"],
             denies: ["including friends"]),
        Goal(name: "friends added last month who have no tags",
             moves: [.write("added = last month and tag is empty")],
             final: "added = last month and tag is empty",
             claims: ["added last month (1–31 Oct 2026, UTC)", "have no tags"]),
    ]

    static func run(_ arguments: [String], _ query: String) throws -> [String: Any] {
        let result = try CLIRunner.run(arguments + ["--store", "samples/friends.jsonl", "--now", now, query])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object, "\(arguments) \(query): \(result.combined)")
    }

    /// The query with the chosen fix of the answer applied (UTF-8 offsets).
    static func apply(code: String, choosing: String, to query: String, answer: [String: Any]) throws -> String {
        let diagnostics = answer["diagnostics"] as? [[String: Any]] ?? []
        let fixes = diagnostics.filter { $0["code"] as? String == code }.flatMap { d in
            ([d["suggestion"]].compactMap { $0 as? [String: Any] }) + (d["alternatives"] as? [[String: Any]] ?? [])
        }
        let fix = try #require(fixes.first { ($0["message"] as? String)?.contains(choosing) == true },
                               "no \(code) fix mentioning \(choosing) for \(query)")
        let replacement = try #require(fix["replacement"] as? String, "the fix \(fix) has no replacement")
        let offset = try #require(fix["offset"] as? Int), length = try #require(fix["length"] as? Int)
        var bytes = Array(query.utf8)
        bytes.replaceSubrange(offset..<(offset + length), with: Array(replacement.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One answer as the transcript shows it: ok, then each diagnostic with its fixes.
    static func transcript(of answer: [String: Any]) -> String {
        var lines = ["  ok: \(answer["ok"] as? Bool == true)"]
        for d in answer["diagnostics"] as? [[String: Any]] ?? [] {
            lines.append("  \(d["code"] ?? "?"): \(d["message"] ?? "")")
            let fixes = [d["suggestion"]].compactMap { $0 as? [String: Any] } + (d["alternatives"] as? [[String: Any]] ?? [])
            for fix in fixes {
                lines.append("    fix: \(fix["message"] ?? "")" + ((fix["replacement"] as? String).map { " → \($0)" } ?? ""))
            }
            for note in d["notes"] as? [String] ?? [] { lines.append("    note: \(note)") }
        }
        if let summary = answer["summary"] as? String { lines.append("  summary: \(summary)") }
        return lines.joined(separator: "\n")
    }

    @Test func tenGoalsWithinTheCheckBudget() throws {
        var checks = 0
        var out: [String] = []
        for goal in Self.goals {
            out.append("## \(goal.name)")
            guard case .write(var query) = goal.moves.first else {
                Issue.record("\(goal): the first move writes a query")
                continue
            }
            var answer = try Self.run(["check", "--json"], query)
            checks += 1
            out.append("check \(checks): \(query)\n" + Self.transcript(of: answer))
            for move in goal.moves.dropFirst() {
                switch move {
                case .write(let q), .rewrite(let q, _):
                    if case .rewrite(_, let because) = move {
                        let read = Self.transcript(of: answer)
                        #expect(read.contains(because), "\(goal): the answer does not say \(because)")
                    }
                    query = q
                    answer = try Self.run(["check", "--json"], query)
                    checks += 1
                    out.append("check \(checks): \(query)\n" + Self.transcript(of: answer))
                case .apply(let code, let choosing):
                    query = try Self.apply(code: code, choosing: choosing, to: query, answer: answer)
                    out.append("applied \(code) fix \"\(choosing)\": \(query)")
                }
            }
            #expect(query == goal.final, "\(goal): ended with \(query)")
            let proposal = try Self.run(["propose"], query)
            #expect(proposal["ok"] as? Bool == true, "\(goal): \(proposal)")
            let summary = proposal["summary"] as? String ?? ""
            for claim in goal.claims { #expect(summary.contains(claim), "\(goal): summary lacks \(claim): \(summary)") }
            for denied in goal.denies { #expect(!summary.contains(denied), "\(goal): summary says \(denied): \(summary)") }
            let count = proposal["count"] as? Int ?? -1
            #expect(count > 0, "\(goal): matches nobody")
            out.append("final: \(query)\n  count: \(count)\n  summary: \(summary)\n")
        }
        #expect(checks <= Self.checkBudget, "\(checks) checks for \(Self.goals.count) goals")
        out.append("checks: \(checks) for \(Self.goals.count) goals")
        let golden = try #require(Golden.cases("agent", minimum: 1).first)
        #expect(golden.input.contains(Self.goals.map(\.name).joined(separator: "\n")))
        if let mismatch = Golden.check(out.joined(separator: "\n") + "\n", against: golden, ext: "txt") {
            Issue.record("\(mismatch)")
        }
    }
}
