import Foundation
import SegqStore

/// The memory image of a database store, built on a thread of its own
/// while the runner answers by push-down (`EnginePolicy.interactive`).
///
/// The load reads the store through its own connection (a store's
/// connection serves one thread); the finished image is handed over only
/// when the runner asks for it, on the runner's thread. `cancel()` asks a
/// load that is no longer wanted (the store changed meanwhile) to stop
/// early; its image, complete or not, is never handed over.
public final class BackgroundImage: @unchecked Sendable {
    /// Builds the image; polls `isCancelled` as it reads and may return
    /// early once it is true (the result is then thrown away).
    public typealias Load = @Sendable (_ isCancelled: @Sendable () -> Bool) throws -> any BitmapStore

    public enum Outcome {
        case ready(any BitmapStore)
        case failed(String)
    }

    private let condition = NSCondition()
    private var outcome: Outcome?
    private var cancelled = false

    /// Starts `load` on a new thread.
    public init(load: @escaping Load) {
        let thread = Thread { [self] in
            let result: Outcome
            do {
                result = .ready(try load { [self] in self.isCancelled })
            } catch {
                result = .failed(String(describing: error))
            }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "segq memory image"
        thread.start()
    }

    /// The finished load, or nil while it is still running.
    public var finished: Outcome? {
        condition.lock()
        defer { condition.unlock() }
        return outcome
    }

    /// Waits until the load has finished (tests, and callers that would
    /// rather wait than push down).
    @discardableResult
    public func wait() -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome!
    }

    /// Asks the load to stop; its image will not be used.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}

/// How a runner gets a memory image of its database store in the
/// background: the load itself, and the store's version, to tell whether
/// an image still shows the store as it is (a SQLite store's
/// `data_version`, which changes when another process commits).
public struct BackgroundImageSource {
    public var load: BackgroundImage.Load
    public var version: () throws -> Int64

    public init(load: @escaping BackgroundImage.Load, version: @escaping () throws -> Int64) {
        self.load = load
        self.version = version
    }
}
