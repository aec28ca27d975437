import SegqStore
/// Planner statistics: kept up to date inside each import's transaction
/// from the friends it wrote (`FriendChanges`, `SQLiteStore+StatisticsUpdate`;
/// recomputed from every row by `refreshStatistics()` when a store is
/// migrated, and for the tag column after tag changes), stored in the
/// `statistics` table, read once per process and cached until the data changes.
extension SQLiteStore {
    /// `statistics.kind` codes.
    private enum StatKind: Int64 { case total = 0, present = 1, value = 2, bound = 3 }

    /// Properties with more distinct values than this get no per-value counts.
    static var maxCountedPropertyValues: Int { 1_000 }

    /// The store's statistics (as of the last import or tag change).
    public func statistics() throws -> SQLiteStatistics {
        try checkForChangesElsewhere()
        if let cachedStatistics { return cachedStatistics }
        var stats = SQLiteStatistics()
        try withStatement("SELECT kind, column_key, value, value_kind, friends FROM statistics") { s in
            while try s.step() {
                let count = s.int(4)
                guard let kind = StatKind(rawValue: s.int64(0)) else { continue }
                if kind == .total { stats.friendCount = count; continue }
                guard let column = StatColumnKey.column(s.text(1)) else { continue }
                switch kind {
                case .total: break
                case .present: stats.presentCounts[column] = count
                case .value:
                    let value: Scalar
                    switch s.int64(3) {
                    case SQLiteSchema.PropertyKind.number.rawValue: value = .number(s.double(2))
                    case SQLiteSchema.PropertyKind.bool.rawValue: value = .bool(s.int64(2) != 0)
                    default: value = .string(s.text(2))
                    }
                    stats.valueCounts[column, default: [:]][value] = count
                case .bound:
                    stats.histograms[column, default: []].append(s.int64(2))
                    stats.countsBelow[column, default: [:]][s.int64(2)] = count
                }
            }
        }
        for key in stats.histograms.keys { stats.histograms[key]?.sort() }
        cachedStatistics = stats
        return stats
    }

    private static let insertStatisticSQL = "INSERT INTO statistics(kind, column_key, value, value_kind, friends) VALUES (?, ?, ?, ?, ?)"

    /// A column whose friends with a value `statistics` counts: its SQL
    /// count over `friends` and whether a friend holds it.
    struct CountedColumn: Sendable {
        let column: Column
        let sql: String
        let holds: @Sendable (Friend) -> Bool
    }

    static let countedColumns: [CountedColumn] = [
        CountedColumn(column: .name, sql: "count(name)") { $0.name != nil },
        CountedColumn(column: .shopifyLinked, sql: "sum(shopify_linked)") { $0.shopify != nil },
        CountedColumn(column: .shopifyId, sql: "count(shopify_id)") { $0.shopify?.id != nil },
        CountedColumn(column: .shopifyPurchases, sql: "count(shopify_purchases)") { $0.shopify != nil },
        CountedColumn(column: .shopifyLastPurchase, sql: "count(shopify_last_purchase_ms)") { $0.shopify?.lastPurchaseAt != nil },
        CountedColumn(column: .shopifyCartAbandonedAt, sql: "count(shopify_cart_abandoned_ms)") { $0.shopify?.abandonedCartAt != nil },
        CountedColumn(column: .hubspotLinked, sql: "sum(hubspot_linked)") { $0.hubspot != nil },
        CountedColumn(column: .hubspotId, sql: "count(hubspot_id)") { $0.hubspot?.id != nil },
        CountedColumn(column: .klaviyoLinked, sql: "sum(klaviyo_linked)") { $0.klaviyo != nil },
        CountedColumn(column: .klaviyoId, sql: "count(klaviyo_id)") { $0.klaviyo?.id != nil },
    ]

    /// A column with a histogram (and range bitmaps): its `friend_facts` column and a friend's value.
    struct OrderedColumn: Sendable {
        let column: Column
        let sql: String
        let value: @Sendable (Friend) -> Int64?
    }

    static let orderedColumns: [OrderedColumn] = [
        OrderedColumn(column: .added, sql: "added_ms") { $0.addedAt },
        OrderedColumn(column: .shopifyPurchases, sql: "shopify_purchases") { $0.shopify?.purchases },
        OrderedColumn(column: .shopifyLastPurchase, sql: "shopify_last_purchase_ms") { $0.shopify?.lastPurchaseAt },
        OrderedColumn(column: .shopifyCartAbandonedAt, sql: "shopify_cart_abandoned_ms") { $0.shopify?.abandonedCartAt },
    ]

    /// The set columns and their tables, in the order of `SQLiteSchema.setTables`.
    static let setColumns: [Column] = [.tag, .shopifyTag, .hubspotList, .klaviyoList]

    /// The rows of `statistics`, held in memory to be computed or updated and written back.
    struct StatisticsRows {
        var total: Int64 = 0
        /// Friends holding a value, by `StatColumnKey`.
        var present: [String: Int64] = [:]
        /// Friends per value (kind and value), by `StatColumnKey`.
        var values: [String: [FriendChanges.PropertyValueKey: Int64]] = [:]
        /// Histogram bounds with the number of values below each, by `StatColumnKey`, in order.
        var bounds: [String: [(value: Int64, below: Int64)]] = [:]

        func present(_ column: Column) -> Int64 { present[StatColumnKey.key(column)] ?? 0 }
    }

    /// Reads every row of `statistics`.
    func storedStatisticsRows() throws -> StatisticsRows {
        var rows = StatisticsRows()
        try withStatement("SELECT kind, column_key, value, value_kind, friends FROM statistics ORDER BY rowid") { s in
            while try s.step() {
                let key = s.text(1), n = s.int64(4)
                switch StatKind(rawValue: s.int64(0)) {
                case .total?: rows.total = n
                case .present?: rows.present[key] = n
                case .value?:
                    let kind = s.int64(3)
                    let value: SQLiteValue
                    switch kind {
                    case SQLiteSchema.PropertyKind.number.rawValue: value = .double(s.double(2))
                    case SQLiteSchema.PropertyKind.bool.rawValue: value = .int(s.int64(2))
                    default: value = .text(s.text(2))
                    }
                    rows.values[key, default: [:]][FriendChanges.PropertyValueKey(kind: kind, value: value)] = n
                case .bound?: rows.bounds[key, default: []].append((s.int64(2), n))
                case nil: break
                }
            }
        }
        return rows
    }

    /// Replaces the rows of `statistics` with `rows`.
    func writeStatistics(_ rows: StatisticsRows) throws {
        try db.execute("DELETE FROM statistics")
        let insert = try db.cached(Self.insertStatisticSQL)
        defer { insert.reset() }
        func put(_ kind: StatKind, _ key: String, _ value: SQLiteValue, _ valueKind: Int64?, _ n: Int64) throws {
            insert.reset()
            try insert.bind(kind.rawValue, at: 1)
            try insert.bind(key, at: 2)
            try insert.bind(value, at: 3)
            try insert.bind(valueKind, at: 4)
            try insert.bind(n, at: 5)
            try insert.run()
        }
        try put(.total, "", .null, nil, rows.total)
        for key in rows.present.keys.sorted() { try put(.present, key, .null, nil, rows.present[key]!) }
        for key in rows.values.keys.sorted() {
            for (value, n) in rows.values[key]! { try put(.value, key, value.value, value.kind, n) }
        }
        for key in rows.bounds.keys.sorted() {
            for bound in rows.bounds[key]! { try put(.bound, key, .int(bound.value), nil, bound.below) }
        }
        cachedStatistics = nil
    }

    /// Recomputes every statistic and bitmap from the rows (inside the caller's transaction).
    @discardableResult
    func refreshStatistics() throws -> StatisticsRows {
        var rows = StatisticsRows()
        // Sizes and presence: one scan of `friends`.
        let totals = try withStatement("SELECT count(*), " + Self.countedColumns.map(\.sql).joined(separator: ", ") + " FROM friends") { s in
            try s.step() ? (0...Self.countedColumns.count).map { s.int64(Int32($0)) } : Array(repeating: 0, count: Self.countedColumns.count + 1)
        }
        rows.total = totals[0]
        for (i, counted) in Self.countedColumns.enumerated() { rows.present[StatColumnKey.key(counted.column)] = totals[i + 1] }
        // Set values, along each value index; non-empty sets along the primary keys.
        for (column, set) in zip(Self.setColumns, SQLiteSchema.setTables) {
            let key = StatColumnKey.key(column)
            // GROUP BY walks the primary key in order; count(DISTINCT) would fill a temporary B-tree.
            rows.present[key] = try db.scalarInt("SELECT count(*) FROM (SELECT friend FROM \(set.table) GROUP BY friend)")
            var counts: [FriendChanges.PropertyValueKey: Int64] = [:]
            try withStatement("SELECT value, count(*) FROM \(set.table) GROUP BY value") { s in
                while try s.step() {
                    counts[FriendChanges.PropertyValueKey(kind: SQLiteSchema.PropertyKind.string.rawValue, value: .text(s.text(0)))] = s.int64(1)
                }
            }
            if !counts.isEmpty { rows.values[key] = counts }
        }
        // Properties: presence per name, values of names with few distinct values.
        try withStatement("SELECT integration, name, count(*) FROM properties GROUP BY integration, name") { s in
            while try s.step() {
                rows.present[StatColumnKey.key(Self.propertyColumn(s.int64(0), s.text(1)))] = s.int64(2)
            }
        }
        try withStatement("SELECT integration, name, kind, value, count(*) FROM properties GROUP BY integration, name, kind, value") { s in
            var current: String?
            var counts: [FriendChanges.PropertyValueKey: Int64] = [:]
            func flush() {
                if let current, counts.count <= Self.maxCountedPropertyValues { rows.values[current] = counts }
                counts = [:]
            }
            while try s.step() {
                let key = StatColumnKey.key(Self.propertyColumn(s.int64(0), s.text(1)))
                if key != current { flush(); current = key }
                if counts.count > Self.maxCountedPropertyValues { continue }
                counts[Self.propertyValueKey(s, kind: 2, value: 3)] = s.int64(4)
            }
            flush()
        }
        try db.execute("DELETE FROM row_bitmaps")
        let wordCount = try storeFlagBitmaps()
        try storeValueBitmaps(Self.wantedValueBitmaps(rows))
        // Histograms of the ordered columns, read along their indexes (and their bitmaps).
        for ordered in Self.orderedColumns {
            try refreshHistogram(ordered, rows: &rows, wordCount: wordCount)
        }
        try writeStatistics(rows)
        cachedBitmapKeys = nil
        return rows
    }

    /// A property value of a statement's row, from its `kind` and `value` columns.
    static func propertyValueKey(_ s: SQLiteStatement, kind: Int32, value: Int32) -> FriendChanges.PropertyValueKey {
        let k = s.int64(kind)
        switch k {
        case SQLiteSchema.PropertyKind.number.rawValue: return .init(kind: k, value: .double(s.double(value)))
        case SQLiteSchema.PropertyKind.bool.rawValue: return .init(kind: k, value: .int(s.int64(value)))
        default: return .init(kind: k, value: .text(s.text(value)))
        }
    }

    /// Recomputes the histogram of one ordered column into `rows`, read
    /// along its index, and rewrites its range bitmaps.
    func refreshHistogram(_ ordered: OrderedColumn, rows: inout StatisticsRows, wordCount: Int) throws {
        let key = StatColumnKey.key(ordered.column)
        rows.bounds[key] = nil
        let present = Int(ordered.column == .added ? rows.total : rows.present(ordered.column))
        guard present > 0 else { return }
        let buckets = SQLiteStatistics.histogramBuckets
        var targets: [Int] = (0...buckets).map { $0 * (present - 1) / buckets }
        targets = targets.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
        // Each bound row also keeps the exact number of values below the bound.
        var rowsInOrder: [Int32] = []
        rowsInOrder.reserveCapacity(present)
        var bounds: [(value: Int64, below: Int64)] = []
        try withStatement("SELECT \(ordered.sql), row_id FROM friend_facts WHERE \(ordered.sql) IS NOT NULL ORDER BY \(ordered.sql)") { s in
            var index = 0, next = 0
            var previous: Int64?
            var firstOfValue = 0
            while try s.step() {
                rowsInOrder.append(Int32(truncatingIfNeeded: s.int64(1)))
                guard next < targets.count else { continue }
                let value = s.int64(0)
                if value != previous {
                    previous = value
                    firstOfValue = index
                }
                if index == targets[next] {
                    bounds.append((value, Int64(firstOfValue)))
                    next += 1
                }
                index += 1
            }
        }
        rows.bounds[key] = bounds
        try storeRangeBitmaps(ordered.sql, rowsInValueOrder: rowsInOrder,
                              bounds: bounds.map { ($0.value, Int($0.below)) }, wordCount: wordCount)
    }

    /// Friends with a non-empty set and friends per value, for one set column.
    private func setStatistics(_ set: SQLiteSchema.SetTable) throws -> (present: Int64, values: [String: Int64]) {
        let present = try db.scalarInt("SELECT count(*) FROM (SELECT friend FROM \(set.table) GROUP BY friend)")
        var values: [String: Int64] = [:]
        try withStatement("SELECT value, count(*) FROM \(set.table) GROUP BY value") { s in
            while try s.step() { values[s.text(0)] = s.int64(1) }
        }
        return (present, values)
    }

    /// Recomputes the statistics of the `tag` column only (after a tag command,
    /// inside its transaction).
    func refreshTagStatistics() throws {
        var rows = try storedStatisticsRows()
        let key = StatColumnKey.key(.tag)
        let (present, values) = try setStatistics(SQLiteSchema.friendTags)
        rows.present[key] = present
        rows.values[key] = values.isEmpty ? nil : Dictionary(uniqueKeysWithValues: values.map {
            (FriendChanges.PropertyValueKey(kind: SQLiteSchema.PropertyKind.string.rawValue, value: .text($0.key)), $0.value)
        })
        try writeStatistics(rows)
        let prefix = Self.setBitmapKey(SQLiteSchema.friendTags.table, "")
        try deleteBitmaps(from: prefix, to: String(prefix.dropLast()) + ";")
        try storeValueBitmaps(Self.wantedValueBitmaps(rows).filter { $0.key.hasPrefix(prefix) })
    }

    static func propertyColumn(_ integration: Int64, _ name: String) -> Column {
        integration == SQLiteSchema.PropertyIntegration.hubspot.rawValue ? .hubspotProperty(name) : .klaviyoProperty(name)
    }

    /// Drops the caches when another connection (another process) has
    /// changed the database since they were filled.
    func checkForChangesElsewhere() throws {
        let version = try db.scalarInt("PRAGMA data_version")
        if version != seenDataVersion {
            if seenDataVersion != nil { invalidateCaches() }
            seenDataVersion = version
        }
    }
}

/// How a `Column` is named in the `statistics` table.
enum StatColumnKey {
    static func key(_ column: Column) -> String {
        switch column {
        case .id: return "id"
        case .name: return "name"
        case .added: return "added"
        case .tag: return "tag"
        case .shopifyLinked: return "shopify.linked"
        case .shopifyId: return "shopify.id"
        case .shopifyTag: return "shopify.tag"
        case .shopifyPurchases: return "shopify.purchases"
        case .shopifyLastPurchase: return "shopify.last_purchase"
        case .shopifyCartAbandonedAt: return "shopify.cart_abandoned_at"
        case .hubspotLinked: return "hubspot.linked"
        case .hubspotId: return "hubspot.id"
        case .hubspotList: return "hubspot.segment"
        case .hubspotProperty(let name): return "hubspot:" + name
        case .klaviyoLinked: return "klaviyo.linked"
        case .klaviyoId: return "klaviyo.id"
        case .klaviyoList: return "klaviyo.list"
        case .klaviyoProperty(let name): return "klaviyo:" + name
        }
    }

    static let builtIns: [String: Column] = {
        let all: [Column] = [.id, .name, .added, .tag, .shopifyLinked, .shopifyId, .shopifyTag, .shopifyPurchases,
                             .shopifyLastPurchase, .shopifyCartAbandonedAt, .hubspotLinked, .hubspotId, .hubspotList,
                             .klaviyoLinked, .klaviyoId, .klaviyoList]
        return Dictionary(uniqueKeysWithValues: all.map { (key($0), $0) })
    }()

    static func column(_ key: String) -> Column? {
        if let c = builtIns[key] { return c }
        if key.hasPrefix("hubspot:") { return .hubspotProperty(String(key.dropFirst(8))) }
        if key.hasPrefix("klaviyo:") { return .klaviyoProperty(String(key.dropFirst(8))) }
        return nil
    }
}
