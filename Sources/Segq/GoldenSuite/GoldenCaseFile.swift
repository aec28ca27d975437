import Foundation
import SegqSyntax

/// What a golden case checks: the output of one command on its query.
public enum GoldenCommand: String, CaseIterable, Sendable {
    case parse, normalize, explain, eval
}

/// One case of a golden suite (docs/golden-tests.md): `NAME.segq` holds the
/// query, led by optional settings written as comments (`# store: PATH`,
/// `# now: RFC3339`, `# zone: IANA`, `# command: COMMAND`, `# limit: N`,
/// `# analyze: yes`, `# limits: maxDepth=3 …`), and the expected output
/// sits beside it in `NAME.COMMAND` (`NAME.parse`, `NAME.normalize`, …).
/// The settings stay in the query: they are comments to the language.
public struct GoldenCaseFile: Sendable, CustomStringConvertible {
    public let name: String
    public let url: URL
    /// The query: the file without one trailing line break.
    public let query: String
    /// The file as read.
    public let fileText: String
    public let settings: [String: String]
    /// The command, from `# command:` or from the one expectation file
    /// beside the query; nil when neither says.
    public let command: GoldenCommand?
    /// The extension of the expectation file (the command's name, unless the
    /// suite says otherwise).
    public let expectationExtension: String?

    public var description: String { name }
    public var directory: URL { url.deletingLastPathComponent() }

    public var expectationURL: URL? {
        expectationExtension.map { directory.appendingPathComponent(name + "." + $0) }
    }

    /// The setting keys a case may carry.
    public static let settingKeys: Set<String> = ["store", "now", "zone", "command", "limit", "analyze", "limits"]

    /// Reads `url`. `expectation` forces the expectation's extension (a
    /// project suite keeping its own); otherwise `# command:` or the
    /// existing `NAME.COMMAND` file decides.
    public init(url: URL, expectation: String? = nil) throws {
        self.url = url
        self.name = url.deletingPathExtension().lastPathComponent
        self.fileText = try String(contentsOf: url, encoding: .utf8)
        var text = fileText
        if text.hasSuffix("\n") { text.removeLast() }
        self.query = text
        let settings = Self.settings(in: text)
        self.settings = settings
        let directory = url.deletingLastPathComponent()
        let name = url.deletingPathExtension().lastPathComponent
        let named = settings["command"].flatMap(GoldenCommand.init(rawValue:))
        let found = GoldenCommand.allCases.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(name + "." + $0.rawValue).path)
        }
        let command = named ?? (found.count == 1 ? found[0] : nil)
        self.command = command
        self.expectationExtension = expectation ?? command?.rawValue
    }

    /// The `# key: value` lines at the top of the text, up to the first
    /// line that is not a comment; unknown keys are left to the reader.
    static func settings(in text: String) -> [String: String] {
        var settings: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            let body = line.dropFirst().drop { $0 == " " }
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon]).trimmingCharacters(in: .whitespaces)
            guard settingKeys.contains(key) else { continue }
            settings[key] = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return settings
    }

    /// The parser's limits, lowered by `# limits: maxDepth=3 maxConditions=2
    /// maxQueryBytes=10 maxDiagnostics=5`.
    public var limits: Limits {
        var limits = Limits()
        for setting in (settings["limits"] ?? "").split(separator: " ") {
            let parts = setting.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            switch parts[0] {
            case "maxDepth": limits.maxDepth = value
            case "maxConditions": limits.maxConditions = value
            case "maxQueryBytes": limits.maxQueryBytes = value
            case "maxDiagnostics": limits.maxDiagnostics = value
            default: break
            }
        }
        return limits
    }

    /// Every `.segq` case in `directory` (not its subfolders), by name.
    public static func cases(in directory: URL, expectation: String? = nil) throws -> [GoldenCaseFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return try names.filter { $0.hasSuffix(".segq") }.sorted().map {
            try GoldenCaseFile(url: directory.appendingPathComponent($0), expectation: expectation)
        }
    }
}
