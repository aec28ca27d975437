/// Where a PostgreSQL store lives: a libpq connection URI plus the account
/// it opens, parsed from `postgresql://USER@HOST:PORT/DB?account=NAME`
/// (or `postgres://…`).
///
/// Everything but `account` is libpq's own URI syntax and is handed to
/// libpq unchanged, so credentials work as libpq users expect: a password
/// in the URL, `PGPASSWORD`, `~/.pgpass` (or `passfile=`), or a unix
/// socket folder as `host=/path`. The password is kept only in the
/// connection string; `description` and every error show the location
/// with it removed.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The account's name, as given by `account=`.
    public let account: String
    /// The URI libpq connects with (without `account`; may hold a password).
    let connectionURI: String
    /// The URI without any password, for messages.
    public let redacted: String
    /// Strings that must never appear in output: the password, raw and decoded.
    private(set) var secrets: [String]

    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case notPostgres
        case missingAccount(String)
        case malformed(String, reason: String)

        public var description: String {
            switch self {
            case .notPostgres: return "not a PostgreSQL URL (expected postgresql://… or postgres://…)"
            case .missingAccount(let url):
                return "\(url): no account; add ?account=NAME (the store opens one account of the database)"
            case .malformed(let url, let reason): return "\(url): \(reason)"
            }
        }
    }

    static let schemes = ["postgresql://", "postgres://"]

    /// True when `text` names a PostgreSQL store rather than a file.
    public static func isPostgresURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    public init(_ text: String) throws {
        guard let scheme = Self.schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            throw ParseError.notPostgres
        }
        let rest = text.dropFirst(scheme.count)
        let beforeQuery = rest.prefix { $0 != "?" }
        let query = rest.dropFirst(beforeQuery.count + 1)
        let authority = beforeQuery.prefix { $0 != "/" }
        let path = beforeQuery.dropFirst(authority.count)

        var secrets: [String] = []
        var safeAuthority = String(authority)
        // userinfo is everything before the last "@" (hosts have no "@").
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                let password = String(userinfo[userinfo.index(after: colon)...])
                secrets += Self.variants(of: password)
                safeAuthority = String(userinfo[..<colon]) + String(authority[at...])
            }
        }

        var account: String?
        var kept: [Substring] = []
        var safeKept: [Substring] = []
        for parameter in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name = parameter.prefix { $0 != "=" }
            let value = String(parameter.dropFirst(name.count + 1))
            switch Self.percentDecoded(String(name)) {
            case "account":
                guard let decoded = Self.percentDecoded(value), !decoded.isEmpty else {
                    throw ParseError.malformed(Self.redactedText(scheme, safeAuthority, path, safeKept),
                                               reason: "the account name is empty or badly escaped")
                }
                account = decoded
            case "password":
                secrets += Self.variants(of: value)
                kept.append(parameter)
            default:
                kept.append(parameter)
                safeKept.append(parameter)
            }
        }
        let redacted = Self.redactedText(scheme, safeAuthority, path, safeKept)
        guard let account else { throw ParseError.missingAccount(redacted) }
        self.account = account
        self.redacted = redacted + (safeKept.isEmpty ? "?" : "&") + "account=" + Self.percentEncoded(account)
        self.secrets = secrets.filter { !$0.isEmpty }
        connectionURI = scheme + authority + path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    public var description: String { redacted }

    /// `dump` and debuggers see the redacted form only.
    public var customMirror: Mirror { Mirror(self, children: ["location": redacted]) }

    /// The same location, scrubbing one more secret (e.g. `PGPASSWORD`) from messages.
    func adding(secret: String) -> PostgresLocation {
        var copy = self
        if !secret.isEmpty { copy.secrets.append(secret) }
        return copy
    }

    /// `text` with every secret replaced by `***` (for messages from libpq or the server).
    func scrub(_ text: String) -> String {
        var out = text
        // Longest first, so a decoded password inside its escaped form is caught whole.
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            out = out.replacingAll(secret, with: "***")
        }
        return out
    }

    private static func redactedText(_ scheme: String, _ authority: String, _ path: Substring,
                                     _ parameters: [Substring]) -> String {
        scheme + authority + path + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    /// A password as written and as decoded.
    private static func variants(of escaped: String) -> [String] {
        [escaped, percentDecoded(escaped) ?? escaped]
    }

    /// `%XX` escapes decoded (UTF-8); nil when an escape is malformed or the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let high = hexValue(utf8.popFirst()!), let low = hexValue(utf8.popFirst()!) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Escapes every byte outside the URI's unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// Every occurrence of `target` (non-empty) replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        let source = Array(utf8), pattern = Array(target.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var i = 0
        while i < source.count {
            if i + pattern.count <= source.count, source[i..<(i + pattern.count)].elementsEqual(pattern) {
                out += replacement.utf8
                i += pattern.count
            } else {
                out.append(source[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
