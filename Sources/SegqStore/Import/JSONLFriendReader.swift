import Foundation

/// Reads friends from JSON Lines (docs/data-formats.md), one record a line, in
/// 1 MiB chunks. Blank lines are skipped; every other bad line becomes an
/// `ImportProblem` with its line number.
public struct JSONLFriendReader: FriendReader {
    let input: ByteInput
    let ids: FriendIdRegistry?

    /// Reads a file. `ids` detects duplicates (share one registry across
    /// files of one import); nil turns duplicate detection off.
    public init(contentsOf url: URL, ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.input = .file(path: url.path)
        self.ids = ids
    }

    /// Reads bytes already in memory (tests, standard input).
    public init(bytes: [UInt8], ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.input = .bytes(bytes)
        self.ids = ids
    }

    public init(text: String, ids: FriendIdRegistry? = FriendIdRegistry()) {
        self.init(bytes: Array(text.utf8), ids: ids)
    }

    public func forEach(_ body: (Friend) throws -> Void) throws -> ImportReport {
        var report = ImportReport()
        var splitter = LineSplitter()
        let file = input.displayName
        func handle(_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws {
            if isBlank(line) { return }
            let friend: Friend
            do {
                friend = try JSONRecordParser.parse(line)
            } catch let error as RecordError {
                report.problems.append(ImportProblem(file: file, line: number, message: error.message))
                return
            }
            if let ids, let problem = ids.duplicateProblem(for: friend.id, line: number, file: file) {
                report.problems.append(problem)
                return
            }
            report.accepted += 1
            try body(friend)
        }
        try input.forEachChunk { chunk in try splitter.feed(chunk, handle) }
        try splitter.finish(handle)
        return report
    }

    private func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
