/// Parses one JSONL line into a `Friend`, strictly typed per docs/data-formats.md
/// "Friend records (JSON Lines)". Every rejection is a `RecordError` whose
/// message names the field, what was expected and what was found.
///
/// Rules of the reader: `null` means absent for every optional
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
        var sink = FriendValueSink()
        try parse(line, into: &sink)
        return sink.friend
    }

    /// Parses one line into `sink` (see `FriendRecordSink`): resets it, feeds
    /// it the fields, and calls `finish()` when the record is valid.
    static func parse<Sink: FriendRecordSink>(_ line: UnsafeBufferPointer<UInt8>, into sink: inout Sink) throws {
        sink.reset()
        var c = JSONCursor(line)
        var hasID = false
        var idEmpty = false
        var hasAddedAt = false
        var seen = SeenKeys()

        c.skipWhitespace()
        guard c.peek() == 0x7B else {
            if c.atEnd { throw RecordError(message: "empty record") }
            let k = try? c.kind()
            throw RecordError(message: k.map { "expected a JSON object, found \($0.article)" }
                                ?? c.syntaxError("expected '{', found \(c.describeHere())").message)
        }
        try c.forEachMember { c, key in
            if key.equals("id") {
                try seen.mark(1, "duplicate key `id`")
                if try c.kind() == .null { _ = try c.literal(); return }
                try stringValue(&c, "id") { bytes in
                    hasID = true
                    idEmpty = bytes.isEmpty
                    sink.id(bytes)
                }
            } else if key.equals("name") {
                try seen.mark(2, "duplicate key `name`")
                if try c.kind() == .null { _ = try c.literal(); return }
                try stringValue(&c, "name") { bytes in
                    if !bytes.isEmpty { sink.name(bytes) }
                }
            } else if key.equals("added_at") {
                try seen.mark(4, "duplicate key `added_at`")
                if try c.kind() == .null { _ = try c.literal(); return }
                sink.addedAt(try timeValue(&c, "added_at"))
                hasAddedAt = true
            } else if key.equals("tags") {
                try seen.mark(8, "duplicate key `tags`")
                try stringList(&c, "tags", .tags, &sink)
            } else if key.equals("shopify") {
                try seen.mark(16, "duplicate key `shopify`")
                try shopifyObject(&c, &sink)
            } else if key.equals("hubspot") {
                try seen.mark(32, "duplicate key `hubspot`")
                try crmObject(&c, .hubspot, "hubspot", listKey: "segments", list: .hubspotSegments,
                              allowed: hubspotKeys, &sink)
            } else if key.equals("klaviyo") {
                try seen.mark(64, "duplicate key `klaviyo`")
                try crmObject(&c, .klaviyo, "klaviyo", listKey: "lists", list: .klaviyoLists,
                              allowed: klaviyoKeys, &sink)
            } else {
                throw RecordError(message: "unknown key `\(displayKey(key))`; allowed keys: \(topLevelKeys)")
            }
        }
        c.skipWhitespace()
        guard c.atEnd else { throw c.syntaxError("unexpected \(c.describeHere()) after the object") }
        if seen.contains(1) && !hasID { throw RecordError(message: "`id` must be a string, found null") }
        guard hasID else { throw RecordError(message: "missing required field `id`") }
        guard !idEmpty else { throw RecordError(message: "`id` must not be empty") }
        if seen.contains(4) && !hasAddedAt { throw RecordError(message: "`added_at` must be a time, found null") }
        guard hasAddedAt else { throw RecordError(message: "missing required field `added_at`") }
        sink.finish()
    }

    static func displayKey(_ key: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: key, as: UTF8.self)
    }

    static func typeError(_ path: String, _ expected: String, _ found: JSONKind) -> RecordError {
        RecordError(message: "`\(path)` must be \(expected), found \(found.article)")
    }

    static func stringValue(_ c: inout JSONCursor, _ path: @autoclosure () -> String,
                            _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        let k = try c.kind()
        guard k == .string else { throw typeError(path(), "a string", k) }
        try c.withString { body($0) }
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

    /// An array of non-empty strings (null → empty); the sink de-duplicates.
    static func stringList<Sink: FriendRecordSink>(_ c: inout JSONCursor, _ path: @autoclosure () -> String,
                                                   _ list: FriendList, _ sink: inout Sink) throws {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return }
        guard k == .array else { throw typeError(path(), "an array of strings", k) }
        try c.forEachElement { c, index in
            let ek = try c.kind()
            guard ek == .string else {
                throw RecordError(message: "`\(path())` must be an array of strings; element \(index + 1) is \(ek.article)")
            }
            try c.withString { bytes in
                guard !bytes.isEmpty else {
                    throw RecordError(message: "`\(path())`: element \(index + 1) is an empty string")
                }
                sink.listElement(list, bytes)
            }
        }
    }

    static func shopifyObject<Sink: FriendRecordSink>(_ c: inout JSONCursor, _ sink: inout Sink) throws {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return }
        guard k == .object else { throw typeError("shopify", "an object", k) }
        sink.linked(.shopify)
        var seen = SeenKeys()
        try c.forEachMember { c, key in
            if key.equals("id") {
                try seen.mark(1, "duplicate key `shopify.id`")
                if try c.kind() == .null { _ = try c.literal(); return }
                try stringValue(&c, "shopify.id") { sink.integrationID(.shopify, $0) }
            } else if key.equals("tags") {
                try seen.mark(2, "duplicate key `shopify.tags`")
                try stringList(&c, "shopify.tags", .shopifyTags, &sink)
            } else if key.equals("purchases") {
                try seen.mark(4, "duplicate key `shopify.purchases`")
                let k = try c.kind()
                if k == .null { _ = try c.literal(); return }
                guard k == .number else { throw typeError("shopify.purchases", "an integer", k) }
                guard case .int(let n) = try c.number() else {
                    throw RecordError(message: "`shopify.purchases` must be an integer, found a non-integral number")
                }
                guard n >= 0 else { throw RecordError(message: "`shopify.purchases` must not be negative") }
                sink.shopifyPurchases(n)
            } else if key.equals("last_purchase_at") {
                try seen.mark(8, "duplicate key `shopify.last_purchase_at`")
                if try c.kind() == .null { _ = try c.literal(); return }
                sink.shopifyLastPurchaseAt(try timeValue(&c, "shopify.last_purchase_at"))
            } else if key.equals("abandoned_cart_at") {
                try seen.mark(16, "duplicate key `shopify.abandoned_cart_at`")
                if try c.kind() == .null { _ = try c.literal(); return }
                sink.shopifyAbandonedCartAt(try timeValue(&c, "shopify.abandoned_cart_at"))
            } else {
                throw RecordError(message: "unknown key `\(displayKey(key))` in `shopify`; allowed keys: \(shopifyKeys)")
            }
        }
    }

    static func crmObject<Sink: FriendRecordSink>(_ c: inout JSONCursor, _ integration: FriendIntegration,
                                                  _ name: String, listKey: StaticString, list: FriendList,
                                                  allowed: String, _ sink: inout Sink) throws {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return }
        guard k == .object else { throw typeError(name, "an object", k) }
        sink.linked(integration)
        var seen = SeenKeys()
        try c.forEachMember { c, key in
            if key.equals("id") {
                try seen.mark(1, "duplicate key `\(name).id`")
                if try c.kind() == .null { _ = try c.literal(); return }
                try stringValue(&c, "\(name).id") { sink.integrationID(integration, $0) }
            } else if key.equals(listKey) {
                try seen.mark(2, "duplicate key `\(name).\(listKey)`")
                try stringList(&c, "\(name).\(listKey)", list, &sink)
            } else if key.equals("properties") {
                try seen.mark(4, "duplicate key `\(name).properties`")
                try properties(&c, integration, name, &sink)
            } else {
                throw RecordError(message: "unknown key `\(displayKey(key))` in `\(name)`; allowed keys: \(allowed)")
            }
        }
    }

    static func properties<Sink: FriendRecordSink>(_ c: inout JSONCursor, _ integration: FriendIntegration,
                                                   _ name: String, _ sink: inout Sink) throws {
        let k = try c.kind()
        if k == .null { _ = try c.literal(); return }
        guard k == .object else { throw typeError("\(name).properties", "an object", k) }
        try c.forEachMember { c, keyBytes in
            guard !keyBytes.isEmpty else { throw RecordError(message: "`\(name).properties` has an empty property name") }
            guard sink.propertyKey(integration, keyBytes) else {
                throw RecordError(message: "duplicate key `\(name).properties.\(UnicodeNormalization.nfcString(keyBytes))`")
            }
            switch try c.kind() {
            case .null: _ = try c.literal()
            case .string: try c.withString { sink.propertyString(integration, $0) }
            case .number: sink.propertyNumber(integration, try c.number().doubleValue)
            case .boolean: sink.propertyBool(integration, try c.literal() ?? false)
            case let other:
                throw RecordError(message: "property `\(name).\(UnicodeNormalization.nfcString(keyBytes))` must be a string, number or boolean, found \(other.article)")
            }
        }
    }
}

/// The keys of one object met so far, one bit each: a second one is a
/// duplicate (its message is made only then).
struct SeenKeys {
    private var bits: UInt8 = 0

    func contains(_ bit: UInt8) -> Bool { bits & bit != 0 }

    @inline(__always)
    mutating func mark(_ bit: UInt8, _ duplicateMessage: @autoclosure () -> String) throws {
        if bits & bit != 0 { throw RecordError(message: duplicateMessage()) }
        bits |= bit
    }
}
