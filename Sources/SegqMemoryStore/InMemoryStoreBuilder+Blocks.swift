import SegqStore
import Dispatch

/// Appending rows of parsed JSON Lines blocks (`FriendBlockColumns`)
/// straight into the column builders, without a `Friend` per row. A
/// block's strings carry block-local codes; each is looked up in a column's
/// dictionary once per block (`BlockRemaps`), then rows copy codes.
///
/// The friends' own and Shopify columns share nothing with the CRMs'
/// (HubSpot, Klaviyo), so a block's rows are appended to the two groups
/// on two threads at once.
extension InMemoryStoreBuilder {
    /// Appends the rows `accepted` of `block`, in that order. With an
    /// import registry their ids are already registered there (the builder
    /// adopts it); without one, the builder interns them and skips repeats.
    mutating func append(block: FriendBlockColumns, rows accepted: [Int32], remaps: inout BlockRemaps) {
        remaps.own.reset(localCount: block.strings.count)
        remaps.crms.reset(localCount: block.strings.count)
        guard idsFromRegistry != nil else {
            for k in accepted { append(block: block, row: Int(k), remaps: &remaps) }
            return
        }
        let first = rowCount
        rowCount += accepted.count
        let work = accepted.count > 256 ? 2 : 1
        withGroups(&remaps) { groups in
            DispatchQueue.concurrentPerform(iterations: work) { half in
                if work == 1 || half == 0 {
                    for (i, k) in accepted.enumerated() { Self.appendOwnAndShopify(block, Int(k), row: first + i, groups) }
                }
                if work == 1 || half == 1 {
                    for (i, k) in accepted.enumerated() { Self.appendCRMs(block, Int(k), row: first + i, groups) }
                }
            }
        }
    }

    /// Calls `body` with pointers to the two groups of column builders and
    /// their code maps: disjoint stored properties, so each group can be
    /// written by its own thread while `body` runs.
    private mutating func withGroups(_ remaps: inout BlockRemaps, _ body: (BlockGroups) -> Void) {
        withUnsafeMutablePointer(to: &name) { name in
            withUnsafeMutablePointer(to: &added) { added in
                withUnsafeMutablePointer(to: &tags) { tags in
                    withUnsafeMutablePointer(to: &shopify) { shopify in
                        withUnsafeMutablePointer(to: &hubspot) { hubspot in
                            withUnsafeMutablePointer(to: &klaviyo) { klaviyo in
                                withUnsafeMutablePointer(to: &remaps.own) { own in
                                    withUnsafeMutablePointer(to: &remaps.crms) { crms in
                                        body(BlockGroups(name: name, added: added, tags: tags, shopify: shopify,
                                                         hubspot: hubspot, klaviyo: klaviyo, own: own, crms: crms))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Makes room for about `n` rows shaped like those of `b` (a file's first
    /// block), with a margin, so that no column regrows while loading:
    /// each regrowth copies the column and faults in fresh pages. Room
    /// that is never used costs address space only.
    mutating func reserveCapacity(rows n: Int, like b: FriendBlockColumns) {
        guard b.rowCount > 0, n > 0 else { return }
        let scale = Double(n) / Double(b.rowCount) * 1.25
        func scaled(_ x: Int) -> Int { Int(Double(x) * scale) + 1024 }
        var named = 0, linked = [0, 0, 0], last = 0, cart = 0
        for row in b.rows {
            if row.name >= 0 { named += 1 }
            for i in 0 ..< 3 where row.flags & (1 << UInt8(i)) != 0 { linked[i] += 1 }
            if row.flags & (1 << 6) != 0 { last += 1 }
            if row.flags & (1 << 7) != 0 { cart += 1 }
        }
        let rows = scaled(b.rowCount)
        name.reserveCapacity(scaled(named), rows: rows)
        added.reserveCapacity(rows, rows: rows)
        tags.reserveCapacity(rows, elements: scaled(b.tags.items.count), rows: rows)
        shopify.linked.reserveCapacity(rows: rows)
        shopify.id.reserveCapacity(scaled(linked[0]), rows: rows)
        shopify.tags.reserveCapacity(scaled(linked[0]), elements: scaled(b.shopifyTags.items.count), rows: rows)
        shopify.purchases.reserveCapacity(scaled(linked[0]), rows: rows)
        shopify.lastPurchaseAt.reserveCapacity(scaled(last), rows: rows)
        shopify.abandonedCartAt.reserveCapacity(scaled(cart), rows: rows)
        for (i, lists) in [b.hubspotSegments, b.klaviyoLists].enumerated() {
            func reserve(_ c: inout CRMColumnsBuilder) {
                c.linked.reserveCapacity(rows: rows)
                c.id.reserveCapacity(scaled(linked[i + 1]), rows: rows)
                c.lists.reserveCapacity(scaled(linked[i + 1]), elements: scaled(lists.items.count), rows: rows)
            }
            if i == 0 { reserve(&hubspot) } else { reserve(&klaviyo) }
        }
    }

    /// One row, on this thread, with the builder's own id check.
    private mutating func append(block b: FriendBlockColumns, row k: Int, remaps r: inout BlockRemaps) {
        let scalars = b.rows[k]
        let range = b.ids.range(k)
        let inserted = scalars.idIsPacked ? ids.insert(packed: scalars.idHigh, scalars.idLow).inserted
            : b.ids.items.withUnsafeBufferPointer { ids.insert(UnsafeBufferPointer(rebasing: $0[range])).inserted }
        guard inserted else { duplicatesSkipped += 1; return }
        let row = rowCount
        rowCount += 1
        withGroups(&r) { groups in
            Self.appendOwnAndShopify(b, k, row: row, groups)
            Self.appendCRMs(b, k, row: row, groups)
        }
    }

    /// Row `k` of `b` as row `row` of the friends' own and Shopify columns.
    private static func appendOwnAndShopify(_ b: FriendBlockColumns, _ k: Int, row: Int, _ g: BlockGroups) {
        let scalars = b.rows[k]
        let r = g.own
        let nameCode = scalars.name
        if nameCode >= 0 {
            var code = r.pointee.name[Int(nameCode)]
            if code < 0 {
                code = b.strings.withBytes(nameCode) { g.name.pointee.code(of: $0) }
                r.pointee.name[Int(nameCode)] = code
            }
            g.name.pointee.append(code: code, row: row)
        }
        g.added.pointee.append(scalars.addedAt, row: row)
        appendList(b, b.tags, FriendList.tags.rawValue, k, into: &g.tags.pointee, &r.pointee, row: row)
        let f = scalars.flags
        guard f & 1 != 0 else { return }
        let shopify = g.shopify
        shopify.pointee.linked.insert(row)
        if f & (1 << 3) != 0 { appendID(b.shopifyIDs, k, into: &shopify.pointee.id, row: row) }
        appendList(b, b.shopifyTags, FriendList.shopifyTags.rawValue, k, into: &shopify.pointee.tags, &r.pointee,
                   row: row)
        shopify.pointee.purchases.append(scalars.purchases, row: row)
        if f & (1 << 6) != 0 { shopify.pointee.lastPurchaseAt.append(scalars.lastPurchaseAt, row: row) }
        if f & (1 << 7) != 0 { shopify.pointee.abandonedCartAt.append(scalars.abandonedCartAt, row: row) }
    }

    /// Row `k` of `b` as row `row` of the CRMs' columns.
    private static func appendCRMs(_ b: FriendBlockColumns, _ k: Int, row: Int, _ g: BlockGroups) {
        let f = b.rows[k].flags
        if f & 2 != 0 {
            appendCRM(b, 0, b.hubspotIDs, b.hubspotSegments, b.hubspotProperties, k, f, into: &g.hubspot.pointee,
                      &g.crms.pointee, row: row)
        }
        if f & 4 != 0 {
            appendCRM(b, 1, b.klaviyoIDs, b.klaviyoLists, b.klaviyoProperties, k, f, into: &g.klaviyo.pointee,
                      &g.crms.pointee, row: row)
        }
    }

    private static func appendID(_ ids: FriendBlockColumns.Ragged<UInt8>, _ k: Int,
                                 into column: inout PlainStringColumnBuilder, row: Int) {
        ids.items.withUnsafeBufferPointer { all in
            column.append(bytes: UnsafeBufferPointer(rebasing: all[ids.range(k)]), row: row)
        }
    }

    private static func appendList(_ b: FriendBlockColumns, _ elements: FriendBlockColumns.Ragged<Int32>, _ list: Int,
                                   _ k: Int, into column: inout SetColumnBuilder, _ r: inout BlockCodes, row: Int) {
        r.scratch.removeAll(keepingCapacity: true)
        for j in elements.range(k) {
            let local = elements.items[j]
            var g = r.lists[list][Int(local)]
            if g < 0 {
                g = b.strings.withBytes(local) { column.code(of: $0) }
                r.lists[list][Int(local)] = g
            }
            r.scratch.append(g)
        }
        column.append(distinctCodes: r.scratch, row: row)
    }

    /// `i`: 0 HubSpot, 1 Klaviyo, with its ids, lists and properties in `b`.
    private static func appendCRM(_ b: FriendBlockColumns, _ i: Int, _ ids: FriendBlockColumns.Ragged<UInt8>,
                                  _ lists: FriendBlockColumns.Ragged<Int32>,
                                  _ props: FriendBlockColumns.Ragged<FriendBlockColumns.Property>, _ k: Int,
                                  _ flags: UInt8, into column: inout CRMColumnsBuilder, _ r: inout BlockCodes, row: Int) {
        column.linked.insert(row)
        if flags & (1 << UInt8(4 + i)) != 0 { appendID(ids, k, into: &column.id, row: row) }
        appendList(b, lists, FriendList.hubspotSegments.rawValue + i, k, into: &column.lists, &r, row: row)
        for j in props.range(k) {
            let p = props.items[j]
            if p.kind == 255 { continue }   // null value
            var slot = Int(r.keys[i][Int(p.key)])
            if slot < 0 {
                slot = column.slot(of: b.strings.string(p.key))
                r.keys[i][Int(p.key)] = Int32(slot)
            }
            switch p.kind {
            case 0:
                let local = Int32(truncatingIfNeeded: p.payload)
                r.ensureValueMap(i, slot)
                var g = r.values[i][slot][Int(local)]
                if g < 0 {
                    g = b.strings.withBytes(local) { column.propertyBuilders[slot].stringCode(of: $0) }
                    r.values[i][slot][Int(local)] = g
                }
                column.propertyBuilders[slot].appendString(code: g, row: row)
            case 1:
                column.propertyBuilders[slot].append(.number(Double(bitPattern: p.payload)), row: row)
            default:
                column.propertyBuilders[slot].append(.bool(p.payload != 0), row: row)
            }
        }
    }
}

/// Where one block's rows go: the column builders of both groups and their
/// code maps, each group written by one thread only.
private struct BlockGroups {
    let name: UnsafeMutablePointer<StringColumnBuilder>
    let added: UnsafeMutablePointer<OrderedColumnBuilder<Int64>>
    let tags: UnsafeMutablePointer<SetColumnBuilder>
    let shopify: UnsafeMutablePointer<ShopifyColumnsBuilder>
    let hubspot: UnsafeMutablePointer<CRMColumnsBuilder>
    let klaviyo: UnsafeMutablePointer<CRMColumnsBuilder>
    let own: UnsafeMutablePointer<BlockCodes>
    let crms: UnsafeMutablePointer<BlockCodes>
}

/// The code maps of one block: one for each group of columns, so the two
/// groups are appended at once without sharing one.
struct BlockRemaps {
    /// Names, tags and Shopify tags.
    var own = BlockCodes()
    /// The CRMs' lists and properties.
    var crms = BlockCodes()
}

/// For one block: its local string codes mapped to each column's codes
/// (-1 until first looked up).
struct BlockCodes {
    var localCount = 0
    var name: [Int32] = []
    var lists: [[Int32]] = [[], [], [], []]
    /// Per CRM: local property-name code → property slot.
    var keys: [[Int32]] = [[], []]
    /// Per CRM, per property slot: local code → code in that property's string column.
    var values: [[[Int32]]] = [[], []]
    var scratch: [Int32] = []

    mutating func reset(localCount n: Int) {
        localCount = n
        Self.fill(&name, n)
        for i in 0 ..< lists.count { Self.fill(&lists[i], n) }
        for i in 0 ..< 2 {
            Self.fill(&keys[i], n)
            for s in 0 ..< values[i].count { Self.fill(&values[i][s], n) }
        }
    }

    mutating func ensureValueMap(_ i: Int, _ slot: Int) {
        while values[i].count <= slot { values[i].append([Int32](repeating: -1, count: localCount)) }
    }

    private static func fill(_ a: inout [Int32], _ n: Int) {
        a.removeAll(keepingCapacity: true)
        a.append(contentsOf: repeatElement(-1, count: n))
    }
}
