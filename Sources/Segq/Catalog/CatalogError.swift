import SegqSyntax

/// Why a segment or tag operation was refused. `diagnostics` (with their
/// source) carry query errors; `message` explains everything else.
public struct CatalogError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The request is wrong (unknown name, in use, hash mismatch): exit 1.
        case refused
        /// The query has errors: exit 1, diagnostics rendered.
        case query
        /// The store needs a database (saved segments live in it): exit 2.
        case needsDatabase
    }

    public var kind: Kind
    public var message: String
    public var diagnostics: [Diagnostic] = []
    public var source: SourceFile?

    public var description: String { message }

    static func refused(_ message: String) -> CatalogError { CatalogError(kind: .refused, message: message) }

    static func query(_ compilation: Compilation, _ message: String) -> CatalogError {
        CatalogError(kind: .query, message: message,
                     diagnostics: compilation.diagnostics.filter { $0.severity == .error },
                     source: compilation.source)
    }

    static let needsDatabase = CatalogError(
        kind: .needsDatabase,
        message: "saved segments and tags live in a database store (SQLite or PostgreSQL): import friends with `segq import --store X.sqlite FILE` "
            + "(or a postgresql://…?account=NAME URL) and use that --store")
}
