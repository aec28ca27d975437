import Foundation

/// Reads JSON Lines like `JSONLFriendReader` — the same friends, problems
/// and line numbers, in the same order — but parses on worker threads.
///
/// One thread reads the file straight into blocks of whole lines (about
/// `blockSize` bytes each; no line is copied on its own); workers split
/// blocks into lines and parse them into friends or problems; the parsed
/// blocks are taken in file order, their lines numbered and their ids
/// checked for duplicates, and `body` is called with each. `forEachBlock`
/// checks ids on a thread of its own, one block ahead of `body`, so the
/// calling thread only consumes. At most `blocksInFlight` blocks exist at
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
        self.blocksInFlight = 2 * self.workers + 4
    }

    /// Whole lines of the input as read: the file's bytes from the start of
    /// a line to the end of a line (or of the input), never copied line by
    /// line. The worker that parses it splits the lines and numbers them
    /// from 1; the consumer adds the lines of the blocks before it.
    struct Block {
        var sequence: Int
        /// The buffer the input is read into; its first `length` bytes are the block's.
        var bytes: [UInt8] = []
        var length = 0
        /// The input's first block (a UTF-8 byte order mark may open it).
        var isFirst = false

        /// The offset of the block's last line feed, if any.
        func lastLineFeed() -> Int? {
            bytes.withUnsafeBufferPointer { p in
                var i = length - 1
                while i >= 0 {
                    if p[i] == 0x0A { return i }
                    i -= 1
                }
                return nil
            }
        }
    }

    /// What a worker made of one block, and how many lines it held.
    struct Parsed<Content> {
        var content: Content
        var lineCount: Int
    }

    enum Record {
        case friend(line: Int, Friend)
        case problem(line: Int, message: String)
    }

    /// A parsed block with what the id check made of it: the rows
    /// accepted, in file order, and every problem of the block (bad lines
    /// and repeated ids) in line order.
    package struct CheckedBlock {
        package var columns = FriendBlockColumns()
        package var accepted: [Int32] = []
        package var problems: [ImportProblem] = []

        mutating func removeAll() {
            columns.removeAll()
            accepted.removeAll(keepingCapacity: true)
            problems.removeAll(keepingCapacity: true)
        }
    }

    /// State shared by the threads, guarded by `condition`.
    final class Shared<Content>: @unchecked Sendable {
        let condition = NSCondition()
        var toParse: [Block] = []
        /// Parsed blocks waiting for the check stage (when there is one).
        var parsed: [Int: Parsed<Content>] = [:]
        /// Blocks ready for the consumer, by sequence.
        var ready: [Int: Parsed<Content>] = [:]
        /// Parsed blocks go through a check stage before `ready`.
        var staged = false
        /// Parsed blocks the consumer is done with, emptied for a worker to fill again.
        var spareContents: [Content] = []
        /// Emptied block buffers, to be filled again.
        var spareBuffers: [[UInt8]] = []
        var inFlight = 0
        /// Set by the reading thread when it has cut every block.
        var blockCount: Int?
        var readError: Error?
        var cancelled = false
    }

    public func forEach(_ body: (Friend) throws -> Void) throws -> ImportReport {
        var report = ImportReport()
        let file = input.displayName
        let ids = self.ids
        try run(parse: { block, _ in Self.parse(block) }, recycle: nil, check: nil) { (records: inout [Record], base: Int) in
            // Taken from the end of the reversed list, each record is moved
            // out rather than copied (no retain of its strings and arrays).
            records.reverse()
            while let record = records.popLast() {
                switch record {
                case .problem(let local, let message):
                    report.problems.append(ImportProblem(file: file, line: base + local, message: message))
                case .friend(let local, let friend):
                    let line = base + local
                    if let ids, let problem = ids.duplicateProblem(for: friend.id, line: line, file: file) {
                        report.problems.append(problem)
                        continue
                    }
                    report.accepted += 1
                    try body(friend)
                }
            }
        }
        return report
    }

    /// Like `forEach`, but parses each block straight into columns (no
    /// `Friend` per record) and hands `body` each block with its accepted
    /// rows in file order: the same problems, line numbers and duplicate
    /// handling as `forEach`. Ids are checked on a thread of their own.
    package func forEachBlock(_ body: (FriendBlockColumns, [Int32]) throws -> Void) throws -> ImportReport {
        var report = ImportReport()
        let file = input.displayName
        let ids = self.ids
        var first = true
        let check: (inout CheckedBlock, Int) -> Void = { block, base in
            if first, let ids, let rows = estimatedRowCount(from: block.columns) { ids.reserveCapacity(ids.count + rows) }
            first = false
            Self.check(&block, base: base, ids: ids, file: file)
        }
        try run(parse: { Self.parseChecked($0, reusing: &$1) }, recycle: { $0.removeAll() }, check: check) {
            (block: inout CheckedBlock, _: Int) in
            report.problems += block.problems
            report.accepted += block.accepted.count
            try body(block.columns, block.accepted)
        }
        return report
    }

    /// Numbers the lines of a parsed block (`base` lines come before it),
    /// registers its ids in order and sorts its records into accepted rows
    /// and problems.
    private static func check(_ block: inout CheckedBlock, base: Int, ids: FriendIdRegistry?, file: String?) {
        let columns = block.columns
        let rows = columns.rows
        ids?.prefetch(rows.count) { (rows[$0].idHigh, rows[$0].idLow) }
        block.accepted.removeAll(keepingCapacity: true)
        block.problems.removeAll(keepingCapacity: true)
        columns.ids.items.withUnsafeBufferPointer { idBytes in
            for entry in columns.entries {
                if entry < 0 {
                    let p = columns.problems[Int(-entry - 1)]
                    block.problems.append(ImportProblem(file: file, line: base + p.line, message: p.message))
                    continue
                }
                let k = Int(entry)
                if let ids {
                    let row = rows[k]
                    let line = base + Int(row.line)
                    let problem = row.idIsPacked
                        ? ids.duplicateProblem(forPacked: row.idHigh, row.idLow, line: line, file: file)
                        : ids.duplicateProblem(forBytes: UnsafeBufferPointer(rebasing: idBytes[columns.ids.range(k)]),
                                               line: line, file: file)
                    if let problem {
                        block.problems.append(problem)
                        continue
                    }
                }
                block.accepted.append(Int32(k))
            }
        }
    }

    /// About how many records the input holds, judged from its size and
    /// the first parsed block's bytes per record; nil when not a file.
    package func estimatedRowCount(from block: FriendBlockColumns) -> Int? {
        guard case .file(let path) = input, block.rowCount > 0, block.byteCount > 0,
              let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int else { return nil }
        return Int(Double(size) * Double(block.rowCount) / Double(block.byteCount) * 1.05)
    }

    /// Runs the reading thread and the workers (`parse` on each block, with
    /// an emptied earlier result to fill when there is one) and calls
    /// `consume` with the parsed blocks in file order on this thread, with
    /// the number of lines before each block. With `check`, a thread of its
    /// own first calls it on each parsed block in file order (with the same
    /// line count), so the two overlap. `recycle` empties a consumed
    /// result for reuse; without it results are dropped.
    func run<Content>(parse: @escaping (Block, inout Content?) -> (Content, lineCount: Int),
                      recycle: ((inout Content) -> Void)?,
                      check: ((inout Content, Int) -> Void)?,
                      consume: (inout Content, Int) throws -> Void) throws {
        let shared = Shared<Content>()
        shared.staged = check != nil
        let group = DispatchGroup()
        let input = self.input, blockSize = self.blockSize, limit = self.blocksInFlight
        group.enter()
        Thread.detachNewThread {
            Self.cut(input, blockSize: blockSize, limit: limit, into: shared)
            group.leave()
        }
        if let check {
            group.enter()
            let thread = Thread {
                Self.checkBlocks(shared, check)
                group.leave()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        for _ in 0 ..< workers {
            group.enter()
            Thread.detachNewThread {
                Self.parseBlocks(shared) { block, spare in
                    let (content, lineCount) = parse(block, &spare)
                    return Parsed(content: content, lineCount: lineCount)
                }
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
        var next = 0
        var linesBefore = 0
        while true {
            shared.condition.lock()
            while shared.ready[next] == nil && shared.blockCount != next && shared.readError == nil {
                shared.condition.wait()
            }
            if let error = shared.readError {
                shared.condition.unlock()
                throw error
            }
            guard var parsed = shared.ready.removeValue(forKey: next) else {
                shared.condition.unlock()
                break
            }
            shared.inFlight -= 1
            shared.condition.broadcast()
            shared.condition.unlock()
            try consume(&parsed.content, linesBefore)
            linesBefore += parsed.lineCount
            next += 1
            if let recycle {
                recycle(&parsed.content)
                shared.condition.lock()
                shared.spareContents.append(parsed.content)
                shared.condition.unlock()
            }
        }
    }

    /// The reading thread: reads the input straight into block buffers and
    /// cuts each after its last line feed once it holds `blockSize` bytes;
    /// the partial line after it opens the next block. A line longer than
    /// that is read on into a larger buffer until it ends.
    private static func cut<Content>(_ input: ByteInput, blockSize: Int, limit: Int, into shared: Shared<Content>) {
        var sequence = 0
        func newBlock() -> Block {
            var block = Block(sequence: sequence, isFirst: sequence == 0)
            shared.condition.lock()
            if let spare = shared.spareBuffers.popLast() { block.bytes = spare }
            shared.condition.unlock()
            if block.bytes.isEmpty { block.bytes = [UInt8](repeating: 0, count: blockSize + blockSize / 4) }
            return block
        }
        func submit(_ block: Block) -> Bool {
            shared.condition.lock()
            defer { shared.condition.unlock() }
            while shared.inFlight >= limit && !shared.cancelled { shared.condition.wait() }
            if shared.cancelled { return false }
            shared.toParse.append(block)
            shared.inFlight += 1
            shared.condition.broadcast()
            sequence += 1
            return true
        }
        var block = newBlock()
        // Bytes to read into `block` before cutting it.
        var fill = blockSize
        do {
            try input.withReads { read in
                while true {
                    if block.length >= fill {
                        guard let cut = block.lastLineFeed() else {
                            fill *= 2   // no line ends in the block yet: read on
                            continue
                        }
                        var next = newBlock()
                        let tail = block.length - (cut + 1)
                        if next.bytes.count < tail { next.bytes.append(contentsOf: repeatElement(0, count: tail - next.bytes.count)) }
                        next.bytes.withUnsafeMutableBufferPointer { to in
                            block.bytes.withUnsafeBufferPointer { from in
                                _ = to.update(fromContentsOf: from[(cut + 1) ..< block.length])
                            }
                        }
                        next.length = tail
                        block.length = cut + 1
                        guard submit(block) else { throw CutStopped() }
                        block = next
                        block.sequence = sequence
                        block.isFirst = false
                        fill = blockSize
                        continue
                    }
                    if block.bytes.count < fill {
                        block.bytes.append(contentsOf: repeatElement(0, count: fill - block.bytes.count))
                    }
                    let start = block.length
                    let got = try block.bytes.withUnsafeMutableBytes {
                        try read(UnsafeMutableRawBufferPointer(rebasing: $0[start ..< fill]))
                    }
                    if got == 0 { break }
                    block.length += got
                }
            }
            if block.length > 0 { guard submit(block) else { throw CutStopped() } }
            shared.condition.lock()
            shared.blockCount = sequence
            shared.condition.broadcast()
            shared.condition.unlock()
        } catch is CutStopped {
        } catch {
            shared.condition.lock()
            shared.readError = error
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }

    /// The check stage: takes the parsed blocks in file order, calls
    /// `check` on each with the number of lines before it, and makes it
    /// ready for the consumer. Stops when every block is checked, on a
    /// read error (the consumer reports it) or when cancelled.
    private static func checkBlocks<Content>(_ shared: Shared<Content>, _ check: (inout Content, Int) -> Void) {
        var next = 0
        var linesBefore = 0
        while true {
            shared.condition.lock()
            while shared.parsed[next] == nil && shared.blockCount != next && shared.readError == nil
                    && !shared.cancelled {
                shared.condition.wait()
            }
            guard !shared.cancelled, shared.readError == nil, var parsed = shared.parsed.removeValue(forKey: next) else {
                shared.condition.unlock()
                return
            }
            shared.condition.unlock()
            check(&parsed.content, linesBefore)
            linesBefore += parsed.lineCount
            shared.condition.lock()
            shared.ready[next] = parsed
            shared.condition.broadcast()
            shared.condition.unlock()
            next += 1
        }
    }

    /// A worker thread: parses blocks until the reader is done and none is left.
    private static func parseBlocks<Content>(_ shared: Shared<Content>, _ parse: (Block, inout Content?) -> Parsed<Content>) {
        while true {
            shared.condition.lock()
            while shared.toParse.isEmpty && shared.blockCount == nil && shared.readError == nil && !shared.cancelled {
                shared.condition.wait()
            }
            if shared.cancelled || shared.toParse.isEmpty {
                shared.condition.unlock()
                return
            }
            var block = shared.toParse.removeFirst()
            var spare = shared.spareContents.popLast()
            shared.condition.unlock()
            let records = parse(block, &spare)
            // Hand the byte buffer back to the reading thread for reuse:
            // fresh megabyte buffers would each cost page faults.
            var bytes: [UInt8] = []
            swap(&bytes, &block.bytes)
            shared.condition.lock()
            if shared.staged { shared.parsed[block.sequence] = records } else { shared.ready[block.sequence] = records }
            if shared.spareBuffers.count < 8 { shared.spareBuffers.append(bytes) }
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }

    /// Calls `body` with each line of `block` (numbered from 1, CR trimmed,
    /// a leading byte order mark skipped); returns the number of lines.
    static func forEachLine(_ block: Block, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        var splitter = LineSplitter(atStart: block.isFirst)
        block.bytes.withUnsafeBufferPointer { splitter.feed(UnsafeBufferPointer(rebasing: $0[..<block.length]), body) }
        splitter.finish(body)
        return splitter.lineCount
    }

    /// Parses the lines of `block` into `out` (emptied); returns the number of lines.
    static func parseColumns(_ block: Block, into out: inout FriendBlockColumns) -> Int {
        out.byteCount = block.length
        return forEachLine(block) { number, line in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            out.add(line: number, line)
        }
    }

    /// `spare` is taken (left nil), so its buffers are the only reference
    /// to them and are refilled in place rather than copied.
    static func parseChecked(_ block: Block, reusing spare: inout CheckedBlock?) -> (CheckedBlock, lineCount: Int) {
        var out = spare ?? CheckedBlock()
        spare = nil
        let lineCount = parseColumns(block, into: &out.columns)
        return (out, lineCount)
    }

    static func parse(_ block: Block) -> ([Record], lineCount: Int) {
        var out: [Record] = []
        let lineCount = forEachLine(block) { number, line in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            do {
                out.append(.friend(line: number, try JSONRecordParser.parse(line)))
            } catch let error as RecordError {
                out.append(.problem(line: number, message: error.message))
            } catch {
                out.append(.problem(line: number, message: "\(error)"))
            }
        }
        return (out, lineCount)
    }
}

/// The reading thread stops early: the consumer has gone.
private struct CutStopped: Error {}
