import Testing
@testable import SegqStore

func readCSV(_ text: String) throws -> ([Friend], ImportReport) {
    var friends: [Friend] = []
    let report = try CSVFriendReader(text: text).forEach { friends.append($0) }
    return (friends, report)
}

@Suite struct CSVImportTests {
    let t0 = "2026-01-01T00:00:00Z"
    let ms0: Int64 = 1_767_225_600_000

    @Test func columnsMapOntoTheRecord() throws {
        let text = """
        id,name,added_at,tags,shopify.id,shopify.tags,shopify.purchases,shopify.last_purchase_at,hubspot.segments,hubspot.stage,hubspot.score,klaviyo.lists,klaviyo.vip,plan
        U1,Aiko,\(t0),VIP | Trade Show 2026,7012,wholesale,5,\(t0),Newsletter,Customer,12.5,VIP list|Newsletter,true,pro
        U2,,\(t0),,,,,,,,,,,
        """
        let (friends, report) = try readCSV(text)
        #expect(report == ImportReport(accepted: 2))
        #expect(friends[0] == Friend(
            id: "U1", name: "Aiko", addedAt: ms0, tags: ["VIP", "Trade Show 2026", "plan:pro"],
            shopify: ShopifyData(id: "7012", tags: ["wholesale"], purchases: 5, lastPurchaseAt: ms0),
            hubspot: CRMData(lists: ["Newsletter"], properties: ["stage": .string("Customer"), "score": .number(12.5)]),
            klaviyo: CRMData(lists: ["VIP list", "Newsletter"], properties: ["vip": .bool(true)])))
        #expect(friends[1] == Friend(id: "U2", addedAt: ms0))
    }

    @Test func anyNonEmptyIntegrationCellLinks() throws {
        let (friends, _) = try readCSV("id,added_at,shopify.purchases,klaviyo.city\na,\(t0),0,\nb,\(t0),,Osaka\n")
        #expect(friends[0].shopify == ShopifyData(purchases: 0))
        #expect(friends[0].klaviyo == nil)
        #expect(friends[1].shopify == nil)
        #expect(friends[1].klaviyo == CRMData(properties: ["city": .string("Osaka")]))
    }

    @Test func propertyCellsAreTypedByTheirText() {
        #expect(CSVHeader.property("3") == .number(3))
        #expect(CSVHeader.property("-2.5e1") == .number(-25))
        #expect(CSVHeader.property("01234") == .string("01234"))
        #expect(CSVHeader.property("true") == .bool(true))
        #expect(CSVHeader.property("True") == .string("True"))
        #expect(CSVHeader.property("1e") == .string("1e"))
    }

    @Test func keyValueTagsFromOtherColumns() throws {
        let (friends, _) = try readCSV("id,added_at,plan,region,tags\na,\(t0),pro,東京,plan:pro\n")
        #expect(friends.first?.tags == ["plan:pro", "region:東京"])
    }

    @Test func quotingPerRFC4180() throws {
        let text = "id,name,added_at,tags\r\n"
            + "a,\"Tanaka, \"\"Aiko\"\"\",\(t0),\"x|y\"\r\n"
            + "b,\"two\nlines\",\(t0),\r\n"
            + "c,plain,\(t0),\r\n"
        let (friends, report) = try readCSV(text)
        #expect(report.isClean)
        #expect(friends.map(\.name) == ["Tanaka, \"Aiko\"", "two\nlines", "plain"])
        #expect(friends[0].tags == ["x", "y"])
    }

    @Test func lineNumbersAreWhereRecordsStart() throws {
        let text = "id,name,added_at\n"
            + "a,\"multi\nline\nname\",\(t0)\n"
            + "b,x,bad-time\n"
        let (friends, report) = try readCSV(text)
        #expect(friends.map(\.id) == ["a"])
        #expect(report.problems == [ImportProblem(line: 5, message:
            "`added_at`: invalid RFC 3339 time \"bad-time\" (expected e.g. 2025-03-14T09:21:00Z)")])
    }

    @Test(arguments: [
        ("a,\(Self.time),x,\"oops", 2, "unterminated quoted field"),
        ("a,\(Self.time),x\"y,", 2, "quote inside an unquoted field at column 25"),
        ("a,\(Self.time),\"x\"y,", 2, "unexpected character after a closing quote at column 27"),
        ("a,\(Self.time)", 2, "expected 4 fields as in the header, found 2"),
        (",\(Self.time),,", 2, "missing `id`"),
        ("a,,,", 2, "missing `added_at`"),
        ("a,\(Self.time),,many", 2, "`shopify.purchases` must be a non-negative integer, found \"many\""),
        ("a,\(Self.time),,-1", 2, "`shopify.purchases` must be a non-negative integer, found \"-1\""),
        ("a,2026-02-30T00:00:00Z,,", 2, "`added_at`: invalid RFC 3339 time \"2026-02-30T00:00:00Z\" (expected e.g. 2025-03-14T09:21:00Z)"),
    ])
    func badRowIsReported(row: String, line: Int, message: String) throws {
        let (friends, report) = try readCSV("id,added_at,name,shopify.purchases\n" + row + "\n")
        #expect(friends.isEmpty)
        #expect(report.problems == [ImportProblem(line: line, message: message)])
    }
    static let time = "2026-01-01T00:00:00Z"

    @Test(arguments: [
        ("name,added_at", "the header has no `id` column"),
        ("id,added_at,id", "duplicate column `id` in the header"),
        ("id,added_at,shopify.orders", "unknown column `shopify.orders`; Shopify columns are: shopify.id, shopify.tags, shopify.purchases, shopify.last_purchase_at, shopify.abandoned_cart_at"),
        ("id,added_at,hubspot.", "column `hubspot.` names no property"),
    ])
    func badHeaderRejectsTheFile(header: String, message: String) throws {
        let (friends, report) = try readCSV("\n" + header + "\na,\(Self.time),x\n")
        #expect(friends.isEmpty)
        #expect(report.problems == [ImportProblem(line: 2, message: message)])
    }

    @Test func unnamedColumnsMustStayEmpty() throws {
        let (friends, report) = try readCSV("id,added_at,\na,\(t0),\nb,\(t0),x\n")
        #expect(friends.map(\.id) == ["a"])
        #expect(report.problems == [ImportProblem(line: 3, message: "a value in column 3, which has no name in the header")])
    }

    @Test func duplicateIdsInCSV() throws {
        let (friends, report) = try readCSV("id,added_at\na,\(t0)\na,\(t0)\n")
        #expect(friends.count == 1)
        #expect(report.problems == [ImportProblem(line: 3, message: "duplicate id `a` (first seen at line 2)")])
    }

    @Test func builtInHeadersMatchCaseInsensitively() throws {
        let (friends, _) = try readCSV("ID,Added_At,Name\na,\(t0),Bo\n")
        #expect(friends == [Friend(id: "a", name: "Bo", addedAt: ms0)])
    }
}
