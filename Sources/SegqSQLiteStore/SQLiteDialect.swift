import SegqStore

/// SQLite's dialect: `?` placeholders, 0/1 booleans, `instr`/`substr` on
/// the folded copies, lists through `json_each`.
///
/// Text tests compare the UTF-8 bytes as BLOBs: SQLite's text functions
/// stop at a NUL character (`substr` counts characters up to the first
/// NUL), while tags and properties may hold any character. On valid UTF-8
/// a byte-wise prefix, suffix or substring is exactly a scalar-wise one.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public func placeholder(_ index: Int) -> String { "?" }
    public var trueLiteral: String { "1" }
    public var falseLiteral: String { "0" }

    private func bytes(_ text: SQLFragment) -> SQLFragment { "CAST(" + text + " AS BLOB)" }

    public func contains(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment {
        "instr(" + bytes(text) + ", " + bytes(needle) + ") > 0"
    }

    public func hasPrefix(_ text: SQLFragment, _ needle: SQLFragment) -> SQLFragment {
        // The first occurrence is at 1 exactly when the text starts with the needle.
        "instr(" + bytes(text) + ", " + bytes(needle) + ") = 1"
    }

    public func hasSuffix(_ text: SQLFragment, _ needle: SQLFragment, length: SQLFragment) -> SQLFragment {
        // substr of a BLOB counts bytes; a text shorter than the needle
        // yields itself, which then differs.
        "substr(" + bytes(text) + ", -" + length + ") = " + bytes(needle)
    }

    public func isTrue(_ condition: SQLFragment) -> SQLFragment {
        "ifnull(" + condition + ", 0)"
    }

    public func listValues(_ parameter: SQLFragment) -> SQLFragment {
        "SELECT value FROM json_each(" + parameter + ")"
    }
}
