/// The values a store holds for a field, for warnings (a literal that
/// matches nothing while a differently-cased value exists, the nearest
/// values with their counts, the same value in another field) and completion.
public protocol ValueCatalog {
    /// Distinct values of a string or set field, or nil when not tracked.
    func knownValues(of field: Field) -> Set<String>?
    /// How many friends hold `value` in `field` (for a set: have it as an
    /// element), or nil when the store does not count it.
    func friendCount(holding value: String, in field: Field) -> Int?
    /// How many friends are not linked to `integration` (W0103's counts),
    /// or nil when the store does not count them.
    func friendCount(notLinkedTo integration: Integration) -> Int?
    /// How many friends linked to the datum's integration lack it
    /// (`shopify.linked and shopify.last_purchase is null`), or nil.
    func friendCount(linkedWithout datum: Datum) -> Int?
}

extension ValueCatalog {
    public func friendCount(holding value: String, in field: Field) -> Int? { nil }
    public func friendCount(notLinkedTo integration: Integration) -> Int? { nil }
    public func friendCount(linkedWithout datum: Datum) -> Int? { nil }

    /// Known values of any field: a tag key's (`tag.Department`) are read off the tags.
    public func values(of field: Field) -> Set<String>? {
        if let key = field.tagKey { return knownValues(of: .tag).map { TagKeys.values(of: key, in: $0) } }
        return knownValues(of: field)
    }

    /// How many friends hold a value of any field; a tag key's value is counted as its tag.
    public func friends(holding value: String, in field: Field) -> Int? {
        if let key = field.tagKey { return friendCount(holding: TagKeys.tag(key: key, value: value), in: .tag) }
        return friendCount(holding: value, in: field)
    }

    /// The keys of the store's key/value tags, sorted; nil when tags are not tracked.
    public func tagKeys() -> [String]? {
        knownValues(of: .tag).map(TagKeys.keys(in:))
    }
}
