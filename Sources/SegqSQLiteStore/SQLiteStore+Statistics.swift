import SegqStore
/// Planner statistics: computed from the data inside each import's
/// transaction (and after tag changes), stored in the `statistics` table,
/// read once per process and cached until the data changes.
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

    /// Recomputes every statistic (inside the caller's transaction).
    func refreshStatistics() throws {
        try db.execute("DELETE FROM statistics")
        let insert = try db.cached("INSERT INTO statistics(kind, column_key, value, value_kind, friends) VALUES (?, ?, ?, ?, ?)")
        defer { insert.reset() }
        func put(_ kind: StatKind, _ column: Column?, _ value: SQLiteValue, _ valueKind: Int64?, _ n: Int64) throws {
            insert.reset()
            try insert.bind(kind.rawValue, at: 1)
            try insert.bind(column.map(StatColumnKey.key) ?? "", at: 2)
            try insert.bind(value, at: 3)
            try insert.bind(valueKind, at: 4)
            try insert.bind(n, at: 5)
            try insert.run()
        }
        // Sizes and presence: one scan of `friends`.
        let counted: [(Column, String)] = [
            (.name, "count(name)"), (.shopifyLinked, "sum(shopify_linked)"), (.shopifyId, "count(shopify_id)"),
            (.shopifyPurchases, "count(shopify_purchases)"), (.shopifyLastPurchase, "count(shopify_last_purchase_ms)"),
            (.shopifyCartAbandonedAt, "count(shopify_cart_abandoned_ms)"), (.hubspotLinked, "sum(hubspot_linked)"),
            (.hubspotId, "count(hubspot_id)"), (.klaviyoLinked, "sum(klaviyo_linked)"), (.klaviyoId, "count(klaviyo_id)"),
        ]
        let totals = try withStatement("SELECT count(*), " + counted.map(\.1).joined(separator: ", ") + " FROM friends") { s in
            try s.step() ? (0...counted.count).map { s.int64(Int32($0)) } : Array(repeating: 0, count: counted.count + 1)
        }
        try put(.total, nil, .null, nil, totals[0])
        for (i, (column, _)) in counted.enumerated() { try put(.present, column, .null, nil, totals[i + 1]) }
        // Set values, along each value index; non-empty sets along the primary keys.
        let setColumns: [(Column, SQLiteSchema.SetTable)] = [
            (.tag, SQLiteSchema.friendTags), (.shopifyTag, SQLiteSchema.shopifyTags),
            (.hubspotList, SQLiteSchema.hubspotLists), (.klaviyoList, SQLiteSchema.klaviyoLists),
        ]
        for (column, set) in setColumns { try putSetStatistics(column, set, put) }
        // Properties: presence per name, values of names with few distinct values.
        try withStatement("SELECT integration, name, count(*) FROM properties GROUP BY integration, name") { s in
            while try s.step() {
                try put(.present, Self.propertyColumn(s.int64(0), s.text(1)), .null, nil, s.int64(2))
            }
        }
        var groups: [(Column, SQLiteValue, Int64, Int64)] = []
        var current: Column?
        var tooMany = false
        func flush() throws {
            if !tooMany { for g in groups { try put(.value, g.0, g.1, g.2, g.3) } }
            groups.removeAll(keepingCapacity: true)
            tooMany = false
        }
        try withStatement("SELECT integration, name, kind, value, count(*) FROM properties GROUP BY integration, name, kind, value") { s in
            while try s.step() {
                let column = Self.propertyColumn(s.int64(0), s.text(1))
                if column != current { try flush(); current = column }
                if tooMany { continue }
                let kind = s.int64(2)
                let value: SQLiteValue
                switch kind {
                case SQLiteSchema.PropertyKind.number.rawValue: value = .double(s.double(3))
                case SQLiteSchema.PropertyKind.bool.rawValue: value = .int(s.int64(3))
                default: value = .text(s.text(3))
                }
                groups.append((column, value, kind, s.int64(4)))
                if groups.count > Self.maxCountedPropertyValues { tooMany = true }
            }
        }
        try flush()
        let wordCount = try storeFlagBitmaps()
        try storeValueBitmaps(tagsOnly: false)
        // Histograms of the ordered columns, read along their indexes (and their bitmaps).
        let ordered: [(Column, String)] = [
            (.added, "added_ms"), (.shopifyPurchases, "shopify_purchases"),
            (.shopifyLastPurchase, "shopify_last_purchase_ms"), (.shopifyCartAbandonedAt, "shopify_cart_abandoned_ms"),
        ]
        let presentByColumn = Dictionary(uniqueKeysWithValues: counted.enumerated().map { ($1.0, Int(totals[$0 + 1])) })
        for (column, name) in ordered {
            let present = column == .added ? Int(totals[0]) : presentByColumn[column] ?? 0
            guard present > 0 else { continue }
            let buckets = SQLiteStatistics.histogramBuckets
            var targets: [Int] = (0...buckets).map { $0 * (present - 1) / buckets }
            targets = targets.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
            // Each bound row also keeps the exact number of values below the bound.
            var rows: [Int32] = []
            rows.reserveCapacity(present)
            var bounds: [(value: Int64, below: Int)] = []
            try withStatement("SELECT \(name), row_id FROM friend_facts WHERE \(name) IS NOT NULL ORDER BY \(name)") { s in
                var index = 0, next = 0
                var previous: Int64?
                var firstOfValue = 0
                while try s.step() {
                    rows.append(Int32(truncatingIfNeeded: s.int64(1)))
                    guard next < targets.count else { continue }
                    let value = s.int64(0)
                    if value != previous {
                        previous = value
                        firstOfValue = index
                    }
                    if index == targets[next] {
                        try put(.bound, column, .int(value), nil, Int64(firstOfValue))
                        bounds.append((value, firstOfValue))
                        next += 1
                    }
                    index += 1
                }
            }
            try storeRangeBitmaps(name, rowsInValueOrder: rows, bounds: bounds, wordCount: wordCount)
        }
        cachedStatistics = nil
        cachedBitmapKeys = nil
    }

    /// Friends with a non-empty set and friends per value, for one set column.
    private func putSetStatistics(_ column: Column, _ set: SQLiteSchema.SetTable,
                                  _ put: (StatKind, Column?, SQLiteValue, Int64?, Int64) throws -> Void) throws {
        // GROUP BY walks the primary key in order; count(DISTINCT) would fill a temporary B-tree.
        try put(.present, column, .null, nil, try db.scalarInt("SELECT count(*) FROM (SELECT friend FROM \(set.table) GROUP BY friend)"))
        try withStatement("SELECT value, count(*) FROM \(set.table) GROUP BY value") { s in
            while try s.step() {
                try put(.value, column, .text(s.text(0)), SQLiteSchema.PropertyKind.string.rawValue, s.int64(1))
            }
        }
    }

    /// Recomputes the statistics of the `tag` column only (after a tag command,
    /// inside its transaction).
    func refreshTagStatistics() throws {
        try withStatement("DELETE FROM statistics WHERE column_key = ?") { s in
            try s.bind(StatColumnKey.key(.tag), at: 1)
            try s.run()
        }
        let insert = try db.prepare("INSERT INTO statistics(kind, column_key, value, value_kind, friends) VALUES (?, ?, ?, ?, ?)")
        try putSetStatistics(.tag, SQLiteSchema.friendTags) { kind, column, value, valueKind, n in
            insert.reset()
            try insert.bind(kind.rawValue, at: 1)
            try insert.bind(column.map(StatColumnKey.key) ?? "", at: 2)
            try insert.bind(value, at: 3)
            try insert.bind(valueKind, at: 4)
            try insert.bind(n, at: 5)
            try insert.run()
        }
        try storeValueBitmaps(tagsOnly: true)
        cachedStatistics = nil
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
