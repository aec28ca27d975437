/// The values a store holds for a field, for warnings (a literal that
/// matches nothing while a differently-cased value exists, the nearest
/// values with their counts, the same value in another field) and completion.
public protocol ValueCatalog {
    /// Distinct values of a string or set field, or nil when not tracked.
    func knownValues(of field: Field) -> Set<String>?
    /// How many friends hold `value` in `field` (for a set: have it as an
    /// element), or nil when the store does not count it.
    func friendCount(holding value: String, in field: Field) -> Int?
}

extension ValueCatalog {
    public func friendCount(holding value: String, in field: Field) -> Int? { nil }
}
