import SegqStore
import Foundation

/// Reads friends on a background thread while the caller consumes them:
/// parsing (the reader) and column building (the consumer) then overlap
/// on two cores. Friends pass in batches through a queue of at most
/// `depth` batches, so memory stays bounded however large the file.
/// The consumer sees friends in the reader's order.
enum FriendPipeline {
    static let batchSize = 4096
    static let depth = 4

    /// Runs `reader` on a background thread and calls `consume` with every
    /// friend on the calling thread; returns the reader's report or rethrows its error.
    static func run(_ reader: any FriendReader, consume: (Friend) -> Void) throws -> ImportReport {
        let queue = BatchQueue(depth: depth)
        let thread = Thread {
            var batch: [Friend] = []
            batch.reserveCapacity(batchSize)
            let outcome: Result<ImportReport, Error> = Result {
                try reader.forEach { friend in
                    batch.append(friend)
                    if batch.count == batchSize {
                        queue.put(.friends(batch))
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !batch.isEmpty { queue.put(.friends(batch)) }
            queue.put(.end(outcome))
        }
        thread.stackSize = 1 << 22
        thread.start()
        while true {
            switch queue.take() {
            case .friends(let batch): for f in batch { consume(f) }
            case .end(let outcome): return try outcome.get()
            }
        }
    }

    enum Item {
        case friends([Friend])
        case end(Result<ImportReport, Error>)
    }

    /// A bounded first-in first-out queue between one producer and one consumer.
    final class BatchQueue: @unchecked Sendable {
        private let condition = NSCondition()
        private var items: [Item] = []
        private let depth: Int

        init(depth: Int) { self.depth = depth }

        func put(_ item: Item) {
            condition.lock()
            while items.count >= depth { condition.wait() }
            items.append(item)
            condition.broadcast()
            condition.unlock()
        }

        func take() -> Item {
            condition.lock()
            while items.isEmpty { condition.wait() }
            let item = items.removeFirst()
            condition.broadcast()
            condition.unlock()
            return item
        }
    }
}
