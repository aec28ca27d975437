/// Parses one JSONL line into a `Friend`, strictly typed per INTERFACES.md
/// "Friend records (JSON Lines)". Every rejection is a `RecordError` whose
/// message names the field, what was expected and what was found.
///
/// Decisions beyond INTERFACES.md: `null` means absent for every optional
/// field (and for property values); an empty `name` is absent; an unknown
/// key at the top level or inside an integration object is an error that
/// lists the allowed keys; duplicate keys are errors; list elements must
/// be non-empty strings and are de-duplicated keeping the first; all
/// strings are NFC-normalised; `purchases` is a non-negative integer.
struct JSONRecordParser {
    static let topLevelKeys = "id, name, added_at, tags, shopify, hubspot, klaviyo"
    static let shopifyKeys = "id, tags, purchases, last_purchase_at, abandoned_cart_at"
    static let hubspotKeys = "id, segments, properties"
    static let klaviyoKeys = "id, lists, properties"

    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws -> Friend {
        var c = JSONCursor(line)
        var id: String?
        var name: String?
        var addedAt: Int64?
        var tags: [String] = []
        var shopify: ShopifyData?
        var hubspot: CRMData?
        var klaviyo: CRMData?
        var seen: UInt8 = 0
        func mark(_ bit: UInt8, _ key: String) throws {
            if seen & bit != 0 { throw RecordError(message: "duplicate key `\(key)`") }
            seen |= bit
        }

        c.skipWhitespace()
        guard c.peek() == 0x7B else {
            if c.atEnd { throw RecordError(message: "empty record") }
            let k = try? c.kind()
            throw RecordError(message: k.map { "expected a JSON object, found \($0.article)" }
                                ?? c.syntaxError("expected '{', found \(c.describeHere())").message)
        }
        try c.forEachMember { c, key in
            if key.equals("id") {
                try mark(1, "id")
                if try c.kind() == .null { _ = try c.literal(); return }
                id = try stringValue(&c, "id")
            } else if key.equals("name") {
                try mark(2, "name")
                if try c.kind() == .null { _ = try c.literal(); return }
                let s = try stringValue(&c, "name")
                name = s.isEmpty ? nil : s
            } else if key.equals("added_at") {
                try mark(4, "added_at")
                if try c.kind() == .null { _ = try c.literal(); return }
                addedAt = try timeValue(&c, "added_at")
            } else if key.equals("tags") {
                try mark(8, "tags")
                tags = try stringList(&c, "tags")
            } else if key.equals("shopify") {
                try mark(16, "shopify")
                shopify = try shopifyObject(&c)
            } else if key.equals("hubspot") {
                try mark(32, "hubspot")
                hubspot = try crmObject(&c, "hubspot", listKey: "segments", allowed: hubspotKeys)
            } else if key.equals("klaviyo") {
                try mark(64, "klaviyo")
                klaviyo = try crmObject(&c, "klaviyo", listKey: "lists", allowed: klaviyoKeys)
            } else {
                throw RecordError(message: "unknown key `\(displayKey(key))`; allowed keys: \(topLevelKeys)")
            }
        }
        c.skipWhitespace()
        guard c.atEnd else { throw c.syntaxError("unexpected \(c.describeHere()) after the object") }
        if seen & 1 != 0 && id == nil { throw RecordError(message: "`id` must be a string, found null") }
        guard let id else { throw RecordError(message: "missing required field `id`") }
        guard !id.isEmpty else { throw RecordError(message: "`id` must not be empty") }
        if seen & 4 != 0 && addedAt == nil { throw RecordError(message: "`added_at` must be a time, found null") }
        guard let addedAt else { throw RecordError(message: "missing required field `added_at`") }
        return Friend(id: id, name: name, addedAt: addedAt, tags: tags,
                      shopify: shopify, hubspot: hubspot, klaviyo: klaviyo)
    }

    static func displayKey(_ key: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: key, as: UTF8.self)
    }

    static func typeError(_ path: String, _ expected: String, _ found: JSONKind) -> RecordError {
        RecordError(message: "`\(path)` must be \(expected), found \(found.article)")
    }

    static func stringValue(_ c: inout JSONCursor, _ path: String) throws -> String {
        let k = try c.kind()
        guard k == .string else { throw typeError(path, "a string", k) }
        return try c.string()
    }

    static func timeValue(_ c: inout JSONCursor, _ path: String) throws -> Int64 {
        let k = try c.kind()
        guard k == .string else { throw typeError(path, "an RFC 3339 time string", k) }
        return try c.withString { bytes in
            guard let ms = RFC3339.parse(bytes) else {
                throw RecordError(message: "`\(path)`: invalid RFC 3339 time \"\(String(decoding: bytes, as: UTF8.self))\" "
                                  + "(expected e.g. 2025-03-14T09:21:00Z)")
            }
            return ms
        }
    }

    /// An array of non-empty strings (null → empty), de-duplicated.
    static func stringList(_ c: inout JSONCursor, _ path: String) throws -> [String] {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return [] }
        guard k == .array else { throw typeError(path, "an array of strings", k) }
        var out: [String] = []
        var seen: Set<String> = []
        try c.forEachElement { c, index in
            let ek = try c.kind()
            guard ek == .string else {
                throw RecordError(message: "`\(path)` must be an array of strings; element \(index + 1) is \(ek.article)")
            }
            let s = try c.string()
            guard !s.isEmpty else {
                throw RecordError(message: "`\(path)`: element \(index + 1) is an empty string")
            }
            if out.count < 16 {
                if !out.contains(s) { out.append(s) }
            } else {
                if seen.isEmpty { seen = Set(out) }
                if seen.insert(s).inserted { out.append(s) }
            }
        }
        return out
    }

    static func shopifyObject(_ c: inout JSONCursor) throws -> ShopifyData? {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return nil }
        guard k == .object else { throw typeError("shopify", "an object", k) }
        var data = ShopifyData()
        var seen: UInt8 = 0
        func mark(_ bit: UInt8, _ key: String) throws {
            if seen & bit != 0 { throw RecordError(message: "duplicate key `shopify.\(key)`") }
            seen |= bit
        }
        try c.forEachMember { c, key in
            if key.equals("id") {
                try mark(1, "id")
                if try c.kind() == .null { _ = try c.literal(); return }
                data.id = try stringValue(&c, "shopify.id")
            } else if key.equals("tags") {
                try mark(2, "tags")
                data.tags = try stringList(&c, "shopify.tags")
            } else if key.equals("purchases") {
                try mark(4, "purchases")
                let k = try c.kind()
                if k == .null { _ = try c.literal(); return }
                guard k == .number else { throw typeError("shopify.purchases", "an integer", k) }
                guard case .int(let n) = try c.number() else {
                    throw RecordError(message: "`shopify.purchases` must be an integer, found a non-integral number")
                }
                guard n >= 0 else { throw RecordError(message: "`shopify.purchases` must not be negative") }
                data.purchases = n
            } else if key.equals("last_purchase_at") {
                try mark(8, "last_purchase_at")
                if try c.kind() == .null { _ = try c.literal(); return }
                data.lastPurchaseAt = try timeValue(&c, "shopify.last_purchase_at")
            } else if key.equals("abandoned_cart_at") {
                try mark(16, "abandoned_cart_at")
                if try c.kind() == .null { _ = try c.literal(); return }
                data.abandonedCartAt = try timeValue(&c, "shopify.abandoned_cart_at")
            } else {
                throw RecordError(message: "unknown key `\(displayKey(key))` in `shopify`; allowed keys: \(shopifyKeys)")
            }
        }
        return data
    }

    static func crmObject(_ c: inout JSONCursor, _ name: String, listKey: StaticString,
                          allowed: String) throws -> CRMData? {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return nil }
        guard k == .object else { throw typeError(name, "an object", k) }
        var data = CRMData()
        var seen: UInt8 = 0
        func mark(_ bit: UInt8, _ key: String) throws {
            if seen & bit != 0 { throw RecordError(message: "duplicate key `\(name).\(key)`") }
            seen |= bit
        }
        try c.forEachMember { c, key in
            if key.equals("id") {
                try mark(1, "id")
                if try c.kind() == .null { _ = try c.literal(); return }
                data.id = try stringValue(&c, "\(name).id")
            } else if key.equals(listKey) {
                try mark(2, "\(listKey)")
                data.lists = try stringList(&c, "\(name).\(listKey)")
            } else if key.equals("properties") {
                try mark(4, "properties")
                data.properties = try properties(&c, name)
            } else {
                throw RecordError(message: "unknown key `\(displayKey(key))` in `\(name)`; allowed keys: \(allowed)")
            }
        }
        return data
    }

    static func properties(_ c: inout JSONCursor, _ name: String) throws -> [String: PropertyValue] {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return [:] }
        guard k == .object else { throw typeError("\(name).properties", "an object", k) }
        var out: [String: PropertyValue] = [:]
        /// Keys seen so far: usually a few, where a linear search beats
        /// hashing; past 32 a set keeps huge objects linear.
        var seenKeys: [String] = []
        var seenSet: Set<String> = []
        try c.forEachMember { c, keyBytes in
            let key = UnicodeNormalization.nfcString(keyBytes)
            guard !key.isEmpty else { throw RecordError(message: "`\(name).properties` has an empty property name") }
            let repeated: Bool
            if seenKeys.count < 32 {
                repeated = seenKeys.contains(key)
                seenKeys.append(key)
            } else {
                if seenSet.isEmpty { seenSet = Set(seenKeys) }
                repeated = !seenSet.insert(key).inserted
            }
            guard !repeated else {
                throw RecordError(message: "duplicate key `\(name).properties.\(key)`")
            }
            switch try c.kind() {
            case .null: _ = try c.literal()
            case .string: out[key] = .string(try c.string())
            case .number: out[key] = .number(try c.number().doubleValue)
            case .boolean: out[key] = .bool(try c.literal() ?? false)
            case let other:
                throw RecordError(message: "property `\(name).\(key)` must be a string, number or boolean, found \(other.article)")
            }
        }
        return out
    }
}
