import Foundation

/// A streaming source of friends: `forEach` reads its input once, in
/// chunks, calling `body` with each good record in order and collecting a
/// problem for each bad one. An error thrown by `body`, or an unreadable
/// file, ends the read.
public protocol FriendReader {
    func forEach(_ body: (Friend) throws -> Void) throws -> ImportReport
}

/// A reader of one format over one byte source; every such reader is made
/// from a file, bytes or text in the same ways.
public protocol ByteFriendReader: FriendReader {
    /// `ids` detects duplicates (share one registry across the files of one
    /// import); nil turns duplicate detection off.
    init(input: ByteInput, ids: FriendIdRegistry?)
}

/// The report of one read, built as its records come: a problem for each
/// bad record; for each good one the duplicate check, then the count and
/// the hand-off to the caller.
struct ImportTally {
    var report = ImportReport()
    let file: String?
    let ids: FriendIdRegistry?

    mutating func reject(line: Int, _ message: String) {
        report.problems.append(ImportProblem(file: file, line: line, message: message))
    }

    /// Hands `friend` to `body`, unless its id came before (then a problem).
    mutating func accept(_ friend: Friend, line: Int, _ body: (Friend) throws -> Void) rethrows {
        if let ids, let problem = ids.duplicateProblem(for: friend.id, line: line, file: file) {
            report.problems.append(problem)
            return
        }
        report.accepted += 1
        try body(friend)
    }
}

extension ByteFriendReader {
    /// Reads a file in chunks, never holding it whole.
    public init(contentsOf url: URL, ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.init(input: .file(path: url.path), ids: ids)
    }

    /// Reads bytes already in memory (tests, standard input).
    public init(bytes: [UInt8], ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.init(input: .bytes(bytes), ids: ids)
    }

    public init(text: String, ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.init(bytes: Array(text.utf8), ids: ids)
    }
}

/// The file formats friends can be imported from, chosen by extension.
public enum FriendFileFormat: String, Hashable, Sendable {
    case jsonLines, csv

    /// `.jsonl`/`.ndjson` → JSON Lines, `.csv` → CSV (case-insensitive); nil otherwise.
    public init?(url: URL) {
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson": self = .jsonLines
        case "csv": self = .csv
        default: return nil
        }
    }

    /// A reader of `url` in this format, sharing `ids` for duplicate detection.
    public func reader(for url: URL, ids: FriendIdRegistry? = FriendIdRegistry()) -> any FriendReader {
        switch self {
        case .jsonLines: return JSONLFriendReader(contentsOf: url, ids: ids)
        case .csv: return CSVFriendReader(contentsOf: url, ids: ids)
        }
    }

    /// The reader for `url` by its extension.
    public static func reader(for url: URL, ids: FriendIdRegistry? = FriendIdRegistry()) throws -> any FriendReader {
        guard let format = FriendFileFormat(url: url) else { throw ImportError.unsupportedFormat(path: url.path) }
        return format.reader(for: url, ids: ids)
    }
}

extension FriendIdRegistry {
    /// Registers `friend.id`, returning the duplicate problem when the id was seen before.
    func duplicateProblem(for id: String, line: Int, file: String?) -> ImportProblem? {
        guard let first = register(id, line: line, file: file) else { return nil }
        return Self.duplicate(id, first: first, line: line, file: file)
    }

    /// As `duplicateProblem(for:line:file:)`, for an id given as (NFC) bytes.
    func duplicateProblem(forBytes id: UnsafeBufferPointer<UInt8>, line: Int, file: String?) -> ImportProblem? {
        guard let first = register(bytes: id, line: line, file: file) else { return nil }
        return Self.duplicate(String(decoding: id, as: UTF8.self), first: first, line: line, file: file)
    }

    /// As `duplicateProblem(forBytes:line:file:)`, for a LINE id already packed.
    func duplicateProblem(forPacked hi: UInt64, _ lo: UInt64, line: Int, file: String?) -> ImportProblem? {
        guard let first = register(packed: hi, lo, line: line, file: file) else { return nil }
        let id = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FriendIdTable.lineIdLength) { buffer in
            FriendIdTable.unpack(hi, lo, into: buffer)
            return String(decoding: UnsafeBufferPointer(buffer), as: UTF8.self)
        }
        return Self.duplicate(id, first: first, line: line, file: file)
    }

    private static func duplicate(_ id: String, first: Origin, line: Int, file: String?) -> ImportProblem {
        let whereFirst: String
        if let firstFile = first.file, firstFile != file {
            whereFirst = "\(firstFile) line \(first.line)"
        } else {
            whereFirst = "line \(first.line)"
        }
        return ImportProblem(file: file, line: line, message: "duplicate id `\(id)` (first seen at \(whereFirst))")
    }
}
