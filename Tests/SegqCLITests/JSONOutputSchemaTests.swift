import Foundation
import Testing
import TestSupport

/// Every `--json` output of the command line, run through the binary on a
/// temporary store, checked against its JSON Schema under docs/schemas/.
/// Every object schema there forbids keys it does not list, so a command
/// that gains a field its schema lacks fails here.
@Suite(.serialized) struct JSONOutputSchemaTests {
    static let now = CatalogCommandTests.now
    static let schemas = CLIRunner.repositoryRoot.appendingPathComponent("docs/schemas")

    /// Runs `segq` with `arguments`, expects `status`, and validates its
    /// standard output against the schema file `schema`.
    @discardableResult
    static func expectConforms(_ result: CLIRunner.Result, to schema: String, status: Int32 = 0,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONDocument {
        #expect(result.status == status, "\(result.combined)", sourceLocation: sourceLocation)
        let document = try JSONDocument.parse(result.stdout)
        var validator = JSONSchemaValidator(directory: schemas)
        let problems = try validator.problems(document, against: schema)
        #expect(problems.isEmpty, "\(schema): \(problems)\n\(result.stdout)", sourceLocation: sourceLocation)
        return document
    }

    static func member(_ document: JSONDocument, _ key: String) -> JSONDocument? {
        guard case .object(let members) = document else { return nil }
        return members[key]
    }

    @Test func queryCommandsConform() throws {
        let store = try CatalogCommandTests.store()
        let vip = #"tag = "VIP" and shopify.purchases >= 3"#
        try Self.expectConforms(try store.segq(["check", "--json", vip]), to: "check.schema.json")
        try Self.expectConforms(try store.segq(["normalize", "--json", "--now", Self.now, "added >= -7d"]), to: "check.schema.json")
        try Self.expectConforms(try store.segq(["check", "--json", "shopfy.purchases >= 3"]), to: "check.schema.json", status: 1)

        let parsed = try Self.expectConforms(try CLIRunner.run(["parse", "--json", vip]), to: "parse.schema.json")
        #expect(Self.member(parsed, "ok") == .bool(true))
        try Self.expectConforms(try CLIRunner.run(["parse", "--json", "tag = "]), to: "parse.schema.json", status: 1)

        let count = try Self.expectConforms(try store.segq(["eval", "--json", "--now", Self.now, vip]), to: "eval.schema.json")
        #expect(Self.member(count, "count") == .integer(Int64(try store.count(vip))))
        let ids = try Self.expectConforms(try store.segq(["eval", "--json", "--format", "ids", "--limit", "3", vip]),
                                          to: "eval.schema.json")
        guard case .array(let idList)? = Self.member(ids, "ids") else { Issue.record("no ids"); return }
        #expect(idList.count == 3)
        try Self.expectConforms(try store.segq(["eval", "--json", "--format", "jsonl", "--limit", "5", "shopify.linked and hubspot.linked"]),
                                to: "eval.schema.json")
        try Self.expectConforms(try CLIRunner.run(["eval", "--json", "--format", "table", "--store", "samples/friends.jsonl",
                                                   "klaviyo.linked"]), to: "eval.schema.json")
        try Self.expectConforms(try store.segq(["eval", "--json", "shopfy.purchases >= 3"]), to: "check.schema.json", status: 1)

        let pushed = try Self.expectConforms(try store.segq(["explain", "--json", "--now", Self.now, vip]), to: "explain.schema.json")
        #expect(Self.member(pushed, "engine") == .string("sqlite"))
        guard case .array(let bound)? = Self.member(pushed, "bound") else { Issue.record("no bound values"); return }
        let literals = bound.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        #expect(!literals.isEmpty && literals.count == bound.count)
        let text = try store.segq(["explain", "--now", Self.now, vip])
        #expect(text.stdout.contains("-- bound: " + literals.joined(separator: ", ")), "\(text.stdout)")
        let memory = try Self.expectConforms(try store.segq(["explain", "--json", "--engine", "memory", "--analyze", "--no-timings", vip]),
                                             to: "explain.schema.json")
        #expect(Self.member(memory, "actual_rows") == .integer(Int64(try store.count(vip))))
        #expect(Self.member(memory, "time_ms") == .null)
        guard case .object(let root)? = Self.member(memory, "plan") else { Issue.record("no plan tree"); return }
        #expect(root["operation"] == .string("UNION OF 1 GROUP"))

        let friend = try WhyCommandTests.firstID(store, "shopify.purchases >= 3")
        try Self.expectConforms(try store.segq(["why", "--json", "--now", Self.now, friend, vip]), to: "why.schema.json")
    }

    @Test func schemaAndValuesConform() throws {
        let store = try CatalogCommandTests.store()
        let described = try Self.expectConforms(try store.segq(["schema", "--json"]), to: "schema.schema.json")
        #expect(Self.member(described, "kind") == .string("SQLite"))
        #expect(Self.member(described, "friends") == .integer(2000))
        try Self.expectConforms(try CLIRunner.run(["schema", "--json", "--store", "samples/friends.jsonl"]), to: "schema.schema.json")

        let values = try Self.expectConforms(try store.segq(["values", "--json", "tag"]), to: "values.schema.json")
        guard case .array(let list)? = Self.member(values, "values") else { Issue.record("no values"); return }
        let counts = list.compactMap { value -> Int64? in
            if case .integer(let n)? = Self.member(value, "friends") { return n } else { return nil }
        }
        #expect(counts.count == list.count && !counts.isEmpty)
        #expect(counts == counts.sorted(by: >), "most held first: \(counts)")
        let vip = try Self.expectConforms(try store.segq(["values", "--json", "--limit", "1", "tag", "vi"]), to: "values.schema.json")
        #expect(Self.member(vip, "values").map { if case .array(let a) = $0 { return a.count } else { return -1 } } == 1)

        let unknown = try Self.expectConforms(try store.segq(["values", "--json", "shopfy.tag"]), to: "error.schema.json", status: 1)
        #expect(Self.member(unknown, "error") == .string("unknown field `shopfy.tag`; did you mean `shopify.tag`?"))
        let text = try store.segq(["values", "shopfy.tag"])
        #expect(text.status == 1)
        #expect(text.stderr.contains("did you mean `shopify.tag`?"), "\(text.combined)")
    }

    @Test func catalogCommandsConform() throws {
        let store = try CatalogCommandTests.store()
        let query = #"tag = "VIP" and shopify.purchases >= 2"#
        let saved = try Self.expectConforms(try store.segq(["segment", "save", "--json", "Repeat VIPs", "--query", query]),
                                            to: "segment-save.schema.json")
        #expect(Self.member(saved, "replaced") == .null)
        let replaced = try Self.expectConforms(
            try store.segq(["segment", "save", "--json", "Repeat VIPs", "--folder", "Loyalty", "--replace", "--query", #"tag = "VIP""#]),
            to: "segment-save.schema.json")
        #expect(Self.member(replaced, "replaced") != .null)
        try Self.expectConforms(try store.segq(["segment", "save", "--json", "Fans", "--query", #"segment = "Repeat VIPs""#]),
                                to: "segment-save.schema.json")
        try Self.expectConforms(try store.segq(["segment", "save", "--json", "Broken", "--query", "shopfy.purchases >= 3"]),
                                to: "error.schema.json", status: 1)
        try Self.expectConforms(try store.segq(["segment", "show", "--json", "Repeat VIPs"]), to: "segment-show.schema.json")
        try Self.expectConforms(try store.segq(["segment", "list", "--json"]), to: "segment-list.schema.json")
        try Self.expectConforms(try store.segq(["segment", "drop", "--json", "Repeat VIPs"]), to: "error.schema.json", status: 1)

        try Self.expectConforms(try store.segq(["tag", "add", "--json", "Contacted", "--query", "shopify.purchases >= 5"]),
                                to: "tag-apply.schema.json")
        try Self.expectConforms(try store.segq(["tag", "remove", "--json", "Contacted", "--query", "shopify.purchases >= 6"]),
                                to: "tag-apply.schema.json")
        try Self.expectConforms(try store.segq(["tag", "usage", "--json", "VIP"]), to: "tag-usage.schema.json")
        try Self.expectConforms(try store.segq(["tag", "folder", "--json", "VIP", "Loyalty"]), to: "tag-folder.schema.json")
        try Self.expectConforms(try store.segq(["tag", "list", "--json"]), to: "tag-list.schema.json")
        let renamed = try Self.expectConforms(try store.segq(["tag", "rename", "--json", "VIP", "VIP 2026"]), to: "tag-change.schema.json")
        #expect(Self.member(renamed, "segments_rewritten") == .array([.string("Repeat VIPs")]))
        try Self.expectConforms(try store.segq(["tag", "delete", "--json", "VIP 2026"]), to: "error.schema.json", status: 1)
        try Self.expectConforms(try store.segq(["tag", "delete", "--json", "--force", "VIP 2026"]), to: "tag-change.schema.json")
        let moved = try Self.expectConforms(try store.segq(["segment", "move", "--json", "Fans", "--folder", "Archive"]),
                                            to: "segment-move.schema.json")
        #expect(Self.member(moved, "to") == .string("Archive"))
        try Self.expectConforms(try store.segq(["segment", "move", "--json", "Nobody", "--none"]), to: "error.schema.json", status: 1)
        try Self.expectConforms(try store.segq(["segment", "drop", "--json", "Fans"]), to: "segment-drop.schema.json")
    }

    @Test func proposalsConform() throws {
        let store = try CatalogCommandTests.store()
        let vip = #"tag = "VIP" and shopify.purchases >= 3"#
        let dry = try Self.expectConforms(try store.segq(["propose", "--now", Self.now, vip]), to: "propose.schema.json")
        #expect(Self.member(dry, "count") == .integer(Int64(try store.count(vip))))
        try Self.expectConforms(try store.segq(["propose", "shopfy.purchases >= 3"]), to: "propose.schema.json", status: 1)

        let saved = try Self.expectConforms(try store.segq(["propose", "--name", "Repeat VIPs", "--folder", "Loyalty", "--by", "agent-7", vip]),
                                            to: "proposal.schema.json")
        #expect(Self.member(saved, "status") == .string("pending"))
        try Self.expectConforms(try store.segq(["propose", "tag", "add", "Contacted", "--query", "shopify.purchases >= 5"]),
                                to: "proposal.schema.json")
        let renamed = try Self.expectConforms(try store.segq(["propose", "tag", "rename", "VIP", "VIP 2026"]), to: "proposal.schema.json")
        #expect(Self.member(renamed, "new_name") == .string("VIP 2026"))
        #expect(try store.segq(["segment", "save", "Kyoto", "--query", #"tag = "Kyoto""#]).status == 0)
        try Self.expectConforms(try store.segq(["propose", "segment", "drop", "Kyoto"]), to: "proposal.schema.json")

        guard case .string(let id)? = Self.member(saved, "id") else { Issue.record("no proposal id"); return }
        #expect(try store.segq(["proposal", "cancel", id, "--note", "not this week"]).status == 0)
        let shown = try Self.expectConforms(try store.segq(["proposal", "show", "--json", id]), to: "proposal.schema.json")
        #expect(Self.member(shown, "decision").flatMap { Self.member($0, "status") } == .string("cancelled"))
        let listed = try Self.expectConforms(try store.segq(["proposal", "list", "--json"]), to: "proposal-list.schema.json")
        guard case .array(let proposals) = listed else { Issue.record("not a list"); return }
        #expect(proposals.count == 4)
        try Self.expectConforms(try store.segq(["proposal", "show", "--json", "zzzzzz"]), to: "error.schema.json", status: 1)
    }

    @Test func benchConforms() throws {
        let folder = try ScratchFolder("json-bench")
        let queries = try folder.write("queries.segq", "vip\ttag = \"VIP\"\n# a comment\nshopify.purchases >= 3\n")
        let bench = try Self.expectConforms(try CLIRunner.run(["bench", "--json", "--runs", "2", "--store", "samples/friends.jsonl", queries]),
                                            to: "bench.schema.json")
        guard case .array(let timed)? = Self.member(bench, "queries") else { Issue.record("no queries"); return }
        #expect(timed.count == 2)
        #expect(timed.first.flatMap { Self.member($0, "count") } == .integer(240))
    }

    @Test func importReportConforms() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segq-json-import-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let report = try Self.expectConforms(
            try CLIRunner.run(["import", "--json", "--store", path, "samples/friends.jsonl", "samples/bad-friends.jsonl"]),
            to: "import.schema.json", status: 1)
        guard case .array(let skipped)? = Self.member(report, "skipped") else { Issue.record("no skipped records"); return }
        #expect(skipped.count == 6)
        #expect(skipped.first.flatMap { Self.member($0, "file") } == .string("samples/bad-friends.jsonl"))
        #expect(Self.member(report, "imported") == .integer(2001))
        let strict = try Self.expectConforms(
            try CLIRunner.run(["import", "--json", "--strict", "--store", path, "samples/bad-friends.jsonl"]),
            to: "import.schema.json", status: 1)
        #expect(Self.member(strict, "refused") == .string("strict"))
        try Self.expectConforms(try CLIRunner.run(["import", "--json", "--store", path, "missing.jsonl"]),
                                to: "error.schema.json", status: 1)
    }

    /// The check above can fail: a key a schema does not list is reported,
    /// as are a wrong type and a missing required key.
    @Test func validatorReportsUnlistedKeysWrongTypesAndMissingKeys() throws {
        var validator = JSONSchemaValidator(directory: Self.schemas)
        let store = #""store": {"path": "s.sqlite", "kind": "sqlite", "friends": 3, "zone": "UTC"}, "#
        let good = try JSONDocument.parse("{" + store + #""action": "add", "tag": "VIP", "friends": 3, "audiences": []}"#)
        #expect(try validator.problems(good, against: "tag-apply.schema.json").isEmpty)
        let extra = try JSONDocument.parse("{" + store + #""action": "add", "tag": "VIP", "friends": 3, "audiences": [], "segments": []}"#)
        #expect(try validator.problems(extra, against: "tag-apply.schema.json") == ["$: `segments` is not in the schema"])
        let wrong = try JSONDocument.parse("{" + store + #""action": "tag", "tag": "VIP", "friends": 3.5, "audiences": []}"#)
        #expect(try validator.problems(wrong, against: "tag-apply.schema.json").count == 2)
        let missing = try JSONDocument.parse("{" + store + #""action": "add", "friends": 3, "audiences": []}"#)
        #expect(try validator.problems(missing, against: "tag-apply.schema.json") == ["$: missing required `tag`"])
        // A reference to another schema file, and into its definitions, is followed.
        let unnamed = try JSONDocument.parse(("{" + store + #""action": "add", "tag": "VIP", "friends": 3, "audiences": []}"#)
            .replacingOccurrences(of: #""path": "s.sqlite", "#, with: ""))
        #expect(try validator.problems(unnamed, against: "tag-apply.schema.json") == ["$.store: missing required `path`"])
        let group = try JSONDocument.parse(#"{"store": {"path": "s", "kind": "sqlite", "friends": 1, "zone": "UTC"}, "ok": true, "diagnostics": [], "groups": [[{"field": "tag"}]]}"#)
        #expect(try validator.problems(group, against: "propose.schema.json").contains("$.groups[0][0]: missing required `type`"))
        let nested = try JSONDocument.parse(#"{"ok": false, "error": "x", "diagnostics": [{"severity": "error"}]}"#)
        #expect(try validator.problems(nested, against: "error.schema.json").contains("$.diagnostics[0]: missing required `code`"))
    }

    /// Every object schema under docs/schemas/ either lists its keys and
    /// refuses others, or says what every value must be (a map).
    @Test func everyObjectSchemaClosesItsKeys() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemas.path).filter { $0.hasSuffix(".schema.json") }
        #expect(files.count >= 26)
        var validator = JSONSchemaValidator(directory: Self.schemas)
        func walk(_ schema: JSONDocument, _ where_: String) {
            guard case .object(let rules) = schema else { return }
            if rules["properties"] != nil {
                #expect(rules["additionalProperties"] == .bool(false), "\(where_) does not close its keys")
            }
            if rules["type"] == .string("object"), rules["properties"] == nil {
                #expect(rules["additionalProperties"] != nil, "\(where_) is an object without keys or a value schema")
            }
            for (key, value) in rules {
                switch value {
                case .object(let inner) where key == "properties" || key == "$defs":
                    for (name, child) in inner { walk(child, "\(where_).\(key).\(name)") }
                case .array(let items):
                    for (i, child) in items.enumerated() { walk(child, "\(where_).\(key)[\(i)]") }
                default:
                    walk(value, "\(where_).\(key)")
                }
            }
        }
        for file in files.sorted() { walk(try validator.schema(file), file) }
    }
}
