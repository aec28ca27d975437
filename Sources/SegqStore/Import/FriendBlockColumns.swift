/// The friends of one block of JSON Lines, parsed into flat columns for
/// the in-memory store without a `Friend` per record: strings are bytes
/// (NFC) in arenas, and the dictionary-encoded ones (names, list
/// elements, property names and string values) share one block-local
/// `StringDictionary`, so the store interns each distinct string once per
/// block instead of once per row.
///
/// `entries` keeps the block's records in file order: `>= 0` is a row of
/// these columns, `< 0` is problem `-entry - 1`.
package struct FriendBlockColumns: FriendRecordSink {
    /// A property value: kind 0 string (payload = local code), 1 number
    /// (payload = bit pattern), 2 bool (payload 0/1).
    package struct Property {
        package var key: Int32
        package var kind: UInt8
        package var payload: UInt64
    }

    /// Variable-length per-row data: row k's items are `items[offsets[k] ..< offsets[k + 1]]`.
    /// Items past the last offset belong to the record being parsed.
    package struct Ragged<T> {
        package var items: [T] = []
        package var offsets: [Int32] = [0]

        /// Where the record being parsed starts in `items`.
        package var currentStart: Int { Int(offsets.last ?? 0) }

        package mutating func endRow() { offsets.append(Int32(items.count)) }

        /// Drops the items of a record that was not finished.
        package mutating func rollback() {
            let c = currentStart
            if items.count > c { items.removeSubrange(c...) }
        }

        @inline(__always)
        package func range(_ row: Int) -> Range<Int> { Int(offsets[row]) ..< Int(offsets[row + 1]) }

        /// No rows, capacity kept.
        package mutating func removeAll() {
            items.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            offsets.append(0)
        }
    }

    /// The scalar fields of one row, appended at once when its record is finished.
    package struct Row {
        package var line: Int32 = 0
        /// Local string code of the name, or -1.
        package var name: Int32 = -1
        /// Bit i: integration i linked; bit 3+i: integration i has an id;
        /// bit 6: last purchase, bit 7: abandoned cart.
        package var flags: UInt8 = 0
        /// The id is LINE-shaped and `idHigh`/`idLow` hold it packed by
        /// `FriendIdTable.pack`, computed here off the consuming thread.
        package var idIsPacked = false
        package var addedAt: Int64 = 0
        package var purchases: Int64 = 0
        package var lastPurchaseAt: Int64 = 0
        package var abandonedCartAt: Int64 = 0
        package var idHigh: UInt64 = 0
        package var idLow: UInt64 = 0
    }

    package var strings = StringDictionary()
    package var entries: [Int32] = []
    package var problems: [(line: Int, message: String)] = []

    // Committed rows (and, past them, the record being parsed).
    package var rows: [Row] = []
    package var ids = Ragged<UInt8>()
    package var tags = Ragged<Int32>()
    package var shopifyTags = Ragged<Int32>()
    package var hubspotSegments = Ragged<Int32>()
    package var klaviyoLists = Ragged<Int32>()
    package var shopifyIDs = Ragged<UInt8>()
    package var hubspotIDs = Ragged<UInt8>()
    package var klaviyoIDs = Ragged<UInt8>()
    /// Properties, including keys whose value was null (kind 255, to be skipped).
    package var hubspotProperties = Ragged<Property>()
    package var klaviyoProperties = Ragged<Property>()

    package var rowCount: Int { rows.count }
    /// Bytes of the block's lines, for estimating a file's row count.
    package var byteCount = 0

    /// The record being parsed; `pending` until it is finished, when an
    /// error leaves its list items behind to be dropped.
    private var current = Row()
    private var pending = false

    package init() {
        strings.reserveCapacity(2048)
    }

    /// Empties the block for reuse, keeping every buffer's capacity: a
    /// block parsed into buffers already grown costs no allocation or
    /// page fault.
    package mutating func removeAll() {
        strings.removeAll()
        entries.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        ids.removeAll()
        tags.removeAll(); shopifyTags.removeAll(); hubspotSegments.removeAll(); klaviyoLists.removeAll()
        shopifyIDs.removeAll(); hubspotIDs.removeAll(); klaviyoIDs.removeAll()
        hubspotProperties.removeAll(); klaviyoProperties.removeAll()
        byteCount = 0
        current = Row()
        pending = false
    }

    /// Adds a rejected record.
    package mutating func problem(line: Int, message: String) {
        entries.append(Int32(-(problems.count + 1)))
        problems.append((line, message))
    }

    /// Parses `line` (number `number`) into a row or a problem.
    package mutating func add(line number: Int, _ line: UnsafeBufferPointer<UInt8>) {
        do {
            current.line = Int32(clamping: number)
            try JSONRecordParser.parse(line, into: &self)
            entries.append(Int32(rowCount - 1))
        } catch let error as RecordError {
            problem(line: number, message: error.message)
        } catch {
            problem(line: number, message: "\(error)")
        }
    }

    private mutating func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 { strings.intern(bytes).code }

    package mutating func reset() {
        if pending {
            ids.rollback()
            tags.rollback(); shopifyTags.rollback(); hubspotSegments.rollback(); klaviyoLists.rollback()
            shopifyIDs.rollback(); hubspotIDs.rollback(); klaviyoIDs.rollback()
            hubspotProperties.rollback(); klaviyoProperties.rollback()
        }
        pending = true
        let line = current.line
        current = Row()
        current.line = line
    }

    package mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) {
        ids.rollback()
        ids.items.append(contentsOf: bytes)
    }

    package mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) { current.name = code(bytes) }
    package mutating func addedAt(_ ms: Int64) { current.addedAt = ms }

    private static func addDistinct(_ c: Int32, to r: inout Ragged<Int32>) {
        var i = r.currentStart
        let n = r.items.count
        while i < n {
            if r.items[i] == c { return }
            i += 1
        }
        r.items.append(c)
    }

    package mutating func listElement(_ list: FriendList, _ bytes: UnsafeBufferPointer<UInt8>) {
        let c = code(bytes)
        switch list {
        case .tags: Self.addDistinct(c, to: &tags)
        case .shopifyTags: Self.addDistinct(c, to: &shopifyTags)
        case .hubspotSegments: Self.addDistinct(c, to: &hubspotSegments)
        case .klaviyoLists: Self.addDistinct(c, to: &klaviyoLists)
        }
    }

    package mutating func linked(_ integration: FriendIntegration) { current.flags |= 1 << UInt8(integration.rawValue) }

    package mutating func integrationID(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) {
        current.flags |= 1 << UInt8(3 + integration.rawValue)
        switch integration {
        case .shopify: shopifyIDs.rollback(); shopifyIDs.items.append(contentsOf: bytes)
        case .hubspot: hubspotIDs.rollback(); hubspotIDs.items.append(contentsOf: bytes)
        case .klaviyo: klaviyoIDs.rollback(); klaviyoIDs.items.append(contentsOf: bytes)
        }
    }

    package mutating func shopifyPurchases(_ n: Int64) { current.purchases = n }
    package mutating func shopifyLastPurchaseAt(_ ms: Int64) { current.flags |= 1 << 6; current.lastPurchaseAt = ms }
    package mutating func shopifyAbandonedCartAt(_ ms: Int64) { current.flags |= 1 << 7; current.abandonedCartAt = ms }

    private static func addKey(_ c: Int32, to r: inout Ragged<Property>) -> Bool {
        var i = r.currentStart
        let n = r.items.count
        while i < n {
            if r.items[i].key == c { return false }
            i += 1
        }
        r.items.append(Property(key: c, kind: 255, payload: 0))
        return true
    }

    package mutating func propertyKey(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = code(bytes)
        if integration == .klaviyo { return Self.addKey(c, to: &klaviyoProperties) }
        return Self.addKey(c, to: &hubspotProperties)
    }

    private mutating func setLast(_ integration: FriendIntegration, kind: UInt8, payload: UInt64) {
        if integration == .klaviyo {
            guard let last = klaviyoProperties.items.indices.last else { return }
            klaviyoProperties.items[last].kind = kind
            klaviyoProperties.items[last].payload = payload
        } else {
            guard let last = hubspotProperties.items.indices.last else { return }
            hubspotProperties.items[last].kind = kind
            hubspotProperties.items[last].payload = payload
        }
    }

    package mutating func propertyString(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) {
        let c = code(bytes)
        setLast(integration, kind: 0, payload: UInt64(UInt32(bitPattern: c)))
    }

    package mutating func propertyNumber(_ integration: FriendIntegration, _ value: Double) {
        setLast(integration, kind: 1, payload: value.bitPattern)
    }

    package mutating func propertyBool(_ integration: FriendIntegration, _ value: Bool) {
        setLast(integration, kind: 2, payload: value ? 1 : 0)
    }

    package mutating func finish() {
        let start = ids.currentStart
        if let (hi, lo) = ids.items.withUnsafeBufferPointer({ FriendIdTable.pack(UnsafeBufferPointer(rebasing: $0[start...])) }) {
            current.idIsPacked = true
            current.idHigh = hi
            current.idLow = lo
        }
        rows.append(current)
        pending = false
        ids.endRow()
        tags.endRow(); shopifyTags.endRow(); hubspotSegments.endRow(); klaviyoLists.endRow()
        shopifyIDs.endRow(); hubspotIDs.endRow(); klaviyoIDs.endRow()
        hubspotProperties.endRow(); klaviyoProperties.endRow()
    }
}
