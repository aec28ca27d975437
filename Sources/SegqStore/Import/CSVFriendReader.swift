import Foundation

/// Reads friends from CSV (docs/data-formats.md).
///
/// The header names the columns: `id` (required), `name`, `added_at`
/// (required in every row, as in JSON Lines), `tags` (`|`-separated),
/// dotted integration columns `shopify.id|tags|purchases|last_purchase_at|
/// abandoned_cart_at`, `hubspot.id|segments|<property>`,
/// `klaviyo.id|lists|<property>` (list cells `|`-separated), and any other
/// column `K`, which becomes the tag `K:value` where the cell is not empty.
/// Built-in names match case-insensitively. A non-empty integration cell
/// links the friend. Property cells are typed by their text: `true`/`false`
/// → bool, a JSON number → number, anything else → string. List items are
/// trimmed of spaces; other cells are kept as written (NFC). A bad header
/// rejects the whole file (reported at its line).
public struct CSVFriendReader: FriendReader {
    let input: ByteInput
    let ids: FriendIdRegistry?

    public init(contentsOf url: URL, ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.input = .file(path: url.path)
        self.ids = ids
    }

    public init(bytes: [UInt8], ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.input = .bytes(bytes)
        self.ids = ids
    }

    public init(text: String, ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.init(bytes: Array(text.utf8), ids: ids)
    }

    public func forEach(_ body: (Friend) throws -> Void) throws -> ImportReport {
        var report = ImportReport()
        var splitter = CSVRecordSplitter()
        var header: CSVHeader?
        var headerFailed = false
        let file = input.displayName
        func handle(_ record: CSVRecordSplitter.Record) throws {
            if headerFailed || record.isBlank { return }
            if let problem = record.problem {
                report.problems.append(ImportProblem(file: file, line: record.line, message: problem))
                return
            }
            guard let header else {
                do {
                    header = try CSVHeader(record)
                } catch let error as RecordError {
                    report.problems.append(ImportProblem(file: file, line: record.line, message: error.message))
                    headerFailed = true
                }
                return
            }
            let friend: Friend
            do {
                friend = try header.friend(from: record)
            } catch let error as RecordError {
                report.problems.append(ImportProblem(file: file, line: record.line, message: error.message))
                return
            }
            if let ids, let problem = ids.duplicateProblem(for: friend.id, line: record.line, file: file) {
                report.problems.append(problem)
                return
            }
            report.accepted += 1
            try body(friend)
        }
        try input.forEachChunk { chunk in try splitter.feed(chunk, handle) }
        try splitter.finish(handle)
        return report
    }
}

/// What each CSV column means, from the header row.
struct CSVHeader {
    enum Role: Equatable {
        case id, name, addedAt, tags
        case shopifyId, shopifyTags, shopifyPurchases, shopifyLastPurchase, shopifyAbandonedCart
        case hubspotId, hubspotSegments, hubspotProperty(String)
        case klaviyoId, klaviyoLists, klaviyoProperty(String)
        case keyValueTag(String)
        case unnamed
    }

    static let shopifyColumns = "shopify.id, shopify.tags, shopify.purchases, shopify.last_purchase_at, shopify.abandoned_cart_at"

    var roles: [Role] = []

    init(_ record: CSVRecordSplitter.Record) throws {
        var seen: Set<String> = []
        for i in 0..<record.fieldCount {
            let raw = record.field(i).trimmingCharacters(in: .whitespaces).nfcNormalized
            if raw.isEmpty { roles.append(.unnamed); continue }
            guard seen.insert(raw).inserted else { throw RecordError(message: "duplicate column `\(raw)` in the header") }
            roles.append(try CSVHeader.role(of: raw))
        }
        guard roles.contains(.id) else { throw RecordError(message: "the header has no `id` column") }
    }

    static func role(of name: String) throws -> Role {
        let lower = name.lowercased()
        switch lower {
        case "id": return .id
        case "name": return .name
        case "added_at": return .addedAt
        case "tags": return .tags
        case "shopify.id": return .shopifyId
        case "shopify.tags": return .shopifyTags
        case "shopify.purchases": return .shopifyPurchases
        case "shopify.last_purchase_at": return .shopifyLastPurchase
        case "shopify.abandoned_cart_at": return .shopifyAbandonedCart
        case "hubspot.id": return .hubspotId
        case "hubspot.segments": return .hubspotSegments
        case "klaviyo.id": return .klaviyoId
        case "klaviyo.lists": return .klaviyoLists
        default: break
        }
        if lower.hasPrefix("shopify.") {
            throw RecordError(message: "unknown column `\(name)`; Shopify columns are: \(shopifyColumns)")
        }
        for (prefix, make) in [("hubspot.", Role.hubspotProperty), ("klaviyo.", Role.klaviyoProperty)]
        where lower.hasPrefix(prefix) {
            let property = String(name.dropFirst(prefix.count))
            guard !property.isEmpty else { throw RecordError(message: "column `\(name)` names no property") }
            return make(property)
        }
        return .keyValueTag(name)
    }

    func friend(from record: CSVRecordSplitter.Record) throws -> Friend {
        guard record.fieldCount == roles.count else {
            throw RecordError(message: "expected \(roles.count) fields as in the header, found \(record.fieldCount)")
        }
        var id: String?
        var friend = Friend(id: "", addedAt: 0)
        var addedAt: Int64?
        var tags = OrderedStrings()
        var shopify: ShopifyData?
        var hubspot: CRMData?
        var klaviyo: CRMData?
        for (i, role) in roles.enumerated() {
            let cell = record.field(i)
            if cell.isEmpty { continue }
            let value = cell.nfcNormalized
            switch role {
            case .id: id = value
            case .name: friend.name = value
            case .addedAt: addedAt = try CSVHeader.time(value, "added_at")
            case .tags: for t in CSVHeader.list(value) { tags.insert(t) }
            case .shopifyId: shopify.linked.id = value
            case .shopifyTags: shopify.linked.tags = CSVHeader.list(value)
            case .shopifyPurchases:
                guard let n = Int64(value), n >= 0 else {
                    throw RecordError(message: "`shopify.purchases` must be a non-negative integer, found \"\(value)\"")
                }
                shopify.linked.purchases = n
            case .shopifyLastPurchase: shopify.linked.lastPurchaseAt = try CSVHeader.time(value, "shopify.last_purchase_at")
            case .shopifyAbandonedCart: shopify.linked.abandonedCartAt = try CSVHeader.time(value, "shopify.abandoned_cart_at")
            case .hubspotId: hubspot.linked.id = value
            case .hubspotSegments: hubspot.linked.lists = CSVHeader.list(value)
            case .hubspotProperty(let p): hubspot.linked.properties[p] = CSVHeader.property(value)
            case .klaviyoId: klaviyo.linked.id = value
            case .klaviyoLists: klaviyo.linked.lists = CSVHeader.list(value)
            case .klaviyoProperty(let p): klaviyo.linked.properties[p] = CSVHeader.property(value)
            case .keyValueTag(let key): tags.insert(key + ":" + value)
            case .unnamed: throw RecordError(message: "a value in column \(i + 1), which has no name in the header")
            }
        }
        guard let id, !id.isEmpty else { throw RecordError(message: "missing `id`") }
        guard let addedAt else { throw RecordError(message: "missing `added_at`") }
        friend.id = id
        friend.addedAt = addedAt
        friend.tags = tags.items
        friend.shopify = shopify
        friend.hubspot = hubspot
        friend.klaviyo = klaviyo
        return friend
    }

    static func time(_ text: String, _ path: String) throws -> Int64 {
        guard let ms = RFC3339.parse(text) else {
            throw RecordError(message: "`\(path)`: invalid RFC 3339 time \"\(text)\" (expected e.g. 2025-03-14T09:21:00Z)")
        }
        return ms
    }

    /// `|`-separated items, trimmed, empty ones dropped, de-duplicated.
    static func list(_ text: String) -> [String] {
        var out = OrderedStrings()
        for piece in text.split(separator: "|", omittingEmptySubsequences: true) {
            let item = piece.trimmingCharacters(in: .whitespaces)
            if !item.isEmpty { out.insert(item) }
        }
        return out.items
    }

    static func property(_ text: String) -> PropertyValue {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if isJSONNumber(text), let d = Double(text), d.isFinite { return .number(d) }
        return .string(text)
    }

    /// The JSON number grammar (so `01234` or `1e` stay strings).
    static func isJSONNumber(_ text: String) -> Bool {
        var it = Array(text.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let b = it.first, b >= 0x30 && b <= 0x39 { it = it.dropFirst(); n += 1 }
            return n
        }
        if it.first == 0x2D { it = it.dropFirst() }
        if it.first == 0x30 { it = it.dropFirst() } else if digits() == 0 { return false }
        if it.first == 0x2E { it = it.dropFirst(); if digits() == 0 { return false } }
        if let e = it.first, e == 0x65 || e == 0x45 {
            it = it.dropFirst()
            if let s = it.first, s == 0x2B || s == 0x2D { it = it.dropFirst() }
            if digits() == 0 { return false }
        }
        return it.isEmpty
    }
}

/// Strings in first-seen order without repeats.
struct OrderedStrings {
    private(set) var items: [String] = []
    private var seen: Set<String> = []

    mutating func insert(_ s: String) {
        if seen.insert(s).inserted { items.append(s) }
    }
}

extension Optional where Wrapped == ShopifyData {
    /// The data, created empty on first use (a non-empty cell links the friend).
    fileprivate var linked: ShopifyData {
        get { self ?? ShopifyData() }
        set { self = newValue }
    }
}

extension Optional where Wrapped == CRMData {
    fileprivate var linked: CRMData {
        get { self ?? CRMData() }
        set { self = newValue }
    }
}
