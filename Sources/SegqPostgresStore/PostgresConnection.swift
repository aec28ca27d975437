import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection, used synchronously from one thread at a time.
///
/// Parameters are always bound (never spliced into the text); results
/// come back in binary format (`PostgresRows`). The server's notices are
/// dropped rather than printed, and every message is scrubbed of the
/// location's password before it leaves this type.
final class PostgresConnection {
    private let handle: OpaquePointer
    let location: PostgresLocation
    /// The location, plus `PGPASSWORD`, whose secrets every message is scrubbed of.
    private let scrubber: PostgresLocation
    /// Transactions open on this connection (more than one: savepoints).
    private var transactionDepth = 0

    /// Connects to `location`'s server. A failure names the location without its password.
    init(_ location: PostgresLocation) throws {
        self.location = location
        // PGPASSWORD is scrubbed too, in case a message ever echoes it.
        var scrubbing = location
        if let env = getenv("PGPASSWORD") {
            scrubbing = location.adding(secret: String(cString: env))
        }
        scrubber = scrubbing
        let keywords = ["dbname", "fallback_application_name", "client_encoding"]
        let values = [location.connectionURI, "segq", "UTF8"]
        let conn = Self.withCStrings(keywords) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw PostgresError.store("cannot connect to \(location): out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let reason = scrubbing.scrub(Self.trimmed(String(cString: PQerrorMessage(conn))))
            PQfinish(conn)
            throw PostgresError.store("cannot connect to \(location): \(reason)")
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        if let refusal = Self.refusal(serverVersion: Int(PQserverVersion(conn))) {
            PQfinish(conn)
            throw PostgresError.store("cannot use \(location): \(refusal)")
        }
        handle = conn
    }

    /// The oldest server the store runs on: counts use `bit_count` on `bit varying` (PostgreSQL 14).
    static let oldestServerVersion = 14_00_00

    /// Why a server of `serverVersion` (libpq's number, e.g. 150004 for 15.4) cannot serve, or nil.
    static func refusal(serverVersion: Int) -> String? {
        guard serverVersion < oldestServerVersion else { return nil }
        let major = serverVersion >= 10_00_00 ? "\(serverVersion / 10_000)" : "\(serverVersion / 10_000).\(serverVersion / 100 % 100)"
        return "the server is PostgreSQL \(major); segq needs PostgreSQL 14 or later (its counts use bit_count)"
    }

    deinit { PQfinish(handle) }

    /// Runs statements without parameters (several may be separated by `;`).
    func execute(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// Runs one statement with bound parameters (`$1`, `$2`, …); rows in binary format.
    ///
    /// With `reusing`, a statement run again on this connection (the same
    /// text and parameter types) is prepared under a name on its second
    /// run and then only executed: the server does not parse it again, and
    /// plans it again only while it finds a plan for the values bound
    /// cheaper than its generic plan (`plan_cache_mode` left `auto`:
    /// forcing generic plans for the session would also give them to the
    /// store's other statements, which run unnamed, and a preview's took
    /// three times as long). Statements run once pay nothing extra.
    @discardableResult
    func query(_ sql: String, _ parameters: [PostgresValue] = [], reusing: Bool = false) throws -> PostgresRows {
        let encoded = parameters.map { $0.encoded }
        let types = encoded.map(\.type)
        let formats = encoded.map(\.format)
        let lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
        let buffers: [UnsafeMutablePointer<CChar>?] = encoded.map { value in
            guard let bytes = value.bytes else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress { UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count) }
            }
            return buffer
        }
        defer { for buffer in buffers { buffer?.deallocate() } }
        let name = reusing ? try preparedName(sql, types: types) : nil
        let result = buffers.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            if let name {
                return PQexecPrepared(handle, name, Int32(parameters.count), values.baseAddress, lengths, formats, 1)
            }
            return PQexecParams(handle, sql, Int32(parameters.count), types, values.baseAddress, lengths, formats, 1)
        }
        do {
            try check(result, sql: sql, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        } catch {
            PQclear(result)
            throw error
        }
        return PostgresRows(result!)
    }

    /// The statements `query(_:_:reusing:)` ran, by parameter types and
    /// text: the name each is prepared under (nil after its first run).
    private var statements: [String: String?] = [:]
    /// Prepared statement names, least recently prepared first.
    private var preparedOrder: [(key: String, name: String)] = []
    private var statementsPrepared = 0
    /// Prepared statements kept on the server at once; the oldest goes first.
    static let preparedLimit = 64

    /// The name of the prepared statement for `sql`, preparing it on its
    /// second run; nil on its first (it then runs unnamed).
    private func preparedName(_ sql: String, types: [Oid]) throws -> String? {
        let key = types.map { String($0) }.joined(separator: ",") + ";" + sql
        guard let known = statements[key] else {
            if statements.count >= 16 * Self.preparedLimit { statements = statements.filter { $0.value != nil } }
            statements[key] = .some(nil)
            return nil
        }
        if let name = known { return name }
        statementsPrepared += 1
        let name = "segq_count_\(statementsPrepared)"
        let result = PQprepare(handle, name, sql, Int32(types.count), types)
        defer { PQclear(result) }
        try check(result, sql: sql, expecting: [PGRES_COMMAND_OK])
        statements[key] = name
        preparedOrder.append((key, name))
        if preparedOrder.count > Self.preparedLimit {
            let oldest = preparedOrder.removeFirst()
            statements[oldest.key] = nil
            PQclear(PQexec(handle, "DEALLOCATE " + oldest.name))
        }
        return name
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back
    /// when it throws. Called inside another, it joins it as a savepoint,
    /// released on return and rolled back to when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        let savepoint = transactionDepth == 0 ? nil : "segq_\(transactionDepth)"
        try execute(savepoint.map { "SAVEPOINT \($0)" } ?? "BEGIN")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        let value: T
        do {
            value = try body()
        } catch {
            try? execute(savepoint.map { "ROLLBACK TO SAVEPOINT \($0); RELEASE SAVEPOINT \($0)" } ?? "ROLLBACK")
            throw error
        }
        try execute(savepoint.map { "RELEASE SAVEPOINT \($0)" } ?? "COMMIT")
        return value
    }

    /// Runs `COPY … FROM STDIN` and feeds it the bytes of `data` (the
    /// format the statement names). The copy fails as a whole on any bad row.
    func copyIn(_ sql: String, _ data: [UInt8]) throws {
        let start = PQexec(handle, sql)
        let status = PQresultStatus(start)
        defer { PQclear(start) }
        guard status == PGRES_COPY_IN else {
            try check(start, sql: sql, expecting: [PGRES_COPY_IN])
            return
        }
        var offset = 0
        let chunk = 1 << 20
        while offset < data.count {
            let n = min(chunk, data.count - offset)
            let sent = data.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: n) {
                    PQputCopyData(handle, $0, Int32(n))
                }
            }
            guard sent == 1 else { break }
            offset += n
        }
        let aborted = offset < data.count
        PQputCopyEnd(handle, aborted ? "segq: the copy was cut short" : nil)
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil {
                failure = error(from: result, sql: sql)
            }
        }
        if let failure { throw failure }
        if aborted { throw PostgresError(message: lastMessage(), statement: PostgresError.firstLine(of: sql)) }
    }

    private func check(_ result: OpaquePointer?, sql: String, expecting accepted: [ExecStatusType]) throws {
        guard let result else {
            throw PostgresError(message: lastMessage(), statement: PostgresError.firstLine(of: sql))
        }
        if !accepted.contains(PQresultStatus(result)) { throw error(from: result, sql: sql) }
    }

    private func error(from result: OpaquePointer, sql: String) -> PostgresError {
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        var message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            ?? Self.trimmed(String(cString: PQresultErrorMessage(result)))
        if message.isEmpty { message = lastMessage() }
        if let detail = PQresultErrorField(result, Int32(UInt8(ascii: "D"))) {
            message += " (" + String(cString: detail) + ")"
        }
        return PostgresError(sqlState: state, message: scrubber.scrub(message), statement: PostgresError.firstLine(of: sql))
    }

    private func lastMessage() -> String {
        scrubber.scrub(Self.trimmed(String(cString: PQerrorMessage(handle))))
    }

    private static func trimmed(_ text: String) -> String {
        String(text.reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        let pointers = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
