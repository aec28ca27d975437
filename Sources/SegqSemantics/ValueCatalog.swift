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
}
