/// An error from libpq, the server or the PostgreSQL store. Messages never
/// hold a password: the connection scrubs libpq's and the server's text
/// (see `PostgresLocation.scrub`) and the store names its location only
/// in redacted form.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server's SQLSTATE (`23505`, `40P01`, …), nil for errors raised by the client or the store.
    public var sqlState: String?
    public var message: String
    /// The first line of the statement that failed, when one did.
    public var statement: String?

    public init(sqlState: String? = nil, message: String, statement: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.statement = statement
    }

    /// An error raised by the store itself.
    static func store(_ message: String) -> PostgresError {
        PostgresError(message: message)
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let statement { text += " in: " + statement }
        return text
    }

    /// The first line of `sql`, trimmed and cut at 80 characters.
    static func firstLine(of sql: String) -> String {
        let line = sql.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let trimmed = line.drop(while: \.isWhitespace)
        return trimmed.count > 80 ? String(trimmed.prefix(80)) + "…" : String(trimmed)
    }
}
