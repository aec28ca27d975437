import Foundation

/// Reads JSON Lines like `JSONLFriendReader` — the same friends, problems
/// and line numbers, in the same order — but parses on worker threads.
///
/// One thread reads the file and cuts it into blocks of whole lines (about
/// `blockSize` bytes each); workers parse blocks into friends or problems;
/// the calling thread takes the parsed blocks in file order, checks ids for
/// duplicates and calls `body`. At most `blocksInFlight` blocks exist at
/// once, so memory stays bounded whatever the file's size. Every thread
/// has finished when `forEach` returns or throws.
public struct ParallelJSONLFriendReader: FriendReader {
    let input: ByteInput
    let ids: FriendIdRegistry?
    let workers: Int
    let blockSize: Int
    let blocksInFlight: Int

    public init(contentsOf url: URL, ids: FriendIdRegistry? = FriendIdRegistry(),
                workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.init(input: .file(path: url.path), ids: ids, workers: workers, blockSize: 1 << 20)
    }

    init(input: ByteInput, ids: FriendIdRegistry?, workers: Int, blockSize: Int) {
        self.input = input
        self.ids = ids
        self.workers = max(1, workers)
        self.blockSize = max(1, blockSize)
        self.blocksInFlight = 2 * self.workers + 2
    }

    /// Lines of the input, copied together: line `lines[i].number` is
    /// `bytes[lines[i].start ..< lines[i].end]` (CR already trimmed).
    struct Block {
        var sequence: Int
        var bytes: [UInt8] = []
        var lines: [(number: Int, start: Int, end: Int)] = []
    }

    enum Record {
        case friend(line: Int, Friend)
        case problem(line: Int, message: String)
    }

    /// State shared by the threads, guarded by `condition`.
    final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var toParse: [Block] = []
        var parsed: [Int: [Record]] = [:]
        var inFlight = 0
        /// Set by the reading thread when it has cut every block.
        var blockCount: Int?
        var readError: Error?
        var cancelled = false
    }

    public func forEach(_ body: (Friend) throws -> Void) throws -> ImportReport {
        let shared = Shared()
        let group = DispatchGroup()
        let input = self.input, blockSize = self.blockSize, limit = self.blocksInFlight
        group.enter()
        Thread.detachNewThread {
            Self.cut(input, blockSize: blockSize, limit: limit, into: shared)
            group.leave()
        }
        for _ in 0 ..< workers {
            group.enter()
            Thread.detachNewThread {
                Self.parseBlocks(shared)
                group.leave()
            }
        }
        defer {
            shared.condition.lock()
            shared.cancelled = true
            shared.condition.broadcast()
            shared.condition.unlock()
            group.wait()
        }
        var report = ImportReport()
        let file = input.displayName
        var next = 0
        while true {
            shared.condition.lock()
            while shared.parsed[next] == nil && shared.blockCount != next && shared.readError == nil {
                shared.condition.wait()
            }
            if let error = shared.readError {
                shared.condition.unlock()
                throw error
            }
            guard var records = shared.parsed.removeValue(forKey: next) else {
                shared.condition.unlock()
                break
            }
            shared.inFlight -= 1
            shared.condition.broadcast()
            shared.condition.unlock()
            // Taken from the end of the reversed list, each record is moved
            // out rather than copied (no retain of its strings and arrays).
            records.reverse()
            while let record = records.popLast() {
                switch record {
                case .problem(let line, let message):
                    report.problems.append(ImportProblem(file: file, line: line, message: message))
                case .friend(let line, let friend):
                    if let ids, let problem = ids.duplicateProblem(for: friend.id, line: line, file: file) {
                        report.problems.append(problem)
                        continue
                    }
                    report.accepted += 1
                    try body(friend)
                }
            }
            next += 1
        }
        return report
    }

    /// The reading thread: cuts the input into blocks of whole lines.
    private static func cut(_ input: ByteInput, blockSize: Int, limit: Int, into shared: Shared) {
        var block = Block(sequence: 0)
        var sequence = 0
        func submit() -> Bool {
            shared.condition.lock()
            defer { shared.condition.unlock() }
            while shared.inFlight >= limit && !shared.cancelled { shared.condition.wait() }
            if shared.cancelled { return false }
            shared.toParse.append(block)
            shared.inFlight += 1
            shared.condition.broadcast()
            sequence += 1
            block = Block(sequence: sequence)
            block.bytes.reserveCapacity(blockSize + blockSize / 4)
            return true
        }
        struct Stop: Error {}
        var splitter = LineSplitter()
        func add(_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws {
            let start = block.bytes.count
            block.bytes.append(contentsOf: line)
            block.lines.append((number, start, block.bytes.count))
            if block.bytes.count >= blockSize { guard submit() else { throw Stop() } }
        }
        do {
            try input.forEachChunk { chunk in try splitter.feed(chunk, add) }
            try splitter.finish(add)
            if !block.lines.isEmpty { guard submit() else { throw Stop() } }
            shared.condition.lock()
            shared.blockCount = sequence
            shared.condition.broadcast()
            shared.condition.unlock()
        } catch is Stop {
        } catch {
            shared.condition.lock()
            shared.readError = error
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }

    /// A worker thread: parses blocks until the reader is done and none is left.
    private static func parseBlocks(_ shared: Shared) {
        while true {
            shared.condition.lock()
            while shared.toParse.isEmpty && shared.blockCount == nil && shared.readError == nil && !shared.cancelled {
                shared.condition.wait()
            }
            if shared.cancelled || shared.toParse.isEmpty {
                shared.condition.unlock()
                return
            }
            let block = shared.toParse.removeFirst()
            shared.condition.unlock()
            let records = parse(block)
            shared.condition.lock()
            shared.parsed[block.sequence] = records
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }

    static func parse(_ block: Block) -> [Record] {
        var out: [Record] = []
        out.reserveCapacity(block.lines.count)
        block.bytes.withUnsafeBufferPointer { bytes in
            for (number, start, end) in block.lines {
                let line = UnsafeBufferPointer(rebasing: bytes[start ..< end])
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    out.append(.friend(line: number, try JSONRecordParser.parse(line)))
                } catch let error as RecordError {
                    out.append(.problem(line: number, message: error.message))
                } catch {
                    out.append(.problem(line: number, message: "\(error)"))
                }
            }
        }
        return out
    }
}
