/// Where `JSONRecordParser` puts the fields of one record as it reads
/// them. Strings arrive as unescaped, valid UTF-8 bytes in NFC (the
/// cursor validates and normalises in one pass), valid only during the call. The parser does all
/// validation and reports every error itself; a sink only stores.
///
/// A record's fields arrive between `reset()` and `finish()`; when the
/// parser throws, `finish()` is not called and whatever the sink gathered
/// must be dropped by the next `reset()`.
package protocol FriendRecordSink {
    mutating func reset()
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>)
    /// A non-empty name.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>)
    mutating func addedAt(_ ms: Int64)
    /// A non-empty element of a list; the sink drops repeats (after NFC).
    mutating func listElement(_ list: FriendList, _ bytes: UnsafeBufferPointer<UInt8>)
    /// The integration's object was present (not null).
    mutating func linked(_ integration: FriendIntegration)
    mutating func integrationID(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>)
    mutating func shopifyPurchases(_ n: Int64)
    mutating func shopifyLastPurchaseAt(_ ms: Int64)
    mutating func shopifyAbandonedCartAt(_ ms: Int64)
    /// A non-empty property name of `hubspot`/`klaviyo`; returns false when
    /// this record already had it (after NFC). Its value follows (none for null).
    mutating func propertyKey(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool
    mutating func propertyString(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>)
    mutating func propertyNumber(_ integration: FriendIntegration, _ value: Double)
    mutating func propertyBool(_ integration: FriendIntegration, _ value: Bool)
    /// The record is valid and complete.
    mutating func finish()
}

/// The lists of a friend record.
package enum FriendList: Int {
    case tags = 0, shopifyTags, hubspotSegments, klaviyoLists
}

package enum FriendIntegration: Int {
    case shopify = 0, hubspot, klaviyo
}

/// Builds a `Friend` (the original, allocation-per-field path).
package struct FriendValueSink: FriendRecordSink {
    private(set) var friend = Friend(id: "", addedAt: 0)
    private var lists: [[String]] = [[], [], [], []]
    private var linked: [Bool] = [false, false, false]
    private var shopify = ShopifyData()
    private var crm = [CRMData(), CRMData()]
    private var lastKey: [String] = ["", ""]

    package mutating func reset() {
        self = FriendValueSink()
    }

    package mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) { friend.id = String(decoding: bytes, as: UTF8.self) }
    package mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) { friend.name = String(decoding: bytes, as: UTF8.self) }
    package mutating func addedAt(_ ms: Int64) { friend.addedAt = ms }

    package mutating func listElement(_ list: FriendList, _ bytes: UnsafeBufferPointer<UInt8>) {
        let s = String(decoding: bytes, as: UTF8.self)
        if !lists[list.rawValue].contains(s) { lists[list.rawValue].append(s) }
    }

    package mutating func linked(_ integration: FriendIntegration) { linked[integration.rawValue] = true }

    package mutating func integrationID(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) {
        let s = String(decoding: bytes, as: UTF8.self)
        if integration == .shopify { shopify.id = s } else { crm[integration.rawValue - 1].id = s }
    }

    package mutating func shopifyPurchases(_ n: Int64) { shopify.purchases = n }
    package mutating func shopifyLastPurchaseAt(_ ms: Int64) { shopify.lastPurchaseAt = ms }
    package mutating func shopifyAbandonedCartAt(_ ms: Int64) { shopify.abandonedCartAt = ms }

    package mutating func propertyKey(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = String(decoding: bytes, as: UTF8.self)
        let i = integration.rawValue - 1
        // Keys with a null value are remembered too: a repeat is still an error.
        if crm[i].properties[key] != nil || seenKeys[i].contains(key) { return false }
        seenKeys[i].insert(key)
        lastKey[i] = key
        return true
    }
    private var seenKeys: [Set<String>] = [[], []]

    package mutating func propertyString(_ integration: FriendIntegration, _ bytes: UnsafeBufferPointer<UInt8>) {
        let i = integration.rawValue - 1
        crm[i].properties[lastKey[i]] = .string(String(decoding: bytes, as: UTF8.self))
    }

    package mutating func propertyNumber(_ integration: FriendIntegration, _ value: Double) {
        let i = integration.rawValue - 1
        crm[i].properties[lastKey[i]] = .number(value)
    }

    package mutating func propertyBool(_ integration: FriendIntegration, _ value: Bool) {
        let i = integration.rawValue - 1
        crm[i].properties[lastKey[i]] = .bool(value)
    }

    package mutating func finish() {
        friend.tags = lists[FriendList.tags.rawValue]
        if linked[0] {
            shopify.tags = lists[FriendList.shopifyTags.rawValue]
            friend.shopify = shopify
        }
        if linked[1] {
            crm[0].lists = lists[FriendList.hubspotSegments.rawValue]
            friend.hubspot = crm[0]
        }
        if linked[2] {
            crm[1].lists = lists[FriendList.klaviyoLists.rawValue]
            friend.klaviyo = crm[1]
        }
    }
}
