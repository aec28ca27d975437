import Foundation

/// Reads friends from JSON Lines (docs/data-formats.md), one record a line, in
/// 1 MiB chunks. Blank lines are skipped; every other bad line becomes an
/// `ImportProblem` with its line number.
public struct JSONLFriendReader: ByteFriendReader {
    let input: ByteInput
    let ids: FriendIdRegistry?

    public init(input: ByteInput, ids: FriendIdRegistry?) {
        self.input = input
        self.ids = ids
    }

    public func forEach(_ body: (Friend) throws -> Void) throws -> ImportReport {
        var tally = ImportTally(file: input.displayName, ids: ids)
        var splitter = LineSplitter()
        func handle(_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws {
            if isBlank(line) { return }
            let friend: Friend
            do {
                friend = try JSONRecordParser.parse(line)
            } catch let error as RecordError {
                tally.reject(line: number, error.message)
                return
            }
            try tally.accept(friend, line: number, body)
        }
        try input.forEachChunk { chunk in try splitter.feed(chunk, handle) }
        try splitter.finish(handle)
        return tally.report
    }

    private func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
