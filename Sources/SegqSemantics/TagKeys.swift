/// Key/value tags: a tag `Department:Sales` (as CSV imports write a
/// `Department` column) has the key `Department` and the value `Sales`;
/// `tag.Department` addresses its values (Grammar/README.md "Key/value tags").
/// The key is everything before the first `:`; a tag without `:` has no key.
public enum TagKeys {
    /// The separator between key and value in a tag.
    public static let separator: Character = ":"

    /// The tag a key and a value make: `Department:Sales`.
    public static func tag(key: String, value: String) -> String {
        key + String(separator) + value
    }

    /// What every tag with the key starts with, byte for byte: `Department:`.
    public static func prefix(of key: String) -> String {
        key + String(separator)
    }

    /// The key and value of a tag, or nil for a tag without `:`.
    public static func split(_ tag: String) -> (key: String, value: String)? {
        guard let colon = tag.firstIndex(of: separator) else { return nil }
        return (String(tag[..<colon]), String(tag[tag.index(after: colon)...]))
    }

    /// The keys of some tags, sorted.
    public static func keys(in tags: some Sequence<String>) -> [String] {
        Set(tags.compactMap { split($0)?.key }).sorted()
    }

    /// The values a key takes in some tags.
    public static func values(of key: String, in tags: some Sequence<String>) -> Set<String> {
        var out: Set<String> = []
        for tag in tags { if let kv = split(tag), kv.key == key { out.insert(kv.value) } }
        return out
    }

    /// The values of a key one friend holds (the friend's tags with that key).
    public static func values(of key: String, inTags tags: [String]) -> [String] {
        tags.compactMap { tag in split(tag).flatMap { $0.key == key ? $0.value : nil } }
    }

    /// The tests a key allows: equality, lists and presence. Text tests are
    /// written on `tag` itself (`tag starts with "Department:"`).
    public static let allowedTests: Set<TestForm> = [.equal, .notEqual, .in, .notIn, .all, .isNull, .isNotNull]
}
