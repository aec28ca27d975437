/// The friends of one block of JSON Lines, parsed into flat columns for
/// the in-memory store without a `Friend` per record: strings are bytes
/// (NFC) in arenas, and the dictionary-encoded ones (names, list
/// elements, property names and string values) share one block-local
/// `StringDictionary`, so the store interns each distinct string once per
/// block instead of once per row.
///
/// `entries` keeps the block's records in file order: `>= 0` is a row of
/// these columns, `< 0` is problem `-entry - 1`.
struct FriendBlockColumns: FriendRecordSink {
    /// A property value: kind 0 string (payload = local code), 1 number
    /// (payload = bit pattern), 2 bool (payload 0/1).
    struct Property {
        var key: Int32
        var kind: UInt8
        var payload: UInt64
    }

    /// Variable-length per-row data: row k's items are `items[offsets[k] ..< offsets[k + 1]]`.
    struct Ragged<T> {
        var items: [T] = []
        var offsets: [Int32] = [0]

        mutating func endRow() { offsets.append(Int32(items.count)) }

        @inline(__always)
        func range(_ row: Int) -> Range<Int> { Int(offsets[row]) ..< Int(offsets[row + 1]) }
    }

    var strings = StringDictionary()
    var entries: [Int32] = []
    var lines: [Int32] = []
    var problems: [(line: Int, message: String)] = []

    // Committed rows.
    var ids = Ragged<UInt8>()
    var names: [Int32] = []
    var addedAt: [Int64] = []
    /// Bit i: integration i linked; bit 3+i: integration i has an id;
    /// bit 6: last purchase, bit 7: abandoned cart.
    var flags: [UInt8] = []
    var lists = [Ragged<Int32>](repeating: Ragged(), count: 4)
    var integrationIDs = [Ragged<UInt8>](repeating: Ragged(), count: 3)
    var purchases: [Int64] = []
    var lastPurchaseAt: [Int64] = []
    var abandonedCartAt: [Int64] = []
    var properties = [Ragged<Property>](repeating: Ragged(), count: 2)

    var rowCount: Int { addedAt.count }
    /// Bytes of the block's lines, for estimating a file's row count.
    var byteCount = 0

    // The record being parsed.
    private var cID: [UInt8] = []
    private var cName: Int32 = -1
    private var cAdded: Int64 = 0
    private var cFlags: UInt8 = 0
    private var cLists: [[Int32]] = [[], [], [], []]
    private var cIntegrationIDs: [[UInt8]] = [[], [], []]
    private var cPurchases: Int64 = 0
    private var cLast: Int64 = 0
    private var cAbandoned: Int64 = 0
    private var cProperties: [[Property]] = [[], []]
    private var normalized: [UInt8] = []

    init() {
        strings.reserveCapacity(2048)
    }

    /// Adds a rejected record.
    mutating func problem(line: Int, message: String) {
        entries.append(Int32(-(problems.count + 1)))
        problems.append((line, message))
    }

    /// Parses `line` (number `number`) into a row or a problem.
    mutating func add(line number: Int, _ line: UnsafeBufferPointer<UInt8>) {
        do {
            try JSONRecordParser.parse(line, into: &self)
            entries.append(Int32(rowCount - 1))
            lines.append(Int32(clamping: number))
        } catch let error as RecordError {
            problem(line: number, message: error.message)
        } catch {
            problem(line: number, message: "\(error)")
        }
    }

    /// Calls `body` with the NFC form of `bytes`.
    @inline(__always)
    private mutating func withNFC<R>(_ bytes: UnsafeBufferPointer<UInt8>,
                                     _ body: (inout FriendBlockColumns, UnsafeBufferPointer<UInt8>) -> R) -> R {
        if UnicodeNormalization.isTriviallyNFC(bytes) { return body(&self, bytes) }
        var s = UnicodeNormalization.nfcString(bytes)
        return s.withUTF8 { body(&self, $0) }
    }

    private mutating func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        withNFC(bytes) { me, b in me.strings.intern(b).code }
    }

    mutating func reset() {
        cID.removeAll(keepingCapacity: true)
        cName = -1
        cAdded = 0
        cFlags = 0
        for i in 0 ..< 4 { cLists[i].removeAll(keepingCapacity: true) }
        for i in 0 ..< 3 { cIntegrationIDs[i].removeAll(keepingCapacity: true) }
        cPurchases = 0
        cLast = 0
        cAbandoned = 0
        cProperties[0].removeAll(keepingCapacity: true)
        cProperties[1].removeAll(keepingCapacity: true)
    }

    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) {
        withNFC(bytes) { me, b in
            me.cID.removeAll(keepingCapacity: true)
            me.cID.append(contentsOf: b)
        }
    }

    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) { cName = code(bytes) }
    mutating func addedAt(_ ms: Int64) { cAdded = ms }

    mutating func listElement(_ list: FriendList, _ bytes: UnsafeBufferPointer<UInt8>) {
        let c = code(bytes)
        if !cLists[list.rawValue].contains(c) { cLists[list.rawValue].append(c) }
    }

    mutating func linked(_ integration: FriendIntegration) { cFlags |= 1 << UInt8(integration.rawValue) }

    mutating func integrationID(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) {
        let i = integration.rawValue
        cFlags |= 1 << UInt8(3 + i)
        withNFC(bytes) { me, b in
            me.cIntegrationIDs[i].removeAll(keepingCapacity: true)
            me.cIntegrationIDs[i].append(contentsOf: b)
        }
    }

    mutating func shopifyPurchases(_ n: Int64) { cPurchases = n }
    mutating func shopifyLastPurchaseAt(_ ms: Int64) { cFlags |= 1 << 6; cLast = ms }
    mutating func shopifyAbandonedCartAt(_ ms: Int64) { cFlags |= 1 << 7; cAbandoned = ms }

    /// Properties of the record so far, including keys whose value was null (kind 255).
    mutating func propertyKey(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = code(bytes)
        let i = integration.rawValue - 1
        if cProperties[i].contains(where: { $0.key == c }) { return false }
        cProperties[i].append(Property(key: c, kind: 255, payload: 0))
        return true
    }

    private mutating func setLast(_ i: Int, kind: UInt8, payload: UInt64) {
        let last = cProperties[i].count - 1
        guard last >= 0 else { return }
        cProperties[i][last].kind = kind
        cProperties[i][last].payload = payload
    }

    mutating func propertyString(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) {
        let c = code(bytes)
        setLast(integration.rawValue - 1, kind: 0, payload: UInt64(UInt32(bitPattern: c)))
    }

    mutating func propertyNumber(_ integration: FriendIntegration, _ value: Double) {
        setLast(integration.rawValue - 1, kind: 1, payload: value.bitPattern)
    }

    mutating func propertyBool(_ integration: FriendIntegration, _ value: Bool) {
        setLast(integration.rawValue - 1, kind: 2, payload: value ? 1 : 0)
    }

    mutating func finish() {
        ids.items.append(contentsOf: cID)
        ids.endRow()
        names.append(cName)
        addedAt.append(cAdded)
        flags.append(cFlags)
        for i in 0 ..< 4 {
            lists[i].items.append(contentsOf: cLists[i])
            lists[i].endRow()
        }
        for i in 0 ..< 3 {
            integrationIDs[i].items.append(contentsOf: cIntegrationIDs[i])
            integrationIDs[i].endRow()
        }
        purchases.append(cPurchases)
        lastPurchaseAt.append(cLast)
        abandonedCartAt.append(cAbandoned)
        for i in 0 ..< 2 {
            for p in cProperties[i] where p.kind != 255 { properties[i].items.append(p) }
            properties[i].endRow()
        }
    }
}
