import SegqStore
import SegqSemantics

/// How often one value occurs in a column.
public struct ValueCount: Hashable, Sendable {
    public var value: String
    public var count: Int
}

/// One bucket of an equi-depth histogram: `count` values in `lower ... upper`.
public struct HistogramBucket: Hashable, Sendable {
    public var lower: Scalar
    public var upper: Scalar
    public var count: Int
}

/// What one stored column holds. For sets, `presentCount` counts rows
/// where the set is not missing and `distinctCount` distinct elements;
/// for ids (friend and integration ids) `distinctCount` is `presentCount`.
/// Times and integers report `int` bounds (times in epoch milliseconds).
public struct ColumnStatistics: Hashable, Sendable {
    public var column: Column
    public var type: ValueType
    /// Rows with a value (not missing).
    public var presentCount: Int
    /// Distinct values (set elements for sets).
    public var distinctCount: Int
    /// The most frequent string values or set elements, most frequent
    /// first (ties by value), at most `StoreStatistics.topValueLimit`;
    /// empty for ids and for ordered columns.
    public var topValues: [ValueCount] = []
    public var minimum: Scalar? = nil
    public var maximum: Scalar? = nil
    /// Equi-depth histogram of ordered columns (empty otherwise).
    public var histogram: [HistogramBucket] = []
}

/// Statistics of a whole store, computed once when it is built: they feed
/// the planner's estimates and the schema (property names and types,
/// which integrations exist).
public struct StoreStatistics: Hashable, Sendable {
    public static let topValueLimit = 64
    public static let histogramBuckets = 16

    public var friendCount: Int
    /// Friends linked to each integration (0 when none).
    public var linkedCounts: [Integration: Int]
    public var columns: [Column: ColumnStatistics]
    /// Property names and their types (Grammar/README.md "Fields").
    public var hubspotProperties: [String: ValueType]
    public var klaviyoProperties: [String: ValueType]

    /// Integrations at least one friend is linked to.
    public var linkedIntegrations: Set<Integration> {
        Set(linkedCounts.filter { $0.value > 0 }.keys)
    }

    public subscript(column: Column) -> ColumnStatistics? { columns[column] }
}

extension StoreStatistics {
    static func collect(_ store: InMemoryStore) -> StoreStatistics {
        var columns: [Column: ColumnStatistics] = [:]
        func add(_ s: ColumnStatistics) { columns[s.column] = s }
        let n = store.count
        add(ColumnStatistics(column: .id, type: .string, presentCount: n, distinctCount: n))
        add(strings(.name, store.name, top: true))
        add(ordered(.added, .time, store.added))
        add(sets(.tag, store.tags))
        add(flag(.shopifyLinked, store.shopify.linked))
        add(plain(.shopifyId, store.shopify.id))
        add(sets(.shopifyTag, store.shopify.tags))
        add(ordered(.shopifyPurchases, .int, store.shopify.purchases))
        add(ordered(.shopifyLastPurchase, .time, store.shopify.lastPurchaseAt))
        add(ordered(.shopifyCartAbandonedAt, .time, store.shopify.abandonedCartAt))
        for (integration, crm) in [(Integration.hubspot, store.hubspot), (.klaviyo, store.klaviyo)] {
            let hub = integration == .hubspot
            add(flag(hub ? .hubspotLinked : .klaviyoLinked, crm.linked))
            add(plain(hub ? .hubspotId : .klaviyoId, crm.id))
            add(sets(hub ? .hubspotList : .klaviyoList, crm.lists))
            for name in crm.propertyNames {
                guard let p = crm.properties[name] else { continue }
                add(property(hub ? .hubspotProperty(name) : .klaviyoProperty(name), p))
            }
        }
        func types(_ crm: CRMColumns) -> [String: ValueType] { crm.properties.mapValues(\.valueType) }
        return StoreStatistics(
            friendCount: n,
            linkedCounts: [.shopify: store.shopify.linked.cardinality, .hubspot: store.hubspot.linked.cardinality,
                           .klaviyo: store.klaviyo.linked.cardinality],
            columns: columns, hubspotProperties: types(store.hubspot), klaviyoProperties: types(store.klaviyo))
    }

    private static func top(_ dictionary: StringDictionary, _ counts: [Int32]) -> [ValueCount] {
        let order = counts.indices.sorted { a, b in
            counts[a] != counts[b] ? counts[a] > counts[b] : dictionary.string(Int32(a)) < dictionary.string(Int32(b))
        }
        return order.prefix(topValueLimit).map { ValueCount(value: dictionary.string(Int32($0)), count: Int(counts[$0])) }
    }

    /// Top values and bounds of a string column (bounds in byte order).
    private static func strings(_ column: Column, _ c: StringColumn, top wantTop: Bool) -> ColumnStatistics {
        var s = ColumnStatistics(column: column, type: .string, presentCount: c.presence.count,
                                 distinctCount: c.dictionary.count)
        if wantTop || c.isLowCardinality { s.topValues = top(c.dictionary, c.counts) }
        var low: Int32?, high: Int32?
        let d = c.dictionary
        func less(_ a: Int32, _ b: Int32) -> Bool {
            d.withBytes(a) { x in d.withBytes(b) { y in x.lexicographicallyPrecedes(y) } }
        }
        for code in 0 ..< Int32(d.count) {
            if low.map({ less(code, $0) }) ?? true { low = code }
            if high.map({ less($0, code) }) ?? true { high = code }
        }
        s.minimum = low.map { .string(d.string($0)) }
        s.maximum = high.map { .string(d.string($0)) }
        return s
    }

    /// Integration ids: assumed distinct (they are not hashed); bounds by one pass.
    private static func plain(_ column: Column, _ c: PlainStringColumn) -> ColumnStatistics {
        var s = ColumnStatistics(column: column, type: .string, presentCount: c.presence.count,
                                 distinctCount: c.presence.count)
        if let (low, high) = c.byteBounds() {
            s.minimum = .string(low)
            s.maximum = .string(high)
        }
        return s
    }

    private static func sets(_ column: Column, _ c: SetColumn) -> ColumnStatistics {
        ColumnStatistics(column: column, type: .stringSet, presentCount: c.presence.count,
                         distinctCount: c.dictionary.count, topValues: top(c.dictionary, c.counts))
    }

    private static func flag(_ column: Column, _ linked: Bitmap) -> ColumnStatistics {
        let t = linked.cardinality
        var values: [ValueCount] = []
        if t > 0 { values.append(ValueCount(value: "true", count: t)) }
        if linked.count - t > 0 { values.append(ValueCount(value: "false", count: linked.count - t)) }
        values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        return ColumnStatistics(column: column, type: .bool, presentCount: linked.count, distinctCount: values.count,
                                topValues: values, minimum: values.isEmpty ? nil : .bool(linked.count == t),
                                maximum: values.isEmpty ? nil : .bool(t > 0))
    }

    private static func ordered(_ column: Column, _ type: ValueType, _ c: OrderedColumn<Int64>) -> ColumnStatistics {
        ColumnStatistics(column: column, type: type, presentCount: c.presentCount, distinctCount: c.distinctCount,
                         minimum: c.minimum.map(Scalar.int), maximum: c.maximum.map(Scalar.int),
                         histogram: c.histogram(buckets: histogramBuckets).map {
                             HistogramBucket(lower: .int($0.lower), upper: .int($0.upper), count: $0.count)
                         })
    }

    /// A property: string values give the top values, numbers the bounds and histogram.
    private static func property(_ column: Column, _ p: PropertyColumn) -> ColumnStatistics {
        var s = ColumnStatistics(column: column, type: p.valueType, presentCount: p.presence.cardinality,
                                 distinctCount: 0)
        if let strings = p.strings {
            s.distinctCount += strings.dictionary.count
            s.topValues = top(strings.dictionary, strings.counts)
        }
        if let numbers = p.numbers {
            s.distinctCount += numbers.distinctCount
            s.minimum = numbers.minimum.map(Scalar.number)
            s.maximum = numbers.maximum.map(Scalar.number)
            s.histogram = numbers.histogram(buckets: histogramBuckets).map {
                HistogramBucket(lower: .number($0.lower), upper: .number($0.upper), count: $0.count)
            }
        }
        if let t = p.trueRows, let f = p.falseRows {
            let tc = t.cardinality, fc = f.cardinality
            s.distinctCount += (tc > 0 ? 1 : 0) + (fc > 0 ? 1 : 0)
            if p.strings == nil && p.numbers == nil {
                s.topValues = [ValueCount(value: "true", count: tc), ValueCount(value: "false", count: fc)]
                    .filter { $0.count > 0 }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
                s.minimum = .bool(fc == 0)
                s.maximum = .bool(tc > 0)
            }
        }
        return s
    }
}
