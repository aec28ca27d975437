import Foundation
import SegqREPLCore

/// The engine the pseudo-terminal tests drive the real `segq` binary with,
/// until the real engine (on the `Segq` facade) is wired in: selected only
/// when the environment has `SEGQ_FAKE_ENGINE=1`. Never used otherwise.
func fakeREPLEngineIfRequested(environment: [String: String] = ProcessInfo.processInfo.environment) -> REPLEngine? {
    environment["SEGQ_FAKE_ENGINE"] == "1" ? FakeEngine() : nil
}

/// A tiny stand-in engine over twelve fixed friends. It understands just
/// enough for the terminal tests: groups split at `or` and `and`;
/// `tag = "X"` conditions filter, others match everybody; a dotted word
/// that is not a field is an error with a did-you-mean; the query `slow`
/// runs until Ctrl-C (for the interrupt test).
final class FakeEngine: REPLEngine {
    private struct Friend {
        var id: String
        var name: String
        var added: String
        var tags: [String]
    }

    private let friends: [Friend] = [
        Friend(id: "U001", name: "Aiko Tanaka", added: "2025-03-14", tags: ["VIP", "Trade Show 2026"]),
        Friend(id: "U002", name: "Ben Ito", added: "2025-04-02", tags: ["VIP"]),
        Friend(id: "U003", name: "Chie Sato", added: "2025-05-20", tags: ["Newsletter"]),
        Friend(id: "U004", name: "Daichi Mori", added: "2025-06-01", tags: []),
        Friend(id: "U005", name: "Emi Kato", added: "2025-06-11", tags: ["VIP", "Newsletter"]),
        Friend(id: "U006", name: "Fumio Abe", added: "2025-07-07", tags: ["Trade Show 2026"]),
        Friend(id: "U007", name: "Gen Ueda", added: "2025-08-15", tags: ["Newsletter"]),
        Friend(id: "U008", name: "Hana Ono", added: "2025-09-09", tags: ["VIP"]),
        Friend(id: "U009", name: "Isamu Kudo", added: "2025-10-10", tags: []),
        Friend(id: "U010", name: "Jun Mita", added: "2025-11-11", tags: ["VIP", "Trade Show 2026"]),
        Friend(id: "U011", name: "Kana Endo", added: "2025-12-12", tags: ["Newsletter"]),
        Friend(id: "U012", name: "Rin Sakai", added: "2026-01-05", tags: ["VIP"]),
    ]

    private var savedSegments: [(name: String, query: String)] = []
    private var instant: String?
    private var zone = "Asia/Tokyo"

    func compile(_ query: String) -> CompiledQuery {
        let text = query.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        if text.isEmpty { return .failed(query, diagnostics: "error[E0001]: expected a condition") }
        let known = Set(fields().map(\.path))
        for word in text.split(whereSeparator: { " \n\t()".contains($0) }) where word.contains(".") {
            let path = String(word)
            guard !known.contains(path) else { continue }
            let near = known.sorted().first { $0.hasPrefix(String(path.prefix(3))) } ?? "shopify.purchases"
            let column = text.range(of: path).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
            return .failed(query, diagnostics: """
                error[E0102]: unknown field `\(path)`
                 --> query:1:\(column + 1)
                  |
                1 | \(text)
                  | \(String(repeating: " ", count: column))\(String(repeating: "^", count: path.count)) did you mean `\(near)`?
                """)
        }
        let groups = Self.split(text, on: " or ").map { Self.split($0, on: " and ") }
        let normalized = groups.map { $0.joined(separator: " and ") }.joined(separator: " or ")
        return CompiledQuery(text: query, hasErrors: false, diagnostics: "", normalized: normalized,
                             hash: Self.hash(normalized), groups: groups,
                             summary: "Friends who match " + normalized + ".")
    }

    func evaluate(_ query: CompiledQuery, rowLimit: Int?, cancellation: CancellationFlag) -> EvaluationOutcome {
        if query.normalized == "slow" {
            FileHandle.standardError.write(Data("slow query started\n".utf8))
            for _ in 0..<1000 {
                if cancellation.isCancelled { return .cancelled }
                usleep(10_000)
            }
        }
        let matching = friends.filter { friend in
            query.groups.contains { group in
                group.allSatisfy { condition in
                    guard let tag = Self.taggedValue(condition) else { return true }
                    return friend.tags.contains(tag)
                }
            }
        }
        let rows = matching.prefix(rowLimit ?? matching.count).map {
            PreviewRow(id: $0.id, name: $0.name, added: $0.added, tags: $0.tags)
        }
        return .result(QueryResult(count: matching.count, rows: Array(rows)))
    }

    func syntaxTree(of query: String) -> CommandResult { .ok("(query " + query + ")") }
    func explain(_ query: String) -> CommandResult { .ok("MEMORY SCAN (fake engine)") }

    func fields() -> [FieldInfo] {
        [
            FieldInfo(path: "id", type: .string), FieldInfo(path: "name", type: .string),
            FieldInfo(path: "added", type: .time), FieldInfo(path: "tag", type: .stringSet),
            FieldInfo(path: "segment", type: .stringSet),
            FieldInfo(path: "shopify.linked", type: .bool), FieldInfo(path: "shopify.purchases", type: .int),
            FieldInfo(path: "shopify.tag", type: .stringSet), FieldInfo(path: "shopify.last_purchase", type: .time),
            FieldInfo(path: "hubspot.linked", type: .bool), FieldInfo(path: "hubspot.segment", type: .stringSet),
            FieldInfo(path: "hubspot.stage", type: .string),
        ]
    }

    func values(of field: String, limit: Int) -> [String] {
        let values: [String]
        switch field {
        case "tag": values = Array(Set(friends.flatMap(\.tags))).sorted()
        case "segment": values = savedSegments.map(\.name)
        case "hubspot.segment": values = ["Newsletter", "Webinar 2026"]
        case "hubspot.stage": values = ["Customer", "Lead"]
        default: values = []
        }
        return Array(values.prefix(limit))
    }

    func tags() -> CommandResult {
        let names = values(of: "tag", limit: .max)
        return .ok(names.map { name in "\(name)\t\(friends.filter { $0.tags.contains(name) }.count)" }.joined(separator: "\n"))
    }

    func segments() -> CommandResult {
        .ok(savedSegments.isEmpty ? "(no saved segments)" : savedSegments.map { $0.name + "\t" + $0.query }.joined(separator: "\n"))
    }

    func storeDescription() -> CommandResult { .ok("fake store (SEGQ_FAKE_ENGINE=1): \(friends.count) friends") }
    func openStore(at path: String) -> CommandResult { .failed("error: the fake engine cannot open `\(path)`") }
    func importFiles(_ paths: [String]) -> CommandResult { .failed("error: the fake engine cannot import") }

    func saveSegment(named name: String, query: String, approvedHash: String?) -> CommandResult {
        let compiled = compile(query)
        guard !compiled.hasErrors, let normalized = compiled.normalized else { return .failed(compiled.diagnostics) }
        if let approvedHash, approvedHash != compiled.hash {
            return .failed("error: the query changed since it was approved; nothing saved")
        }
        savedSegments.removeAll { $0.name == name }
        savedSegments.append((name, normalized))
        return .ok("Saved segment \"\(name)\".")
    }

    func showSegment(named name: String) -> CommandResult {
        guard let segment = savedSegments.first(where: { $0.name == name }) else {
            return .failed("error: no segment named \"\(name)\"")
        }
        return .ok(segment.name + ": " + segment.query)
    }

    func dropSegment(named name: String, force: Bool) -> CommandResult {
        guard savedSegments.contains(where: { $0.name == name }) else { return .failed("error: no segment named \"\(name)\"") }
        savedSegments.removeAll { $0.name == name }
        return .ok("Dropped segment \"\(name)\".")
    }

    func exportSegment(named name: String, format: ExportFormat, to path: String?) -> CommandResult {
        .failed("error: the fake engine cannot export")
    }

    func evaluationInstant() -> String { instant ?? "the current time" }

    func setEvaluationInstant(_ instant: String?) -> CommandResult {
        self.instant = instant
        return .ok("now: " + evaluationInstant())
    }

    func timeZone() -> String { zone }

    func setTimeZone(_ identifier: String) -> CommandResult {
        guard TimeZone(identifier: identifier) != nil else { return .failed("error: unknown time zone `\(identifier)`") }
        zone = identifier
        return .ok("time zone: " + identifier)
    }

    // MARK: Helpers

    private static func split(_ text: String, on separator: String) -> [String] {
        text.components(separatedBy: separator).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \n\t()"))
        }.filter { !$0.isEmpty }
    }

    /// `X` of a `tag = "X"` condition.
    private static func taggedValue(_ condition: String) -> String? {
        guard condition.hasPrefix("tag = \""), condition.hasSuffix("\""), condition.count >= 8 else { return nil }
        return String(condition.dropFirst(7).dropLast())
    }

    private static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(value, radix: 16)
    }
}
