extension Friend {
    /// The friend as a database store keeps it, and as its
    /// `FriendContentHash` is taken: every string in NFC, set values
    /// without repeats in order of first appearance, property names and
    /// string values in NFC.
    public var storedForm: Friend {
        var f = self
        f.id = UnicodeNormalization.nfc(f.id)
        f.name = f.name.map(UnicodeNormalization.nfc)
        f.tags = Self.distinctNFC(f.tags)
        if var shopify = f.shopify {
            shopify.id = shopify.id.map(UnicodeNormalization.nfc)
            shopify.tags = Self.distinctNFC(shopify.tags)
            f.shopify = shopify
        }
        f.hubspot = f.hubspot.map(Self.storedCRM)
        f.klaviyo = f.klaviyo.map(Self.storedCRM)
        return f
    }

    private static func storedCRM(_ crm: CRMData) -> CRMData {
        var c = crm
        c.id = c.id.map(UnicodeNormalization.nfc)
        c.lists = distinctNFC(c.lists)
        if c.properties.keys.contains(where: { !$0.utf8.allSatisfy { $0 < 0x80 } })
            || c.properties.values.contains(where: { if case .string(let s) = $0 { return !s.utf8.allSatisfy { $0 < 0x80 } }; return false }) {
            var properties: [String: PropertyValue] = [:]
            for (name, value) in c.properties {
                if case .string(let s) = value { properties[UnicodeNormalization.nfc(name)] = .string(UnicodeNormalization.nfc(s)) }
                else { properties[UnicodeNormalization.nfc(name)] = value }
            }
            c.properties = properties
        }
        return c
    }

    /// The distinct values in NFC, in order of first appearance.
    private static func distinctNFC(_ values: [String]) -> [String] {
        // Most lists (every one a reader parsed) are NFC already and without
        // repeats: returned as they are, with no new array.
        if values.allSatisfy(isNFC) && !hasRepeats(values) { return values }
        var out: [String] = []
        out.reserveCapacity(values.count)
        for raw in values {
            let value = UnicodeNormalization.nfc(raw)
            if !out.contains(where: { $0.utf8.elementsEqual(value.utf8) }) { out.append(value) }
        }
        return out
    }

    /// Whether `s` is in NFC already (its NFC form has the same bytes).
    private static func isNFC(_ s: String) -> Bool {
        UnicodeNormalization.nfc(s).utf8.elementsEqual(s.utf8)
    }

    /// Whether two of `values` have the same bytes.
    private static func hasRepeats(_ values: [String]) -> Bool {
        for i in values.indices.dropFirst() {
            for j in 0..<i where values[j].utf8.elementsEqual(values[i].utf8) { return true }
        }
        return false
    }
}
