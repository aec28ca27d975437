import CLibPQ

/// A bound parameter. Every value travels in PostgreSQL's binary format
/// with its type named, so no value is ever parsed from text by the server.
enum PostgresValue: Hashable, Sendable {
    case null
    case text(String)
    /// `bytea`: friend strings are stored as their UTF-8 bytes (see `PostgresSchema`).
    case bytes([UInt8])
    case int2(Int16)
    case int4(Int32)
    case int8(Int64)
    case float8(Double)
    case bool(Bool)
    /// `integer[]`, e.g. for `= ANY($n)`.
    case int4Array([Int32])
    /// `bytea[]` of friend strings (their UTF-8 bytes).
    case storedArray([String])
    /// `bit varying` of `count` bits, packed from the left of `bytes` (bit 0 is the high bit of byte 0).
    case bits(count: Int, bytes: [UInt8])

    /// A friend string as stored: its UTF-8 bytes.
    static func stored(_ s: String) -> PostgresValue { .bytes(Array(s.utf8)) }

    /// A friend string as stored, or NULL.
    static func storedOrNull(_ s: String?) -> PostgresValue { s.map(stored) ?? .null }

    /// A `text`, or NULL.
    static func textOrNull(_ s: String?) -> PostgresValue { s.map(text) ?? .null }

    /// A `bigint`, or NULL.
    static func int8OrNull(_ v: Int64?) -> PostgresValue { v.map(int8) ?? .null }

    struct Encoded {
        var type: Oid
        /// nil for SQL NULL.
        var bytes: [UInt8]?
        /// 0 text, 1 binary.
        var format: Int32
    }

    /// Type OIDs from PostgreSQL's catalogue (`pg_type`), stable across versions.
    enum TypeOID {
        static let bool: Oid = 16, bytea: Oid = 17, int8: Oid = 20, int2: Oid = 21, int4: Oid = 23
        static let text: Oid = 25, float8: Oid = 701, int4Array: Oid = 1007, byteaArray: Oid = 1001
        static let varbit: Oid = 1562
    }

    var encoded: Encoded {
        switch self {
        case .null: return Encoded(type: 0, bytes: nil, format: 1)
        case .text(let s): return Encoded(type: TypeOID.text, bytes: Array(s.utf8), format: 1)
        case .bytes(let b): return Encoded(type: TypeOID.bytea, bytes: b, format: 1)
        case .int2(let v): return Encoded(type: TypeOID.int2, bytes: BigEndian.bytes(v), format: 1)
        case .int4(let v): return Encoded(type: TypeOID.int4, bytes: BigEndian.bytes(v), format: 1)
        case .int8(let v): return Encoded(type: TypeOID.int8, bytes: BigEndian.bytes(v), format: 1)
        case .float8(let v): return Encoded(type: TypeOID.float8, bytes: BigEndian.bytes(v.bitPattern), format: 1)
        case .bool(let v): return Encoded(type: TypeOID.bool, bytes: [v ? 1 : 0], format: 1)
        case .int4Array(let values):
            return Encoded(type: TypeOID.int4Array, bytes: Self.array(of: TypeOID.int4, values.map { BigEndian.bytes($0) }),
                           format: 1)
        case .storedArray(let values):
            return Encoded(type: TypeOID.byteaArray, bytes: Self.array(of: TypeOID.bytea, values.map { Array($0.utf8) }),
                           format: 1)
        case let .bits(count, bytes):
            return Encoded(type: TypeOID.varbit, bytes: BigEndian.bytes(Int32(count)) + bytes, format: 1)
        }
    }

    /// A one-dimensional array in binary format: dimensions, flags, element
    /// type, then each element's length and bytes.
    private static func array(of element: Oid, _ elements: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        BigEndian.append(Int32(elements.isEmpty ? 0 : 1), to: &out)  // dimensions
        BigEndian.append(Int32(0), to: &out)  // no NULL elements
        BigEndian.append(UInt32(element), to: &out)
        if !elements.isEmpty {
            BigEndian.append(Int32(elements.count), to: &out)
            BigEndian.append(Int32(1), to: &out)  // lower bound
        }
        for bytes in elements {
            BigEndian.append(Int32(bytes.count), to: &out)
            out += bytes
        }
        return out
    }
}

/// Network byte order, as PostgreSQL's binary formats use.
enum BigEndian {
    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        let be = value.bigEndian
        withUnsafeBytes(of: be) { out.append(contentsOf: $0) }
    }

    static func read<T: FixedWidthInteger>(_ type: T.Type, _ pointer: UnsafeRawPointer) -> T {
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: MemoryLayout<T>.size)) }
        return T(bigEndian: value)
    }
}

/// The rows of one result, in binary format; freed with the value.
final class PostgresRows {
    private let result: OpaquePointer
    let count: Int
    let columns: Int

    init(_ result: OpaquePointer) {
        self.result = result
        count = Int(PQntuples(result))
        columns = Int(PQnfields(result))
    }

    deinit { PQclear(result) }

    /// Rows changed by an INSERT/UPDATE/DELETE (0 for other statements).
    var affected: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    private func raw(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer {
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return UnsafeRawBufferPointer(start: PQgetvalue(result, Int32(row), Int32(column)), count: length)
    }

    /// An integer column (smallint, integer or bigint).
    func int64(_ row: Int, _ column: Int) -> Int64 {
        let bytes = raw(row, column)
        guard let base = bytes.baseAddress else { return 0 }
        switch bytes.count {
        case 2: return Int64(BigEndian.read(Int16.self, base))
        case 4: return Int64(BigEndian.read(Int32.self, base))
        case 8: return BigEndian.read(Int64.self, base)
        default: return 0
        }
    }

    func optionalInt64(_ row: Int, _ column: Int) -> Int64? { isNull(row, column) ? nil : int64(row, column) }

    func double(_ row: Int, _ column: Int) -> Double {
        let bytes = raw(row, column)
        guard bytes.count == 8, let base = bytes.baseAddress else { return 0 }
        return Double(bitPattern: BigEndian.read(UInt64.self, base))
    }

    func bool(_ row: Int, _ column: Int) -> Bool {
        let bytes = raw(row, column)
        return bytes.count == 1 && bytes[0] != 0
    }

    /// A `text` or `bytea` column read as UTF-8.
    /// A column's bytes as they came (binary format).
    func bytes(_ row: Int, _ column: Int) -> [UInt8] { Array(raw(row, column)) }

    func string(_ row: Int, _ column: Int) -> String { String(decoding: raw(row, column), as: UTF8.self) }

    func optionalString(_ row: Int, _ column: Int) -> String? { isNull(row, column) ? nil : string(row, column) }
}
