import SegqStore
import Dispatch

/// Builds an `InMemoryStore` column by column while friends stream in:
/// each friend is split into its columns at once and not kept, so memory
/// grows with the columns only.
struct InMemoryStoreBuilder {
    var rowCount = 0
    /// Ids interned here unless they come from an import's registry.
    var ids = FriendIdTable()
    let idsFromRegistry: FriendIdRegistry?
    /// Strings are already NFC (they come from an importer).
    private let trustedNFC: Bool
    var name = StringColumnBuilder()
    var added = OrderedColumnBuilder<Int64>()
    var tags = SetColumnBuilder()
    var shopify = ShopifyColumnsBuilder()
    var hubspot = CRMColumnsBuilder()
    var klaviyo = CRMColumnsBuilder()
    /// Friends dropped because their id was already present.
    var duplicatesSkipped = 0

    /// `registry`: the import's id registry, whose codes are the order in
    /// which friends will be appended (the builder adopts it at the end).
    init(registry: FriendIdRegistry? = nil, trustedNFC: Bool = false) {
        self.idsFromRegistry = registry
        self.trustedNFC = trustedNFC
    }

    mutating func append(_ friend: Friend) {
        let f = trustedNFC ? friend : friend.nfcNormalized()
        if idsFromRegistry == nil {
            var id = f.id
            guard id.withUTF8({ ids.insert($0).inserted }) else { duplicatesSkipped += 1; return }
        }
        let row = rowCount
        rowCount += 1
        if let n = f.name { name.append(n, row: row) }
        added.append(f.addedAt, row: row)
        tags.append(f.tags, row: row)
        if let s = f.shopify { shopify.append(s, row: row) }
        if let h = f.hubspot { hubspot.append(h, row: row) }
        if let k = f.klaviyo { klaviyo.append(k, row: row) }
    }

    /// The store. Columns are independent, so they are built (sorted,
    /// indexed) concurrently. The ids are packed first and their dictionary dropped before the
    /// columns are built, so the two never add up to the peak.
    mutating func build(settings: StoreSettings) -> InMemoryStore {
        let n = rowCount
        let t0 = LoadTiming.now()
        let idColumn = FriendIdColumn(idsFromRegistry?.takeTable() ?? ids)
        ids = FriendIdTable()
        LoadTiming.report("pack ids", since: t0)
        let parts = self
        let name = Built<StringColumn>(), added = Built<OrderedColumn<Int64>>(), tags = Built<SetColumn>()
        let shopify = Built<ShopifyColumns>(), hubspot = Built<CRMColumns>(), klaviyo = Built<CRMColumns>()
        let tasks: [(String, () -> Void)] = [
            ("shopify", { shopify.value = parts.shopify.build(rowCount: n) }),
            ("added", { added.value = parts.added.build(rowCount: n) }),
            ("tags", { tags.value = parts.tags.build(rowCount: n) }),
            ("hubspot", { hubspot.value = parts.hubspot.build(rowCount: n) }),
            ("klaviyo", { klaviyo.value = parts.klaviyo.build(rowCount: n) }),
            ("name", { name.value = parts.name.build(rowCount: n) }),
        ]
        DispatchQueue.concurrentPerform(iterations: tasks.count) {
            let start = LoadTiming.now()
            tasks[$0].1()
            LoadTiming.report("build \(tasks[$0].0)", since: start)
        }
        let t = LoadTiming.now()
        defer { LoadTiming.report("statistics", since: t) }
        return InMemoryStore(
            settings: settings, rowCount: n, ids: idColumn,
            name: name.take(), added: added.take(), tags: tags.take(),
            shopify: shopify.take(), hubspot: hubspot.take(), klaviyo: klaviyo.take())
    }
}

/// One column built by a concurrent task; read once every task has finished.
private final class Built<T>: @unchecked Sendable {
    var value: T?

    func take() -> T {
        guard let value else { preconditionFailure("column task did not run") }
        return value
    }
}

extension Friend {
    /// This friend with every string in NFC.
    func nfcNormalized() -> Friend {
        func crm(_ d: CRMData?) -> CRMData? {
            guard let d else { return nil }
            var props: [String: PropertyValue] = [:]
            for (k, v) in d.properties {
                if case .string(let s) = v { props[k.nfcNormalized] = .string(s.nfcNormalized) } else { props[k.nfcNormalized] = v }
            }
            return CRMData(id: d.id?.nfcNormalized, lists: d.lists.map(\.nfcNormalized), properties: props)
        }
        var shopify = self.shopify
        if var s = shopify {
            s.id = s.id?.nfcNormalized
            s.tags = s.tags.map(\.nfcNormalized)
            shopify = s
        }
        return Friend(id: id.nfcNormalized, name: name?.nfcNormalized, addedAt: addedAt, tags: tags.map(\.nfcNormalized),
                      shopify: shopify, hubspot: crm(hubspot), klaviyo: crm(klaviyo))
    }
}
