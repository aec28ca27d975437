import Foundation

/// A JSON value decoded without losing the difference between booleans,
/// integers and other numbers (which `JSONSerialization` blurs).
public indirect enum JSONDocument: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONDocument])
    case object([String: JSONDocument])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let b = try? container.decode(Bool.self) { self = .bool(b); return }
        if let i = try? container.decode(Int64.self) { self = .integer(i); return }
        if let d = try? container.decode(Double.self) { self = .number(d); return }
        if let s = try? container.decode(String.self) { self = .string(s); return }
        if let a = try? container.decode([JSONDocument].self) { self = .array(a); return }
        self = .object(try container.decode([String: JSONDocument].self))
    }

    public static func parse(_ text: String) throws -> JSONDocument {
        try JSONDecoder().decode(JSONDocument.self, from: Data(text.utf8))
    }

    /// The JSON Schema type names this value has (`integer` is also a `number`).
    var typeNames: Set<String> {
        switch self {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .integer: return ["integer", "number"]
        case .number: return ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }
}

/// Validates JSON against the subset of JSON Schema (draft 2020-12) that
/// docs/schemas/ uses: `type` (a name or a list), `required`, `properties`,
/// `additionalProperties` (false or a schema), `items`, `enum`, `anyOf`,
/// `$defs` and `$ref` (`#`, `#/$defs/NAME`, a sibling file
/// `NAME.schema.json`, or `NAME.schema.json#/$defs/DEF` in it). Any other keyword is refused, so a schema cannot
/// silently rely on one this validator ignores.
public struct JSONSchemaValidator {
    public let directory: URL
    private var documents: [String: JSONDocument] = [:]

    static let annotations: Set<String> = ["$schema", "title", "description"]
    static let keywords: Set<String> = ["type", "required", "properties", "additionalProperties", "items", "enum",
                                        "anyOf", "$defs", "$ref"]

    public init(directory: URL) {
        self.directory = directory
    }

    /// The schema file `name` (e.g. `tag-list.schema.json`), parsed.
    public mutating func schema(_ name: String) throws -> JSONDocument {
        if let cached = documents[name] { return cached }
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let document = try JSONDocument.parse(text)
        documents[name] = document
        return document
    }

    /// Every way `instance` breaks the schema file `name`, as `path: problem`; empty when it conforms.
    public mutating func problems(_ instance: JSONDocument, against name: String) throws -> [String] {
        var found: [String] = []
        try check(instance, try schema(name), file: name, path: "$", into: &found)
        return found
    }

    private mutating func check(_ value: JSONDocument, _ schema: JSONDocument, file: String, path: String,
                                into found: inout [String]) throws {
        guard case .object(let rules) = schema else {
            if schema == .bool(false) { found.append("\(path): not allowed") }
            return
        }
        for key in rules.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            throw SchemaError("\(file): keyword `\(key)` is not supported")
        }
        if case .string(let ref)? = rules["$ref"] {
            let (targetFile, target) = try resolve(ref, in: file)
            try check(value, target, file: targetFile, path: path, into: &found)
        }
        if let type = rules["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let n) = $0 { return n } else { return nil } }
            default: throw SchemaError("\(file): `type` must be a name or a list of names")
            }
            if value.typeNames.isDisjoint(with: allowed) {
                found.append("\(path): expected \(allowed.joined(separator: " or ")), found \(value.typeNames.sorted().joined(separator: "/"))")
                return
            }
        }
        if case .array(let options)? = rules["enum"], !options.contains(value) {
            found.append("\(path): \(value) is not one of the allowed values")
        }
        if case .array(let alternatives)? = rules["anyOf"] {
            var matched = false
            for alternative in alternatives {
                var inner: [String] = []
                try check(value, alternative, file: file, path: path, into: &inner)
                if inner.isEmpty { matched = true; break }
            }
            if !matched { found.append("\(path): matches none of anyOf") }
        }
        switch value {
        case .object(let members):
            if case .array(let required)? = rules["required"] {
                for case .string(let key) in required where members[key] == nil {
                    found.append("\(path): missing required `\(key)`")
                }
            }
            var properties: [String: JSONDocument] = [:]
            if case .object(let p)? = rules["properties"] { properties = p }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[key] {
                    try check(member, propertySchema, file: file, path: path + "." + key, into: &found)
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) {
                        found.append("\(path): `\(key)` is not in the schema")
                    } else {
                        try check(member, additional, file: file, path: path + "." + key, into: &found)
                    }
                }
            }
        case .array(let items):
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() {
                    try check(item, itemSchema, file: file, path: "\(path)[\(index)]", into: &found)
                }
            }
        default:
            break
        }
    }

    /// The schema a `$ref` names, and the file it is in: `#` (this whole
    /// file), `#/$defs/NAME`, `NAME.schema.json` or `NAME.schema.json#/$defs/DEF`.
    private mutating func resolve(_ ref: String, in file: String) throws -> (String, JSONDocument) {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target = parts[0].isEmpty ? file : String(parts[0])
        guard target.hasSuffix(".schema.json"), !target.contains("/") else {
            throw SchemaError("\(file): unsupported reference `\(ref)`")
        }
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        if fragment.isEmpty { return (target, try schema(target)) }
        guard fragment.hasPrefix("/$defs/") else { throw SchemaError("\(file): unsupported reference `\(ref)`") }
        let name = String(fragment.dropFirst("/$defs/".count))
        guard case .object(let root) = try schema(target), case .object(let defs)? = root["$defs"],
              let definition = defs[name] else { throw SchemaError("\(file): no definition `\(ref)`") }
        return (target, definition)
    }
}

public struct SchemaError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
