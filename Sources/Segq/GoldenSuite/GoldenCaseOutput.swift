import Foundation
import SegqBasics
import SegqSyntax

/// The output a golden case records for its command, computed through the
/// facade as the command line computes it, without colour:
/// - `parse`: the syntax tree (spans), `--- diagnostics`, then the
///   diagnostics rendered or `none`;
/// - `normalize`: the normal form printed as a query (or `--- does not
///   check` / `--- no normal form`), then the diagnostics rendered;
/// - `explain`: the plan (`# analyze: yes` runs it, without timings);
/// - `eval`: `N friends`, then the first ids (`# limit: N`, 10 by default).
/// Stores named by `# store:` are opened once per run and shared by the
/// cases naming them.
public final class GoldenCaseOutput {
    private var stores: [String: OpenedStore] = [:]

    public init() {}

    /// A case that cannot be run as written (no command, a store that
    /// cannot be opened, a bad setting): reported as an error, not a mismatch.
    public struct CaseError: Error, CustomStringConvertible {
        public let description: String
    }

    public func output(of golden: GoldenCaseFile) throws -> String {
        guard let command = golden.command else {
            throw CaseError(description: "no command: add `# command: parse|normalize|explain|eval` "
                + "or an expectation file \(golden.name).COMMAND")
        }
        if command == .parse { return Self.parseOutput(golden.query, limits: golden.limits) }
        let session = try session(for: golden)
        session.limits = golden.limits
        let compilation = session.compile(golden.query)
        if command == .normalize { return Self.normalizeOutput(compilation) }
        guard compilation.ok else { return Self.normalizeOutput(compilation) }
        guard let evaluator = QueryEvaluator(session: session) else {
            throw CaseError(description: "`\(command.rawValue)` needs a store: add `# store: PATH`")
        }
        if command == .explain {
            let text = try evaluator.explain(compilation, analyze: golden.settings["analyze"] == "yes", timings: false)
            return text.hasSuffix("\n") ? text : text + "\n"
        }
        let limit = try golden.settings["limit"].map { value -> Int in
            guard let n = Int(value), n >= 0 else { throw CaseError(description: "# limit: `\(value)` is not a count") }
            return n
        } ?? 10
        var out = CountedNoun.grouped(try evaluator.count(compilation), "friend") + "\n"
        try evaluator.forEachFriendID(compilation, limit: limit) { out += $0 + "\n" }
        return out
    }

    /// The tree, `--- diagnostics`, then the diagnostics or `none`.
    public static func parseOutput(_ query: String, limits: Limits = Limits()) -> String {
        let tree = SyntaxTreeText(of: query, limits: limits)
        return tree.tree + "--- diagnostics\n" + (tree.diagnostics.isEmpty ? "none\n" : tree.diagnostics)
    }

    /// The normal form (or why there is none), then the diagnostics.
    public static func normalizeOutput(_ compilation: Compilation) -> String {
        let rendered = compilation.diagnostics.isEmpty ? ""
            : DiagnosticRenderer.render(compilation.diagnostics, in: compilation.source) + "\n"
        if compilation.typed == nil { return "--- does not check\n" + rendered }
        return (compilation.normalized ?? "--- no normal form") + "\n" + rendered
    }

    private func session(for golden: GoldenCaseFile) throws -> Session {
        var fixedNow: Int64?
        if let now = golden.settings["now"] {
            guard let instant = RFC3339.parse(now) else {
                throw CaseError(description: "# now: `\(now)` is not an RFC 3339 instant")
            }
            fixedNow = instant
        }
        var zone: TimeZone?
        if let name = golden.settings["zone"] {
            guard let found = TimeZone(identifier: name) else { throw CaseError(description: "# zone: unknown zone `\(name)`") }
            zone = found
        }
        return Session(store: try store(for: golden), fixedNow: fixedNow, timeZone: zone)
    }

    private func store(for golden: GoldenCaseFile) throws -> OpenedStore? {
        guard let named = golden.settings["store"] else { return nil }
        let path = OpenedStore.isServerURL(named) || named.hasPrefix("/") ? named
            : golden.directory.appendingPathComponent(named).standardizedFileURL.path
        if let open = stores[path] { return open }
        do {
            let opened = try OpenedStore.load(path: path).store
            stores[path] = opened
            return opened
        } catch {
            throw CaseError(description: "cannot open store \(OpenedStore.shownName(of: path)): \(error)")
        }
    }
}
