import Dispatch
import Foundation

/// Sends `COPY … FROM STDIN` batches from a queue of its own, so the
/// server loads one batch while the import gathers the next: the writer
/// and the server work at once rather than in turns. At most `depth`
/// batches wait to be sent. Between a `send` and the next `drain` the
/// connection belongs to the sender: the caller runs nothing else on it.
final class CopySender: @unchecked Sendable {
    private let connection: PostgresConnection
    private let queue = DispatchQueue(label: "segq.copy")
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failure: Error?

    init(connection: PostgresConnection, depth: Int = 2) {
        self.connection = connection
        slots = DispatchSemaphore(value: depth)
    }

    /// Queues one COPY statement with its rows; waits while `depth` are
    /// queued. Throws the failure of an earlier one (the transaction is then lost).
    func send(_ sql: String, _ data: [UInt8]) throws {
        try rethrowFailure()
        slots.wait()
        queue.async(group: group) { [self] in
            defer { slots.signal() }
            guard firstFailure == nil else { return }
            do { try connection.copyIn(sql, data) } catch { record(error) }
        }
    }

    /// Waits until every queued COPY has finished; throws the first failure.
    func drain() throws {
        group.wait()
        try rethrowFailure()
    }

    private var firstFailure: Error? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    private func record(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = error }
    }

    private func rethrowFailure() throws {
        if let failure = firstFailure { throw failure }
    }
}
