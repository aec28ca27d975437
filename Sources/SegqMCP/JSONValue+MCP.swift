import MCP
import Segq

extension JSONValue {
    /// The same value as the MCP SDK's `Value` (object keys lose their order).
    var mcpValue: MCP.Value {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int(i))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.mcpValue))
        case .object(let members):
            var object: [String: MCP.Value] = [:]
            for (key, value) in members { object[key] = value.mcpValue }
            return .object(object)
        }
    }
}

/// Reading a tool's arguments: strings, optional strings, booleans and
/// integers, with the message a model can act on when one is wrong.
struct ToolArguments {
    let values: [String: MCP.Value]

    struct Problem: Error {
        let message: String
    }

    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw Problem(message: "missing argument `\(name)`") }
        guard let text = value.stringValue else { throw Problem(message: "argument `\(name)` must be a string") }
        return text
    }

    func optionalString(_ name: String) throws -> String? {
        guard let value = values[name], value != MCP.Value.null else { return nil }
        guard let text = value.stringValue else { throw Problem(message: "argument `\(name)` must be a string") }
        return text
    }

    func bool(_ name: String) throws -> Bool {
        guard let value = values[name], value != MCP.Value.null else { return false }
        guard let flag = value.boolValue else { throw Problem(message: "argument `\(name)` must be true or false") }
        return flag
    }

    func optionalInt(_ name: String) throws -> Int? {
        guard let value = values[name], value != MCP.Value.null else { return nil }
        if let n = value.intValue { return n }
        if let d = value.doubleValue, d == d.rounded() { return Int(d) }
        throw Problem(message: "argument `\(name)` must be an integer")
    }

    /// Refuses arguments the tool does not take, so a typo is not silently ignored.
    func only(_ names: Set<String>) throws {
        let unknown = values.keys.filter { !names.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw Problem(message: "unknown argument(s) " + unknown.map { "`\($0)`" }.joined(separator: ", ")
                          + "; this tool takes " + names.sorted().map { "`\($0)`" }.joined(separator: ", "))
        }
    }
}
