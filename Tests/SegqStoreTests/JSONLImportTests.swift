import Testing
@testable import SegqStore

/// Reads JSONL text and returns the accepted friends and the report.
func readJSONL(_ text: String) throws -> ([Friend], ImportReport) {
    var friends: [Friend] = []
    let report = try JSONLFriendReader(text: text).forEach { friends.append($0) }
    return (friends, report)
}

@Suite struct JSONLImportTests {
    @Test func fullRecordParses() throws {
        let line = #"""
        {"id":"U1","name":"Aiko Tanaka","added_at":"2025-03-14T09:21:00Z","tags":["VIP","Trade Show 2026"],"shopify":{"id":"7012345","tags":["wholesale"],"purchases":5,"last_purchase_at":"2026-10-01T12:00:00Z","abandoned_cart_at":"2026-11-20T08:00:00Z"},"hubspot":{"id":"501","segments":["Newsletter"],"properties":{"stage":"Customer","lead_status":"OPEN","company":"Acme"}},"klaviyo":{"id":"01HZX","lists":["VIP list"],"properties":{"city":"Osaka","orders":3,"vip":true,"gone":null}}}
        """#
        let (friends, report) = try readJSONL(line)
        #expect(report == ImportReport(accepted: 1, problems: []))
        let f = try #require(friends.first)
        #expect(f.id == "U1")
        #expect(f.name == "Aiko Tanaka")
        #expect(f.addedAt == RFC3339.parse("2025-03-14T09:21:00Z"))
        #expect(f.tags == ["VIP", "Trade Show 2026"])
        #expect(f.shopify == ShopifyData(id: "7012345", tags: ["wholesale"], purchases: 5,
                                         lastPurchaseAt: 1_790_856_000_000, abandonedCartAt: 1_795_161_600_000))
        #expect(f.hubspot == CRMData(id: "501", lists: ["Newsletter"],
                                     properties: ["stage": .string("Customer"), "lead_status": .string("OPEN"),
                                                  "company": .string("Acme")]))
        #expect(f.klaviyo == CRMData(id: "01HZX", lists: ["VIP list"],
                                     properties: ["city": .string("Osaka"), "orders": .number(3), "vip": .bool(true)]))
    }

    @Test func minimalRecordHasNoIntegrations() throws {
        let (friends, report) = try readJSONL(#"{"id":"a","added_at":"2026-01-01T00:00:00Z"}"#)
        #expect(report.accepted == 1)
        #expect(friends == [Friend(id: "a", addedAt: 1_767_225_600_000)])
    }

    @Test func nullMeansAbsent() throws {
        let (friends, report) = try readJSONL(
            #"{"id":"a","name":null,"added_at":"2026-01-01T00:00:00Z","tags":null,"shopify":null,"hubspot":{"id":null,"segments":null,"properties":null}}"#)
        #expect(report.isClean)
        #expect(friends == [Friend(id: "a", addedAt: 1_767_225_600_000, hubspot: CRMData())])
    }

    @Test func blankLinesAreSkippedAndLinesCounted() throws {
        let text = "\n" + #"{"id":"a","added_at":"2026-01-01T00:00:00Z"}"# + "\r\n  \n" + #"{"id":"b""# + "\n"
        let (friends, report) = try readJSONL(text)
        #expect(friends.map(\.id) == ["a"])
        #expect(report.problems.map(\.line) == [4])
    }

    /// Every kind of bad line, with the exact message and line number.
    @Test(arguments: [
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z""#, "invalid JSON at column 44: expected ',' or '}', found end of line"),
        (#"{"id":"a" "added_at":1}"#, "invalid JSON at column 11: expected ',' or '}', found '\"'"),
        (#"{"id":"東京","added_at":x}"#, "invalid JSON at column 23: expected a value, found 'x'"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z"} x"#, "invalid JSON at column 46: unexpected 'x' after the object"),
        (#"{"id":"a\q","added_at":"2026-01-01T00:00:00Z"}"#, "invalid JSON at column 9: invalid escape '\\q'"),
        (#"[1,2]"#, "expected a JSON object, found an array"),
        (#"{"added_at":"2026-01-01T00:00:00Z"}"#, "missing required field `id`"),
        (#"{"id":"","added_at":"2026-01-01T00:00:00Z"}"#, "`id` must not be empty"),
        (#"{"id":7,"added_at":"2026-01-01T00:00:00Z"}"#, "`id` must be a string, found a number"),
        (#"{"id":"a"}"#, "missing required field `added_at`"),
        (#"{"id":"a","added_at":"2026-02-30T00:00:00Z"}"#, "`added_at`: invalid RFC 3339 time \"2026-02-30T00:00:00Z\" (expected e.g. 2025-03-14T09:21:00Z)"),
        (#"{"id":"a","added_at":"2026-01-01"}"#, "`added_at`: invalid RFC 3339 time \"2026-01-01\" (expected e.g. 2025-03-14T09:21:00Z)"),
        (#"{"id":"a","added_at":1767225600}"#, "`added_at` must be an RFC 3339 time string, found a number"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","tags":"VIP"}"#, "`tags` must be an array of strings, found a string"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","tags":["VIP",3]}"#, "`tags` must be an array of strings; element 2 is a number"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","shopify":{"purchases":"5"}}"#, "`shopify.purchases` must be an integer, found a string"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","shopify":{"purchases":2.5}}"#, "`shopify.purchases` must be an integer, found a non-integral number"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","shopify":{"purchases":-1}}"#, "`shopify.purchases` must not be negative"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","shopify":{"orders":1}}"#, "unknown key `orders` in `shopify`; allowed keys: id, tags, purchases, last_purchase_at, abandoned_cart_at"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","hubspot":{"lists":[]}}"#, "unknown key `lists` in `hubspot`; allowed keys: id, segments, properties"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","klaviyo":{"segments":[]}}"#, "unknown key `segments` in `klaviyo`; allowed keys: id, lists, properties"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","tag":["VIP"]}"#, "unknown key `tag`; allowed keys: id, name, added_at, tags, shopify, hubspot, klaviyo"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","klaviyo":{"properties":{"x":[1]}}}"#, "property `klaviyo.x` must be a string, number or boolean, found an array"),
        (#"{"id":"a","id":"b","added_at":"2026-01-01T00:00:00Z"}"#, "duplicate key `id`"),
        (#"{"id":"a","added_at":"2026-01-01T00:00:00Z","shopify":[]}"#, "`shopify` must be an object, found an array"),
    ])
    func badLineIsReported(line: String, message: String) throws {
        let good = #"{"id":"ok","added_at":"2026-01-01T00:00:00Z"}"#
        let (friends, report) = try readJSONL(good + "\n" + line + "\n" + good.replacingOccurrences(of: "ok", with: "ok2"))
        #expect(friends.map(\.id) == ["ok", "ok2"])
        #expect(report.accepted == 2)
        #expect(report.problems == [ImportProblem(line: 2, message: message)])
    }

    @Test func invalidUTF8IsABadLine() throws {
        var bytes = Array(#"{"id":"a","added_at":"2026-01-01T00:00:00Z"}"#.utf8) + [0x0A]
        bytes += Array(#"{"id":"b"#.utf8) + [0xFF, 0xFE] + Array(#"","added_at":"2026-01-01T00:00:00Z"}"#.utf8)
        var friends: [Friend] = []
        let report = try JSONLFriendReader(bytes: bytes).forEach { friends.append($0) }
        #expect(friends.map(\.id) == ["a"])
        #expect(report.problems.map(\.line) == [2])
        #expect(report.problems.first?.message.contains("invalid UTF-8") == true)
    }

    /// Repeated property names are refused whether the object is small or large.
    @Test(arguments: [2, 31, 32, 33, 200])
    func duplicatePropertyKeys(count: Int) throws {
        let keys = (0 ..< count).map { "\"p\($0)\":\($0)" }
        let good = #"{"id":"a","added_at":"2026-01-01T00:00:00Z","klaviyo":{"properties":{"#
            + keys.joined(separator: ",") + "}}}"
        let bad = #"{"id":"b","added_at":"2026-01-01T00:00:00Z","klaviyo":{"properties":{"#
            + (keys + ["\"p\(count - 1)\":null"]).joined(separator: ",") + "}}}"
        let (friends, report) = try readJSONL(good + "\n" + bad)
        #expect(friends.map(\.id) == ["a"])
        #expect(friends.first?.klaviyo?.properties.count == count)
        #expect(report.problems == [ImportProblem(line: 2, message: "duplicate key `klaviyo.properties.p\(count - 1)`")])
    }

    @Test func duplicateIdNamesBothLines() throws {
        let text = [#"{"id":"a","added_at":"2026-01-01T00:00:00Z"}"#,
                    #"{"id":"b","added_at":"2026-01-01T00:00:00Z"}"#,
                    #"{"id":"a","added_at":"2026-01-02T00:00:00Z"}"#].joined(separator: "\n")
        let (friends, report) = try readJSONL(text)
        #expect(friends.map(\.id) == ["a", "b"])
        #expect(report.problems == [ImportProblem(line: 3, message: "duplicate id `a` (first seen at line 1)")])
    }

    @Test func duplicatesAcrossFilesShareARegistry() throws {
        let ids = FriendIdRegistry()
        _ = try JSONLFriendReader(text: #"{"id":"a","added_at":"2026-01-01T00:00:00Z"}"#, ids: ids).forEach { _ in }
        let report = try JSONLFriendReader(text: #"{"id":"a","added_at":"2026-01-01T00:00:00Z"}"#, ids: ids).forEach { _ in }
        #expect(report.accepted == 0)
        #expect(report.problems.first?.message == "duplicate id `a` (first seen at line 1)")
    }

    @Test func stringsAreNFCAndEscapesDecoded() throws {
        // "e" + U+0301 (NFD) and an escaped "é" both become NFC U+00E9.
        let text = #"{"id":"a","name":"Cafe\u0301 \"x\"","added_at":"2026-01-01T00:00:00Z","tags":["cafe\#u{301}","\ud83d\ude00"]}"#
        let (friends, report) = try readJSONL(text)
        #expect(report.isClean)
        let f = try #require(friends.first)
        #expect(Array(f.name!.unicodeScalars) == Array("Caf\u{E9} \"x\"".unicodeScalars))
        #expect(Array(f.tags[0].unicodeScalars) == Array("caf\u{E9}".unicodeScalars))
        #expect(f.tags[1] == "😀")
    }

    @Test func listsAreDeduplicated() throws {
        let (friends, _) = try readJSONL(#"{"id":"a","added_at":"2026-01-01T00:00:00Z","tags":["x","y","x"]}"#)
        #expect(friends.first?.tags == ["x", "y"])
    }

    @Test func longLinesSpanChunks() throws {
        let tags = (0..<5000).map { "\"tag\($0)\"" }.joined(separator: ",")
        let line = #"{"id":"a","added_at":"2026-01-01T00:00:00Z","tags":["# + tags + "]}"
        var friends: [Friend] = []
        // A file is read in chunks; simulate with small chunks through the splitter.
        var splitter = LineSplitter()
        let bytes = Array((line + "\n" + line.replacingOccurrences(of: "\"a\"", with: "\"b\"")).utf8)
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(start + 777, all.count)
                try splitter.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { _, l in
                    friends.append(try JSONRecordParser.parse(l))
                }
                start = end
            }
            try splitter.finish { _, l in friends.append(try JSONRecordParser.parse(l)) }
        }
        #expect(friends.map(\.id) == ["a", "b"])
        #expect(friends.allSatisfy { $0.tags.count == 5000 })
    }
}
