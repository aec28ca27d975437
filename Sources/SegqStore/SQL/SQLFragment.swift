/// A piece of SQL text with its parameters in place, so fragments can be
/// built bottom-up and combined in any order; placeholders are numbered
/// only when the whole statement is rendered by a dialect. Values are
/// never interpolated into the text.
public struct SQLFragment: Hashable, Sendable, ExpressibleByStringLiteral {
    enum Part: Hashable, Sendable {
        case text(String)
        case parameter(Scalar)
    }

    private(set) var parts: [Part] = []

    public init(stringLiteral text: String) { parts = [.text(text)] }

    public init(_ text: String) { parts = [.text(text)] }

    init(parts: [Part]) { self.parts = parts }

    /// A fragment that is one bound parameter.
    public static func parameter(_ value: Scalar) -> SQLFragment { SQLFragment(parts: [.parameter(value)]) }

    public static func + (a: SQLFragment, b: SQLFragment) -> SQLFragment {
        SQLFragment(parts: a.parts + b.parts)
    }

    public static func += (a: inout SQLFragment, b: SQLFragment) { a.parts += b.parts }

    /// `fragments` separated by `separator`.
    public static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var out = SQLFragment(parts: [])
        for (i, f) in fragments.enumerated() {
            if i > 0 { out.parts.append(.text(separator)) }
            out.parts += f.parts
        }
        return out
    }

    /// The SQL text with the dialect's placeholders, and the values to bind in order.
    public func render(_ dialect: some SQLDialect) -> (sql: String, bindings: [Scalar]) {
        var sql = ""
        var bindings: [Scalar] = []
        for part in parts {
            switch part {
            case .text(let t): sql += t
            case .parameter(let v):
                bindings.append(v)
                sql += dialect.placeholder(bindings.count)
            }
        }
        return (sql, bindings)
    }

    /// The SQL text with every value written as a literal, for showing only.
    public func display(_ dialect: some SQLDialect) -> String {
        var sql = ""
        for part in parts {
            switch part {
            case .text(let t): sql += t
            case .parameter(let v): sql += dialect.literal(v)
            }
        }
        return sql
    }
}
