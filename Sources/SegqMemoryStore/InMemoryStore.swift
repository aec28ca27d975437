import SegqStore
import Foundation
import SegqSemantics

/// A columnar friend store held in memory.
///
/// Rows are dense ids `0 ..< count` in import order. Every field is a
/// column over those rows with a presence bitmap for missing values;
/// strings are dictionary-encoded (low-cardinality ones with a bitmap per
/// value), except integration ids, which are nearly unique and kept plain;
/// sets are CSR arrays with a bitmap index per element; times, integers
/// and numbers keep a sorted order with checkpoint bitmaps for ranges.
/// Evaluation returns `Bitmap`s of rows (`evaluate(_:)`), with exact
/// missing-value semantics (Grammar/README.md "Missing values and negation"): every `Atom` is a positive
/// test, false where the value is missing.
///
/// Immutable once built, so it can be shared across threads.
public struct InMemoryStore: Sendable {
    public let settings: StoreSettings
    public let count: Int
    /// Row `r`'s id.
    let ids: FriendIdColumn
    let name: StringColumn
    let added: OrderedColumn<Int64>
    let tags: SetColumn
    let shopify: ShopifyColumns
    let hubspot: CRMColumns
    let klaviyo: CRMColumns
    /// Per-column statistics, computed once when the store is built.
    public private(set) var statistics: StoreStatistics

    init(settings: StoreSettings, rowCount: Int, ids: FriendIdColumn, name: StringColumn,
         added: OrderedColumn<Int64>, tags: SetColumn, shopify: ShopifyColumns, hubspot: CRMColumns,
         klaviyo: CRMColumns) {
        self.settings = settings
        self.count = rowCount
        self.ids = ids
        self.name = name
        self.added = added
        self.tags = tags
        self.shopify = shopify
        self.hubspot = hubspot
        self.klaviyo = klaviyo
        self.statistics = StoreStatistics(friendCount: rowCount, linkedCounts: [:], columns: [:],
                                          hubspotProperties: [:], klaviyoProperties: [:])
        self.statistics = StoreStatistics.collect(self)
    }

    /// Builds a store from friends in order. Strings are NFC-normalised; a
    /// friend whose id was already seen is skipped (the first one wins).
    public init(friends: some Sequence<Friend>, settings: StoreSettings = StoreSettings()) {
        var builder = InMemoryStoreBuilder()
        for f in friends { builder.append(f) }
        self = builder.build(settings: settings)
    }

    /// Loads `.jsonl`/`.ndjson`/`.csv` files in order, streaming, with
    /// duplicate ids detected across all of them. Lenient: bad records are
    /// reported and skipped. Strict: any problem yields an empty store
    /// (and a report with `accepted == 0` and every problem).
    /// Throws `ImportError` when a file cannot be read or has an unknown type.
    public static func load(contentsOf urls: [URL], settings: StoreSettings = StoreSettings(),
                            strict: Bool = false) throws -> (InMemoryStore, ImportReport) {
        FreedMemory.prepareForLoad()
        let (store, report) = try build(urls, settings: settings, strict: strict)
        // The builder's buffers are gone now: hand their pages back.
        FreedMemory.release()
        FreedMemory.prepareForQueries()
        return (store, report)
    }

    private static func build(_ urls: [URL], settings: StoreSettings,
                              strict: Bool) throws -> (InMemoryStore, ImportReport) {
        let t0 = LoadTiming.now()
        let registry = FriendIdRegistry()
        var builder = InMemoryStoreBuilder(registry: registry, trustedNFC: true)
        var report = ImportReport()
        // JSON Lines are parsed on worker threads; other formats are read on
        // one thread while this one builds the columns.
        let readers: [any FriendReader] = try urls.map { url in
            if FriendFileFormat(url: url) == .jsonLines { return ParallelJSONLFriendReader(contentsOf: url, ids: registry) }
            return try FriendFileFormat.reader(for: url, ids: registry)
        }
        for reader in readers {
            if let parallel = reader as? ParallelJSONLFriendReader {
                var remaps = BlockRemaps()
                var first = true
                report.merge(try parallel.forEachBlock { block, rows in
                    if first, let estimate = parallel.estimatedRowCount(from: block) {
                        builder.reserveCapacity(rows: builder.rowCount + estimate, like: block)
                    }
                    first = false
                    builder.append(block: block, rows: rows, remaps: &remaps)
                })
            } else {
                report.merge(try FriendPipeline.run(reader) { builder.append($0) })
            }
        }
        if strict && !report.isClean {
            return (InMemoryStore(friends: [], settings: settings), report.strictened())
        }
        LoadTiming.report("read, parse and append rows", since: t0)
        let t1 = LoadTiming.now()
        let built = builder.build(settings: settings)
        LoadTiming.report("build columns and statistics", since: t1)
        return (built, report)
    }

    public static func load(contentsOf urls: [URL], settings: StoreSettings = StoreSettings(),
                            strictness: ImportStrictness) throws -> (InMemoryStore, ImportReport) {
        try load(contentsOf: urls, settings: settings, strict: strictness == .strict)
    }

    // MARK: Rows

    /// The id of `row` (`0 ..< count`).
    public func id(at row: Int) -> String {
        guard row >= 0 && row < ids.count else { return "" }
        return ids.string(at: row)
    }

    /// The row of the friend with this id, if any.
    public func row(ofId id: String) -> Int? {
        ids.row(of: id.nfcNormalized)
    }

    /// The number of friends (the planner's name for `count`).
    public var friendCount: Int { count }

    /// The id of the friend at `row` (the planner's name for `id(at:)`).
    public func friendID(atRow row: Int) -> String { id(at: row) }

    /// The friend at `row` (the planner's name for `friend(at:)`).
    public func friend(atRow row: Int) -> Friend { friend(at: row) }

    /// Materialises one row (`0 ..< count`) as a `Friend`, lists in import order.
    public func friend(at row: Int) -> Friend {
        Friend(id: id(at: row), name: name.value(at: row), addedAt: added.value(at: row) ?? 0,
               tags: tags.elements(at: row) ?? [], shopify: shopify.data(at: row),
               hubspot: hubspot.data(at: row), klaviyo: klaviyo.data(at: row))
    }

    /// The friends of the first `limit` rows of `rows` (all when nil), in row order.
    public func friends(in rows: Bitmap, limit: Int? = nil) -> [Friend] {
        rows.rows(limit: limit).map { friend(at: $0) }
    }

    /// Every row.
    public var allRows: Bitmap { Bitmap.all(count) }

    /// Approximate bytes held by the columns and indexes.
    public var memoryFootprint: Int { memoryBreakdown.reduce(0) { $0 + $1.bytes } }

    /// Approximate bytes per part of the store (ids, each column with its
    /// indexes), in a fixed order.
    public var memoryBreakdown: [(part: String, bytes: Int)] {
        func crm(_ name: String, _ c: CRMColumns) -> [(part: String, bytes: Int)] {
            [("\(name).linked", c.linked.words.capacity * 8), ("\(name).id", c.id.memoryFootprint),
             ("\(name) lists", c.lists.memoryFootprint),
             ("\(name) properties", c.properties.values.reduce(0) { $0 + $1.memoryFootprint })]
        }
        return [("ids", ids.memoryFootprint), ("name", name.memoryFootprint), ("added", added.memoryFootprint),
                ("tags", tags.memoryFootprint), ("shopify.linked", shopify.linked.words.capacity * 8),
                ("shopify.id", shopify.id.memoryFootprint), ("shopify.tags", shopify.tags.memoryFootprint),
                ("shopify.purchases", shopify.purchases.memoryFootprint),
                ("shopify.last_purchase_at", shopify.lastPurchaseAt.memoryFootprint),
                ("shopify.abandoned_cart_at", shopify.abandonedCartAt.memoryFootprint)]
            + crm("hubspot", hubspot) + crm("klaviyo", klaviyo)
    }
}
