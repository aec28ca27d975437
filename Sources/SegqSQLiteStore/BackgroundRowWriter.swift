import Foundation
import SegqStore

/// Binds and steps the multi-row inserts of a bulk load on a thread of its
/// own, so the importing thread only prepares rows (stored form, content
/// hash, counting, value lists) while SQLite writes the rows before them.
///
/// The importing thread hands over chunks of rows, one value list per
/// table (in the order of `batches`); at most `chunksInFlight` chunks wait,
/// so memory stays bounded. The connection belongs to this thread between
/// `init` and `drain()`/`close()`: the importing thread must not use it
/// meanwhile. An error stops the writing; `submit` and `drain` rethrow it.
final class BackgroundRowWriter: @unchecked Sendable {
    /// Rows of several friends, one flat value list per table.
    typealias Chunk = [[SQLiteValue]]

    private let batches: [BatchInsert]
    private let condition = NSCondition()
    private var waiting: [Chunk] = []
    private var writing = false
    private var closed = false
    private var running = true
    private var failure: Error?
    /// CPU nanoseconds this thread spent writing.
    private var cpuNanos: Int64 = 0
    private static let chunksInFlight = 3

    init(batches: [BatchInsert]) {
        self.batches = batches
        Thread.detachNewThread { [self] in run() }
    }

    /// Queues a chunk of rows; waits while `chunksInFlight` chunks wait already.
    func submit(_ chunk: Chunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.chunksInFlight && failure == nil { condition.wait() }
        if let failure { throw failure }
        waiting.append(chunk)
        condition.broadcast()
    }

    /// Waits until every chunk handed over is in the batches (or failed);
    /// the connection is then the caller's until the next `submit`.
    func drain() throws {
        condition.lock()
        defer { condition.unlock() }
        while (!waiting.isEmpty || writing) && failure == nil { condition.wait() }
        if let failure { throw failure }
    }

    /// Stops the thread (dropping chunks not yet written) and waits for it.
    /// Called before the import's transaction ends, whatever happened.
    func close() {
        condition.lock()
        closed = true
        waiting.removeAll()
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
        if ImportTrace.enabled {
            fputs("import:   row writer thread: cpu \(cpuNanos / 1_000_000) ms\n", stderr)
        }
    }

    private func run() {
        let start = ImportTrace.threadCPUNanos()
        condition.lock()
        while true {
            while waiting.isEmpty && !closed { condition.wait() }
            if closed || failure != nil { break }
            let chunk = waiting.removeFirst()
            writing = true
            condition.broadcast()
            condition.unlock()
            var error: Error?
            do {
                for (table, values) in chunk.enumerated() { try batches[table].appendRows(values) }
            } catch let e {
                error = e
            }
            condition.lock()
            writing = false
            if let error { failure = error }
            condition.broadcast()
        }
        cpuNanos = ImportTrace.threadCPUNanos() - start
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
