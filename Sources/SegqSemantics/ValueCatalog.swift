/// The values a store holds for a field, for warnings (a literal that
/// matches nothing while a differently-cased value exists) and completion.
public protocol ValueCatalog {
    /// Distinct values of a string or set field, or nil when not tracked.
    func knownValues(of field: Field) -> Set<String>?
}
